import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { calendarDate, instantOf } from '../../../shared/dates';
import { plainNumber, roundToCents } from '../../sync/money';
import { InputProblem } from '../../sync/outcomes';

/** QuickBooks' length limits that we check before writing anything. */
export const LIMITS = { DisplayName: 500, ItemName: 100, DocNumber: 21 } as const;

/** A bad-input error naming the item and the parameter, for the error item and n8n's UI. */
export function inputError(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	message: string,
	description?: string,
): NodeOperationError {
	return fromInputProblem(ctx, new InputProblem(itemIndex, parameter, message, description));
}

/** The domain's InputProblem as n8n's NodeOperationError: same message, item and parameter. */
export function fromInputProblem(ctx: IExecuteFunctions, problem: InputProblem): NodeOperationError {
	const error = new NodeOperationError(ctx.getNode(), problem.message, { itemIndex: problem.itemIndex, description: problem.description });
	error.context.parameter = problem.parameter;
	return error;
}

/** Rejects values longer than QuickBooks accepts (counted in characters, emoji included). */
export function checkLength(
	ctx: IExecuteFunctions,
	itemIndex: number,
	parameter: string,
	value: string,
	max: number,
): void {
	const length = [...value].length;
	if (length > max) {
		throw inputError(ctx, itemIndex, parameter, `"${value.slice(0, 40)}…" is ${length} characters long; QuickBooks allows at most ${max}`);
	}
}

/** A number from a JSON number or plain decimal text (no hex, exponents, separators or empty text); throws naming the parameter. */
export function toNumber(ctx: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): number {
	const number = plainNumber(value);
	if (number === undefined) {
		throw inputError(
			ctx,
			itemIndex,
			parameter,
			`${typeof value === 'string' ? `"${value}"` : String(value)} is not a number`,
			'Give a number or plain decimal text such as 12.5: no thousands separators, hex or exponents.',
		);
	}
	return number;
}

/** Reference fields the user can fill on a customer and on a product/service: each holds a QuickBooks Id. */
export const CUSTOMER_REFS = ['ParentRef'] as const;
export const ITEM_REFS = ['IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef'] as const;

/**
 * Checks the reference fields of a body the user filled (e.g. ParentRef, IncomeAccountRef): each
 * present one must hold a QuickBooks Id. `parameter` is the collection they came from.
 */
export function checkRefIds(ctx: IExecuteFunctions, itemIndex: number, parameter: string, body: Record<string, unknown>, names: readonly string[]): void {
	for (const name of names) {
		const value = body[name];
		if (value === undefined || value === null || value === '') continue;
		toId(ctx, itemIndex, `${parameter}.${name}`, typeof value === 'object' ? (value as { value?: unknown }).value : value);
	}
}

/** A count such as a Limit: a whole number of at least 1 (toNumber). */
export function toCount(ctx: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): number {
	const count = toNumber(ctx, itemIndex, parameter, value);
	if (!Number.isInteger(count) || count < 1) throw inputError(ctx, itemIndex, parameter, `${count} is not a whole number of at least 1`);
	return count;
}

/** A money amount (toNumber), rounded to the cent half up as QuickBooks keeps it. */
export function toMoney(ctx: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): number {
	return roundToCents(toNumber(ctx, itemIndex, parameter, value));
}

/** The calendar day of a date parameter as YYYY-MM-DD (undefined when empty); throws naming the parameter. */
export function toDate(ctx: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): string | undefined {
	const { date, problem } = calendarDate(value, ctx.getTimezone());
	if (problem) throw inputError(ctx, itemIndex, parameter, problem);
	return date;
}

/** The instant of a date-time parameter as an ISO string in UTC (undefined when empty); throws naming the parameter. */
export function toInstant(ctx: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): string | undefined {
	const { ms, problem } = instantOf(value, ctx.getTimezone());
	if (problem) throw inputError(ctx, itemIndex, parameter, problem);
	return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** Reads a QuickBooks Id (digits only) or throws naming the parameter. */
export function toId(ctx: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): string {
	const id = String(value ?? '').trim();
	if (!/^\d+$/.test(id)) throw inputError(ctx, itemIndex, parameter, `"${id}" is not a QuickBooks ID (a number)`);
	return id;
}
