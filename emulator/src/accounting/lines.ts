import { amountMismatch, businessValidation, discountIncomplete, invalidEnumeration, invalidProperty, requiredMissing } from './faults';
import { fromCents, lineCents, netOfTaxCents, percentCents, toCents } from './money';
import { canadianTax, linePercent, NO_DISCOUNT, requireCanadianLineCode, usLineCode, usTax, type TaxableLine } from './tax';
import type { WriteContext } from './types';
import { bool, isDate, isObj, maxLen, num, type Obj } from './values';

/** Sales lines (invoices, estimates, sales receipts, credit memos): validation, subtotal, discount, tax, total. */

export interface SalesTotals {
	Line: Obj[];
	TxnTaxDetail: Obj;
	TotalAmt: number;
	GlobalTaxCalculation?: string;
}

const CA_CALC = ['TaxExcluded', 'TaxInclusive', 'NotApplicable'];

interface ItemLine {
	out: Obj;
	net: number;
	taxCodeId: string | undefined;
}

/** One SalesItemLineDetail line, checked against its item. */
function itemLine(ctx: WriteContext, line: Obj, calc: string | undefined, customerTaxable: boolean): ItemLine {
	const detail = line.SalesItemLineDetail;
	if (!isObj(detail)) throw requiredMissing('Line.SalesItemLineDetail');
	if (detail.ItemRef === undefined) throw requiredMissing('Line.SalesItemLineDetail.ItemRef');
	const item = ctx.ref('Item', detail.ItemRef, 'Line.SalesItemLineDetail.ItemRef');
	if (item.Type === 'Category') throw businessValidation(`${item.Name as string} is a category and can't be used on a transaction.`, 'Line.SalesItemLineDetail.ItemRef');
	const inclusive = calc === 'TaxInclusive';
	// A stored tax-inclusive line (sparse update) carries its gross in TaxInclusiveAmt; Amount is then the net.
	const amount = (inclusive ? num(detail.TaxInclusiveAmt, 'Line.SalesItemLineDetail.TaxInclusiveAmt') : undefined) ?? num(line.Amount, 'Line.Amount');
	if (amount === undefined) throw requiredMissing('Line.Amount');
	const qty = num(detail.Qty, 'Line.SalesItemLineDetail.Qty');
	const unitPrice = num(detail.UnitPrice, 'Line.SalesItemLineDetail.UnitPrice');
	// Amount must be Qty × UnitPrice rounded to the cent, computed in decimals (money.ts).
	if (qty !== undefined && unitPrice !== undefined && lineCents(qty, unitPrice) !== toCents(amount)) throw amountMismatch(amount);
	if (item.Type === 'Inventory' && qty === undefined) {
		throw businessValidation(`You must specify a quantity for the inventory item ${item.Name as string}.`, 'Line.SalesItemLineDetail.Qty');
	}
	if (detail.ServiceDate !== undefined && !isDate(detail.ServiceDate)) throw invalidProperty('Line.SalesItemLineDetail.ServiceDate');
	maxLen(line.Description, 4000, 'Line.Description');

	let taxCodeId: string | undefined;
	// US: a line without a code is taxable when both the item and the customer are.
	if (ctx.realm.country === 'US') taxCodeId = usLineCode(detail.TaxCodeRef, item.Taxable === true && customerTaxable ? 'TAX' : 'NON');
	else if (calc !== 'NotApplicable') taxCodeId = requireCanadianLineCode(ctx, detail.TaxCodeRef, 'Line.SalesItemLineDetail.TaxCodeRef');

	const outDetail: Obj = { ...detail, ItemRef: { value: item.Id, name: item.Name } };
	if (qty !== undefined) outDetail.Qty = qty;
	if (unitPrice !== undefined) outDetail.UnitPrice = unitPrice;
	else if (qty !== undefined && qty !== 0) outDetail.UnitPrice = amount / qty;
	if (taxCodeId !== undefined) outDetail.TaxCodeRef = { value: taxCodeId };
	if (detail.ClassRef !== undefined) {
		const cls = ctx.ref('Class', detail.ClassRef, 'Line.SalesItemLineDetail.ClassRef');
		outDetail.ClassRef = { value: cls.Id, name: cls.FullyQualifiedName };
	}
	let net = fromCents(toCents(amount));
	if (inclusive && taxCodeId !== undefined) {
		// The amount sent includes tax; QuickBooks stores the net and keeps the gross as TaxInclusiveAmt.
		outDetail.TaxInclusiveAmt = net;
		net = fromCents(netOfTaxCents(toCents(amount), linePercent(ctx, taxCodeId)));
	}
	const out: Obj = { ...line, Amount: net, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: outDetail };
	return { out, net, taxCodeId };
}

/**
 * Parses and totals the lines of a sales document (`customer` decides the default US line tax code).
 * `prevLines` are the stored lines on an update: a line sent with one of their Ids keeps it, any other
 * line gets a new Id above every Id used before (recorded: a full update of a sales receipt whose only
 * line was "1", sending the line without its Id, answers the line as "2" — minimul/qbo_api
 * spec/vcr/update/sales_receipt.yml).
 */
export function salesTotals(ctx: WriteContext, input: Obj, customer: Obj | undefined, prevLines?: unknown): SalesTotals {
	const customerTaxable = customer?.Taxable !== false;
	const raw = input.Line;
	if (!Array.isArray(raw)) throw requiredMissing('Line');
	const ca = ctx.realm.country === 'CA';
	const calc = ca ? String(input.GlobalTaxCalculation ?? 'TaxExcluded') : undefined;
	if (calc !== undefined && !CA_CALC.includes(calc)) throw invalidEnumeration('GlobalTaxCalculation', calc);

	const body: Obj[] = [];
	const taxable: TaxableLine[] = [];
	let subtotalCents = 0n;
	let discountLine: Obj | undefined;
	for (const line of raw) {
		if (!isObj(line)) throw invalidProperty('Line');
		const type = line.DetailType;
		if (type === undefined) throw requiredMissing('Line.DetailType');
		if (type === 'SubTotalLineDetail') continue; // recomputed below, as QuickBooks does
		if (type === 'SalesItemLineDetail') {
			const parsed = itemLine(ctx, line, calc, customerTaxable);
			body.push(parsed.out);
			taxable.push({ net: parsed.net, taxCodeId: parsed.taxCodeId });
			subtotalCents += toCents(parsed.net);
		} else if (type === 'DescriptionOnly') {
			maxLen(line.Description, 4000, 'Line.Description');
			body.push({ ...line, DetailType: 'DescriptionOnly', DescriptionLineDetail: isObj(line.DescriptionLineDetail) ? line.DescriptionLineDetail : {} });
		} else if (type === 'DiscountLineDetail') {
			if (discountLine) throw businessValidation('Only one discount line is allowed on a transaction.', 'Line.DiscountLineDetail');
			discountLine = line;
		} else {
			throw invalidEnumeration('Line.DetailType', type);
		}
	}
	if (body.length === 0) throw requiredMissing('Line');
	const subtotal = fromCents(subtotalCents);

	let discountCents = 0n;
	let discountOut: Obj | undefined;
	if (discountLine) {
		const d = isObj(discountLine.DiscountLineDetail) ? discountLine.DiscountLineDetail : {};
		const percentBased = bool(d.PercentBased) ?? false;
		const percent = num(d.DiscountPercent, 'Line.DiscountLineDetail.DiscountPercent');
		const amount = num(discountLine.Amount, 'Line.Amount');
		if (percentBased && percent !== undefined) discountCents = percentCents(subtotalCents, percent);
		else if (amount !== undefined) discountCents = toCents(amount);
		else throw discountIncomplete();
		if (discountCents < 0n || discountCents > subtotalCents) throw businessValidation('The discount can not be more than the subtotal.', 'Line.DiscountLineDetail');
		const account = d.DiscountAccountRef !== undefined ? ctx.ref('Account', d.DiscountAccountRef, 'Line.DiscountLineDetail.DiscountAccountRef') : defaultDiscountAccount(ctx);
		discountOut = {
			...discountLine,
			Amount: fromCents(discountCents),
			DetailType: 'DiscountLineDetail',
			DiscountLineDetail: {
				PercentBased: percentBased,
				...(percentBased && percent !== undefined ? { DiscountPercent: percent } : {}),
				...(account ? { DiscountAccountRef: { value: account.Id, name: account.Name } } : {}),
			},
		};
	}

	// Canada always discounts before tax; the US only when ApplyTaxAfterDiscount is set.
	const discountBeforeTax = ca || bool(input.ApplyTaxAfterDiscount) === true;
	const share = discountBeforeTax && subtotalCents > 0n ? { part: subtotalCents - discountCents, whole: subtotalCents } : NO_DISCOUNT;
	const txnTaxDetail = isObj(input.TxnTaxDetail) ? input.TxnTaxDetail : {};
	const tax = ca
		? calc === 'NotApplicable'
			? { totalTax: 0, detail: { TotalTax: 0 } }
			: canadianTax(ctx, taxable, share)
		: usTax(ctx, taxable, share, txnTaxDetail.TxnTaxCodeRef);

	const lineId = lineIds(prevLines);
	const lines: Obj[] = body.map((l, i) => ({ Id: lineId(l.Id), LineNum: i + 1, ...withoutIds(l) }));
	lines.push({ Amount: subtotal, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
	if (discountOut) lines.push({ Id: lineId(discountOut.Id), ...withoutIds(discountOut) });
	return {
		Line: lines,
		TxnTaxDetail: tax.detail,
		TotalAmt: fromCents(subtotalCents - discountCents + toCents(tax.totalTax)),
		...(calc !== undefined ? { GlobalTaxCalculation: calc } : {}),
	};
}

/** Hands out line Ids: a stored line's Id when sent again (once), else the next unused number. */
function lineIds(prevLines: unknown): (sent: unknown) => string {
	const stored = new Set<string>();
	let highest = 0;
	for (const line of Array.isArray(prevLines) ? prevLines : []) {
		const id = isObj(line) && typeof line.Id === 'string' && /^\d+$/.test(line.Id) ? line.Id : undefined;
		if (!id) continue;
		stored.add(id);
		highest = Math.max(highest, Number(id));
	}
	return (sent) => {
		const id = typeof sent === 'number' || typeof sent === 'string' ? String(sent) : undefined;
		if (id !== undefined && stored.delete(id)) return id;
		return String(++highest);
	};
}

/** QuickBooks numbers lines itself; ids sent by the caller are replaced. */
function withoutIds(line: Obj): Obj {
	const { Id: _id, LineNum: _num, ...rest } = line;
	return rest;
}

function defaultDiscountAccount(ctx: WriteContext): Obj | undefined {
	const ref = ((ctx.prefs().SalesFormsPrefs as Obj | undefined)?.DefaultDiscountAccount as string | undefined) ?? undefined;
	return ref ? ctx.get('Account', ref) : undefined;
}

/** Lines with every amount set to 0 (a voided transaction). */
export function zeroedLines(lines: unknown): Obj[] {
	if (!Array.isArray(lines)) return [];
	return lines.map((l: Obj) => {
		const out: Obj = { ...l, Amount: 0 };
		if (isObj(out.SalesItemLineDetail)) {
			// QuickBooks keeps a voided line's Qty and UnitPrice, at 0 (only where the line had them).
			const d = { ...(out.SalesItemLineDetail as Obj) };
			if (d.Qty !== undefined) d.Qty = 0;
			if (d.UnitPrice !== undefined) d.UnitPrice = 0;
			delete d.TaxInclusiveAmt;
			out.SalesItemLineDetail = d;
		}
		return out;
	});
}
