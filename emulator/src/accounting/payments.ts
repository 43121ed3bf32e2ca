import { businessValidation, invalidEnumeration, invalidProperty, invalidReference, requiredMissing } from './faults';
import { appliedTo } from './sales-effects';
import type { EntityRules, WriteContext } from './types';
import { isDate, isObj, maxLen, num, qboDate, refId, round2, str, type Obj } from './values';

/** Payments: money received from a customer, applied to that customer's invoices. */

/** invoice id → amount this payment applies to it. */
function applications(payment: Obj | undefined): Map<string, number> {
	const out = new Map<string, number>();
	for (const line of (payment?.Line as Obj[] | undefined) ?? []) {
		const id = appliedTo(line);
		if (id) out.set(id, round2((out.get(id) ?? 0) + Number(line.Amount)));
	}
	return out;
}

function buildPayment(ctx: WriteContext, input: Obj, prev: Obj | undefined): Obj {
	if (input.CustomerRef === undefined) throw requiredMissing('CustomerRef');
	const customer = ctx.ref('Customer', input.CustomerRef, 'CustomerRef');
	const total = num(input.TotalAmt, 'TotalAmt');
	if (total === undefined) throw requiredMissing('TotalAmt');
	if (total < 0) throw businessValidation('The payment amount can not be negative.', 'TotalAmt');
	const txnDate = input.TxnDate === undefined ? qboDate(ctx.clock.now()) : input.TxnDate;
	if (!isDate(txnDate)) throw invalidProperty('TxnDate');
	maxLen(input.PaymentRefNum, 21, 'PaymentRefNum');
	maxLen(input.PrivateNote, 4000, 'PrivateNote');

	const sent = input.Line === undefined ? [] : input.Line;
	if (!Array.isArray(sent)) throw invalidProperty('Line');
	const before = applications(prev);
	const lines: Obj[] = [];
	const perInvoice = new Map<string, number>();
	for (const line of sent) {
		if (!isObj(line)) throw invalidProperty('Line');
		const amount = num(line.Amount, 'Line.Amount');
		if (amount === undefined) throw requiredMissing('Line.Amount');
		if (amount < 0) throw businessValidation('A payment line amount can not be negative.', 'Line.Amount');
		const links = line.LinkedTxn;
		if (!Array.isArray(links) || links.length === 0) throw requiredMissing('Line.LinkedTxn');
		if (links.length > 1) throw invalidProperty('Line.LinkedTxn');
		const link = links[0];
		if (!isObj(link)) throw invalidProperty('Line.LinkedTxn');
		const id = str(link.TxnId);
		if (!id) throw requiredMissing('Line.LinkedTxn.TxnId');
		if (link.TxnType !== 'Invoice') throw invalidEnumeration('Line.LinkedTxn.TxnType', link.TxnType);
		const invoice = ctx.get('Invoice', id);
		if (!invoice) throw invalidReference('Invoice', id, 'Line.LinkedTxn.TxnId');
		if (refId(invoice.CustomerRef) !== customer.Id) {
			throw businessValidation(`Invoice ${id} belongs to another customer; a payment can only be applied to its own customer's invoices.`, 'Line.LinkedTxn');
		}
		perInvoice.set(id, round2((perInvoice.get(id) ?? 0) + amount));
		lines.push({ Amount: round2(amount), LinkedTxn: [{ TxnId: id, TxnType: 'Invoice' }] });
	}
	for (const [id, amount] of perInvoice) {
		const invoice = ctx.get('Invoice', id) as Obj;
		const open = round2(Number(invoice.Balance) + (before.get(id) ?? 0));
		if (amount > open + 0.001) {
			throw businessValidation(`The amount applied to Invoice ${id} (${amount}) is more than its open balance (${open}).`, 'Line.Amount');
		}
	}
	const applied = round2([...perInvoice.values()].reduce((s, a) => s + a, 0));
	if (applied > total + 0.001) throw businessValidation('The payment amount must be greater than or equal to the sum of the amounts applied.', 'TotalAmt');

	const out: Obj = {
		...input,
		CustomerRef: { value: customer.Id, name: customer.DisplayName },
		TxnDate: txnDate,
		TotalAmt: round2(total),
		UnappliedAmt: round2(total - applied),
		Line: lines,
		ProcessPayment: false,
		CurrencyRef: ctx.realm.country === 'CA' ? { value: 'CAD', name: 'Canadian Dollar' } : { value: 'USD', name: 'United States Dollar' },
	};
	if (input.PaymentMethodRef !== undefined) {
		const pm = ctx.ref('PaymentMethod', input.PaymentMethodRef, 'PaymentMethodRef');
		out.PaymentMethodRef = { value: pm.Id, name: pm.Name };
	}
	const depositHolder = ctx.holder('Account:undeposited funds');
	const deposit = input.DepositToAccountRef !== undefined ? ctx.ref('Account', input.DepositToAccountRef, 'DepositToAccountRef') : depositHolder && ctx.get('Account', depositHolder.id);
	if (deposit) out.DepositToAccountRef = { value: deposit.Id, name: deposit.Name };
	return out;
}

/** Moves invoice balances and links from `prev`'s applications to `next`'s. */
function reapply(ctx: WriteContext, paymentId: string, next: Obj | undefined, prev: Obj | undefined): void {
	const before = applications(prev);
	const after = applications(next);
	for (const id of new Set([...before.keys(), ...after.keys()])) {
		const delta = round2((after.get(id) ?? 0) - (before.get(id) ?? 0));
		const linked = after.has(id);
		if (delta === 0 && linked === before.has(id)) continue;
		if (!ctx.get('Invoice', id)) continue;
		ctx.touch('Invoice', id, (inv) => {
			inv.Balance = round2(Number(inv.Balance) - delta);
			const links = ((inv.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => !(l.TxnType === 'Payment' && l.TxnId === paymentId));
			inv.LinkedTxn = linked ? [...links, { TxnId: paymentId, TxnType: 'Payment' }] : links;
		});
		ctx.adjustCustomerBalance(refId((ctx.get('Invoice', id) as Obj).CustomerRef) as string, -delta);
	}
}

export const paymentRules: EntityRules = {
	name: 'Payment',
	kind: 'txn',
	sequence: 'txn',
	deletable: true,
	printable: true,
	build: buildPayment,
	afterWrite: (ctx, next, prev) => reapply(ctx, String(next.Id), next, prev),
	beforeRemove: (ctx, current) => reapply(ctx, String(current.Id), undefined, current),
	voided: (_ctx, current) => ({ ...current, TotalAmt: 0, UnappliedAmt: 0, Line: [], PrivateNote: 'Voided' }),
};
