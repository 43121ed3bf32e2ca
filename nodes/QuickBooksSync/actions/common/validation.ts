import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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
	const error = new NodeOperationError(ctx.getNode(), `${message} [parameter: ${parameter}, item ${itemIndex}]`, {
		itemIndex,
		description,
	});
	error.context.parameter = parameter;
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

/** A finite number from a parameter that may hold an expression's string; throws naming the parameter. */
export function toNumber(ctx: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): number {
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	if (!Number.isFinite(number)) {
		throw inputError(ctx, itemIndex, parameter, `"${String(value)}" is not a number`);
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

/** Reads a QuickBooks Id (digits only) or throws naming the parameter. */
export function toId(ctx: IExecuteFunctions, itemIndex: number, parameter: string, value: unknown): string {
	const id = String(value ?? '').trim();
	if (!/^\d+$/.test(id)) throw inputError(ctx, itemIndex, parameter, `"${id}" is not a QuickBooks ID (a number)`);
	return id;
}
