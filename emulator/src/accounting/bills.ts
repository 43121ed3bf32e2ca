import { invalidEnumeration, invalidProperty, requiredMissing } from './faults';
import { moveStock } from './stock';
import { canadianTax, NO_DISCOUNT, requireCanadianLineCode, type TaxableLine } from './tax';
import type { EntityRules, WriteContext } from './types';
import { addDays, isDate, isObj, maxLen, num, qboDate, refId, round2, type Obj } from './values';

/** Bills (basic): a vendor's invoice to the company, with account- or item-based expense lines. */

function expenseLine(ctx: WriteContext, line: Obj, index: number, taxable: TaxableLine[]): Obj {
	const type = line.DetailType;
	if (type === undefined) throw requiredMissing('Line.DetailType');
	const amount = num(line.Amount, 'Line.Amount');
	if (amount === undefined) throw requiredMissing('Line.Amount');
	maxLen(line.Description, 4000, 'Line.Description');
	let detail: Obj;
	if (type === 'AccountBasedExpenseLineDetail') {
		const d = isObj(line.AccountBasedExpenseLineDetail) ? line.AccountBasedExpenseLineDetail : {};
		if (d.AccountRef === undefined) throw requiredMissing('Line.AccountBasedExpenseLineDetail.AccountRef');
		const account = ctx.ref('Account', d.AccountRef, 'Line.AccountBasedExpenseLineDetail.AccountRef');
		detail = { ...d, AccountRef: { value: account.Id, name: account.Name } };
	} else if (type === 'ItemBasedExpenseLineDetail') {
		const d = isObj(line.ItemBasedExpenseLineDetail) ? line.ItemBasedExpenseLineDetail : {};
		if (d.ItemRef === undefined) throw requiredMissing('Line.ItemBasedExpenseLineDetail.ItemRef');
		const item = ctx.ref('Item', d.ItemRef, 'Line.ItemBasedExpenseLineDetail.ItemRef');
		detail = { ...d, ItemRef: { value: item.Id, name: item.Name } };
	} else {
		throw invalidEnumeration('Line.DetailType', type);
	}
	if (ctx.realm.country === 'CA') {
		const code = requireCanadianLineCode(ctx, detail.TaxCodeRef, `Line.${String(type)}.TaxCodeRef`);
		detail.TaxCodeRef = { value: code };
		taxable.push({ net: round2(amount), taxCodeId: code });
	}
	return { ...line, Id: String(index + 1), LineNum: index + 1, Amount: round2(amount), DetailType: type, [type as string]: detail };
}

function buildBill(ctx: WriteContext, input: Obj): Obj {
	if (input.VendorRef === undefined) throw requiredMissing('VendorRef');
	const vendor = ctx.ref('Vendor', input.VendorRef, 'VendorRef');
	if (!Array.isArray(input.Line) || input.Line.length === 0) throw requiredMissing('Line');
	maxLen(input.DocNumber, 21, 'DocNumber');
	maxLen(input.PrivateNote, 4000, 'PrivateNote');
	const txnDate = input.TxnDate === undefined ? qboDate(ctx.clock.now()) : input.TxnDate;
	if (!isDate(txnDate)) throw invalidProperty('TxnDate');
	const taxable: TaxableLine[] = [];
	const lines = input.Line.map((l, i) => expenseLine(ctx, isObj(l) ? l : {}, i, taxable));
	const net = round2(lines.reduce((s, l) => s + Number(l.Amount), 0));
	const tax = ctx.realm.country === 'CA' ? canadianTax(ctx, taxable, NO_DISCOUNT, 'PurchaseTaxRateList') : { totalTax: 0, detail: { TotalTax: 0 } };
	let term: Obj | undefined;
	if (input.SalesTermRef !== undefined) term = ctx.ref('Term', input.SalesTermRef, 'SalesTermRef');
	else if (refId(vendor.TermRef)) term = ctx.get('Term', refId(vendor.TermRef) as string);
	if (input.DueDate !== undefined && !isDate(input.DueDate)) throw invalidProperty('DueDate');
	const apHolder = ctx.holder('Account:accounts payable (a/p)');
	const total = round2(net + tax.totalTax);
	return {
		...input,
		VendorRef: { value: vendor.Id, name: vendor.DisplayName },
		TxnDate: txnDate,
		DueDate: input.DueDate ?? addDays(txnDate, Number(term?.DueDays ?? 0)),
		SalesTermRef: term ? { value: term.Id, name: term.Name } : undefined,
		Line: lines,
		TxnTaxDetail: tax.detail,
		TotalAmt: total,
		Balance: total,
		APAccountRef: apHolder ? { value: apHolder.id, name: 'Accounts Payable (A/P)' } : undefined,
		CurrencyRef: ctx.realm.country === 'CA' ? { value: 'CAD', name: 'Canadian Dollar' } : { value: 'USD', name: 'United States Dollar' },
	};
}

export const billRules: EntityRules = {
	name: 'Bill',
	kind: 'txn',
	sequence: 'txn',
	deletable: true,
	build: (ctx, input) => buildBill(ctx, input),
	afterWrite: (ctx, next, prev) => moveStock(ctx, 'Bill', next, prev),
	beforeRemove: (ctx, current) => moveStock(ctx, 'Bill', undefined, current),
};
