import type { IDataObject, INodeParameterResourceLocator } from 'n8n-workflow';

import { customerBody, newItemBody } from '../../sync/bodies';
import type { CustomerChoice, DocumentDraft, DraftHeader, DraftLine, NewItemSettings } from '../../sync/drafts';
import { addMoney, decimalPlaces, lineAmount } from '../../sync/money';
import { DEFAULT_INCOME_ACCOUNT } from '../../sync/newItems';
import type { DocumentType } from './family';
import type { RunParameters } from '../common/runParameters';
import { checkLength, checkRefIds, CUSTOMER_REFS, inputError, LIMITS, toDate, toId, toMoney, toNumber } from '../common/validation';

/** The parameters readCustomer reads: list them in a RunParameters of an operation that calls it. */
export const CUSTOMER_PARAMETERS = ['customer', 'createCustomerIfMissing', 'nameClashSuffix', 'newCustomerFields'];

/** The parameters readLines reads. */
export const LINE_PARAMETERS = ['linesInput', 'linesJson', 'lines', 'newItemSettings'];

/** Reads and validates the customer locator of one item. */
export function readCustomer(params: RunParameters, itemIndex: number): CustomerChoice {
	const { ctx } = params;
	const locator = params.get('customer', itemIndex) as INodeParameterResourceLocator;
	const value = String(locator?.value ?? '').trim();
	if (!value) throw inputError(ctx, itemIndex, 'customer', 'Customer is missing');
	if (locator.mode === 'list' || locator.mode === 'id') return { id: toId(ctx, itemIndex, 'customer', value) };
	const field = locator.mode === 'email' ? 'PrimaryEmailAddr' : 'DisplayName';
	const createIfMissing = params.get('createCustomerIfMissing', itemIndex, true) as boolean;
	if (field === 'DisplayName') checkLength(ctx, itemIndex, 'customer', value, LIMITS.DisplayName);
	if (!createIfMissing) return { want: { field, value } };
	const extra = params.object('newCustomerFields', itemIndex);
	checkRefIds(ctx, itemIndex, 'newCustomerFields', extra, CUSTOMER_REFS);
	const create = customerBody({ ...extra, [field]: value });
	if (!create.DisplayName) create.DisplayName = value;
	checkLength(ctx, itemIndex, 'newCustomerFields.DisplayName', String(create.DisplayName), LIMITS.DisplayName);
	const clashSuffix = params.string('nameClashSuffix', itemIndex);
	if (clashSuffix) checkLength(ctx, itemIndex, 'nameClashSuffix', `${value}${clashSuffix}`, LIMITS.DisplayName);
	return { want: { field, value, create, clashSuffix: clashSuffix || undefined } };
}

/** Reads and validates the lines of one item (nothing is looked up yet). */
export function readLines(params: RunParameters, itemIndex: number, required: boolean): DraftLine[] {
	const { ctx } = params;
	const source = params.string('linesInput', itemIndex, 'fields');
	const raw = source === 'json' ? readJsonLines(params, itemIndex) : ((params.object('lines', itemIndex).line ?? []) as IDataObject[]);
	const settings: NewItemSettings = params.object('newItemSettings', itemIndex);
	const lines: DraftLine[] = [];
	raw.forEach((line, index) => {
		const at = `${source === 'json' ? 'linesJson' : 'lines'}[${index}]`;
		const description = String(line.description ?? '');
		if (line.lineType === 'description') {
			if (!description.trim()) throw inputError(ctx, itemIndex, `${at}.description`, 'A Description Only line needs a description');
			lines.push({ kind: 'description', description });
			return;
		}
		const qty = toNumber(ctx, itemIndex, `${at}.quantity`, line.quantity ?? 1);
		if (qty < 0) throw inputError(ctx, itemIndex, `${at}.quantity`, `Quantity ${qty} is negative`);
		const rate = toNumber(ctx, itemIndex, `${at}.rate`, line.rate ?? 0);
		const amount = toMoney(ctx, itemIndex, `${at}.amount`, line.amount ?? 0);
		if (amount !== 0 && rate !== 0 && amount !== lineAmount(qty, rate)) {
			throw inputError(
				ctx,
				itemIndex,
				`${at}.amount`,
				`Amount ${amount} is not Quantity ${qty} × Rate ${rate} = ${lineAmount(qty, rate)} (rounded to the cent, as QuickBooks does)`,
				'Give either Rate or Amount, or make them agree.',
			);
		}
		const draft: DraftLine = {
			kind: 'item',
			description: description || undefined,
			qty,
			rate,
			amount,
			serviceDate: toDate(ctx, itemIndex, `${at}.serviceDate`, line.serviceDate),
			classId: line.classId ? String(line.classId) : undefined,
			taxCode: line.taxCodeId ? String(line.taxCodeId).trim() : undefined,
		};
		if (draft.classId) draft.classId = toId(ctx, itemIndex, `${at}.classId`, draft.classId);
		if (line.itemBy === 'id') {
			draft.itemId = toId(ctx, itemIndex, `${at}.itemId`, line.itemId);
		} else {
			const name = String(line.itemName ?? '').trim();
			if (!name) throw inputError(ctx, itemIndex, `${at}.itemName`, 'Item Name is empty');
			checkLength(ctx, itemIndex, `${at}.itemName`, name, LIMITS.ItemName);
			if (line.createItemIfMissing !== false && settings.incomeAccountId) toId(ctx, itemIndex, 'newItemSettings.incomeAccountId', settings.incomeAccountId);
			const create = line.createItemIfMissing === false ? undefined : newItemBody(name, settings, settings.incomeAccountId || DEFAULT_INCOME_ACCOUNT);
			draft.itemWant = { field: 'Name', value: name, create };
		}
		lines.push(draft);
	});
	if (required && !lines.some((line) => line.kind === 'item')) {
		throw inputError(ctx, itemIndex, 'lines', 'The document needs at least one Product/Service line');
	}
	return lines;
}

/** Lines given as a JSON array, mapped onto the fields of the Lines collection. */
function readJsonLines(params: RunParameters, itemIndex: number): IDataObject[] {
	const { ctx } = params;
	let value = params.get('linesJson', itemIndex, '[]');
	if (typeof value === 'string') {
		try {
			value = JSON.parse(value || '[]');
		} catch {
			throw inputError(ctx, itemIndex, 'linesJson', 'Lines (JSON) is not valid JSON');
		}
	}
	if (!Array.isArray(value)) throw inputError(ctx, itemIndex, 'linesJson', 'Lines (JSON) must be an array');
	return value.map((element, index) => {
		if (!element || typeof element !== 'object') throw inputError(ctx, itemIndex, `linesJson[${index}]`, 'Each line must be an object');
		const line = element as IDataObject;
		const itemName = line.itemName ?? line.item;
		const hasItem = Boolean(itemName || line.itemId);
		if (!line.lineType && !hasItem) {
			const given = (key: string) => line[key] !== undefined && line[key] !== null && line[key] !== '';
			if (['quantity', 'qty', 'rate', 'unitPrice', 'amount'].some(given)) {
				throw inputError(ctx, itemIndex, `linesJson[${index}].itemName`, 'This line has a quantity, rate or amount but no item: give "itemName" or "itemId"', 'A line with only a description is a description line.');
			}
			if (!String(line.description ?? '').trim()) {
				throw inputError(ctx, itemIndex, `linesJson[${index}]`, 'This line is empty: give an item ("itemName" or "itemId") or a description');
			}
		}
		return {
			lineType: line.lineType ?? (hasItem ? 'item' : 'description'),
			itemBy: line.itemId ? 'id' : 'name',
			itemName,
			itemId: line.itemId,
			createItemIfMissing: line.createItemIfMissing ?? true,
			description: line.description ?? '',
			quantity: line.quantity ?? line.qty ?? 1,
			rate: line.rate ?? line.unitPrice ?? 0,
			amount: line.amount ?? 0,
			serviceDate: line.serviceDate,
			classId: line.classId,
			taxCodeId: line.taxCode ?? line.taxCodeId,
		};
	});
}

/** Reads the header fields (Additional Fields / Update Fields) of one item into a draft's parts. */
export function readHeader(
	params: RunParameters,
	itemIndex: number,
	type: Pick<DocumentType, 'headerFields'>,
	parameter: string,
): Pick<DocumentDraft, 'header' | 'customFields' | 'discount' | 'taxCodeForAllLines'> {
	const { ctx } = params;
	const fields = params.object(parameter, itemIndex);
	const header: DraftHeader = {};
	const date = (key: 'txnDate' | 'dueDate' | 'expirationDate') => {
		const day = toDate(ctx, itemIndex, `${parameter}.${key}`, fields[key]);
		if (day) header[key] = day;
	};
	const id = (key: 'termsId' | 'projectId' | 'paymentMethodId' | 'depositToAccountId') => {
		if (fields[key]) header[key] = toId(ctx, itemIndex, `${parameter}.${key}`, fields[key]);
	};
	date('txnDate');
	date('dueDate');
	date('expirationDate');
	id('termsId');
	if (fields.customerMemo) header.customerMemo = String(fields.customerMemo);
	if (fields.privateNote) header.privateNote = String(fields.privateNote);
	if (fields.billEmail) header.billEmail = String(fields.billEmail).trim();
	if (fields.globalTaxCalculation) header.globalTaxCalculation = fields.globalTaxCalculation as string;
	id('projectId');
	// How a document paid on the spot was paid. Due date, expiration date and terms are read whatever the type
	// (the form shows them only where they belong; a value given anyway goes to QuickBooks, which decides).
	if (type.headerFields.includes('paymentMethodId')) id('paymentMethodId');
	if (type.headerFields.includes('depositToAccountId')) id('depositToAccountId');

	const customFields = (((fields.customFields as IDataObject | undefined)?.field ?? []) as IDataObject[])
		.filter((field) => String(field.name ?? '') !== '')
		.map((field) => ({ name: String(field.name), value: String(field.value ?? '') }));

	let discount: DocumentDraft['discount'];
	if (fields.discountType && fields.discountType !== 'none') {
		const at = `${parameter}.discountValue`;
		const percent = fields.discountType === 'percent';
		const value = percent ? toNumber(ctx, itemIndex, at, fields.discountValue ?? 0) : toMoney(ctx, itemIndex, at, fields.discountValue ?? 0);
		if (value < 0) throw inputError(ctx, itemIndex, at, `Discount ${value} is negative`);
		if (percent && value > 100) throw inputError(ctx, itemIndex, at, `Discount ${value}% is over 100%`);
		// QuickBooks keeps a discount percentage to two decimals.
		if (percent && decimalPlaces(value) > 2) throw inputError(ctx, itemIndex, at, `Discount ${value}% has more than two decimals`, 'QuickBooks keeps a percentage to two decimals, e.g. 12.35.');
		if (value > 0) discount = fields.discountType === 'percent' ? { percent: value } : { amount: value };
	}
	const taxCodeForAllLines = fields.taxCodeForAllLines ? String(fields.taxCodeForAllLines).trim() : undefined;
	return { header, customFields, discount, taxCodeForAllLines };
}

/** An amount discount over the lines' subtotal is refused before anything is written, as QuickBooks refuses it. */
export function checkDiscountFits(params: RunParameters, itemIndex: number, parameter: string, draft: Pick<DocumentDraft, 'lines' | 'discount'>): void {
	const off = draft.discount?.amount;
	if (off === undefined) return;
	const items = draft.lines.filter((line) => line.kind === 'item');
	const subtotal = addMoney(items.map((line) => line.amount || lineAmount(line.qty ?? 1, line.rate ?? 0)));
	if (off > subtotal) throw inputError(params.ctx, itemIndex, `${parameter}.discountValue`, `Discount ${off} is more than the subtotal of the lines, ${subtotal}`);
}

/** Reads the Document Number and checks QuickBooks' 21-character limit. */
export function readDocNumber(params: RunParameters, itemIndex: number): string | undefined {
	const { ctx } = params;
	const docNumber = params.string('docNumber', itemIndex).trim();
	if (!docNumber) return undefined;
	checkLength(ctx, itemIndex, 'docNumber', docNumber, LIMITS.DocNumber);
	return docNumber;
}
