import { businessValidation, invalidEnumeration, invalidProperty, invalidReference, requiredMissing } from './faults';
import { appliedTo } from './sales-effects';
import type { EntityRules, WriteContext } from './types';
import { isDate, isObj, maxLen, num, qboDate, refId, round2, str, type Obj } from './values';

/**
 * Payments: money received from a customer, applied to that customer's invoices — and credit memos used
 * up on the way (a credit line adds to what the payment can apply, as in QuickBooks' "receive payment").
 */

type Applied = 'Invoice' | 'CreditMemo';

/** Transaction id → what this payment applies to it (transaction ids are unique across types). */
function applications(payment: Obj | undefined): Map<string, { type: Applied; amount: number }> {
	const out = new Map<string, { type: Applied; amount: number }>();
	for (const line of (payment?.Line as Obj[] | undefined) ?? []) {
		const id = appliedTo(line);
		const type = ((line.LinkedTxn as Obj[])[0]?.TxnType ?? 'Invoice') as Applied;
		if (id) out.set(id, { type, amount: round2((out.get(id)?.amount ?? 0) + Number(line.Amount)) });
	}
	return out;
}

/** What is still open on a linked transaction: an invoice's balance, a credit memo's remaining credit. */
const openOf = (txn: Obj): number => Number(txn.Balance ?? 0);

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
	const perTxn = new Map<string, { type: Applied; amount: number }>();
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
		const type = link.TxnType;
		if (type !== 'Invoice' && type !== 'CreditMemo') throw invalidEnumeration('Line.LinkedTxn.TxnType', type);
		const txn = ctx.get(type, id);
		if (!txn) throw invalidReference(type, id, 'Line.LinkedTxn.TxnId');
		if (refId(txn.CustomerRef) !== customer.Id) {
			throw businessValidation(`${type} ${id} belongs to another customer; a payment can only be applied to its own customer's transactions.`, 'Line.LinkedTxn');
		}
		const entry = perTxn.get(id) ?? { type, amount: 0 };
		entry.amount = round2(entry.amount + amount);
		perTxn.set(id, entry);
		lines.push({ Amount: round2(amount), LinkedTxn: [{ TxnId: id, TxnType: type }] });
	}
	let invoices = 0;
	let credits = 0;
	for (const [id, { type, amount }] of perTxn) {
		const open = round2(openOf(ctx.get(type, id) as Obj) + (before.get(id)?.amount ?? 0));
		if (amount > open + 0.001) {
			throw businessValidation(`The amount applied to ${type} ${id} (${amount}) is more than its open balance (${open}).`, 'Line.Amount');
		}
		if (type === 'Invoice') invoices += amount;
		else credits += amount;
	}
	// Credits used pay for invoices too: only the rest has to come from the money received.
	const applied = round2(invoices - credits);
	if (credits > invoices + 0.001) throw businessValidation('The credits applied can not be more than the invoices they pay.', 'Line.Amount');
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

/** Moves balances and links of invoices and credit memos from `prev`'s applications to `next`'s. */
function reapply(ctx: WriteContext, paymentId: string, next: Obj | undefined, prev: Obj | undefined): void {
	const before = applications(prev);
	const after = applications(next);
	for (const id of new Set([...before.keys(), ...after.keys()])) {
		const type = (after.get(id) ?? before.get(id))?.type as Applied;
		const delta = round2((after.get(id)?.amount ?? 0) - (before.get(id)?.amount ?? 0));
		const linked = after.has(id);
		if (delta === 0 && linked === before.has(id)) continue;
		if (!ctx.get(type, id)) continue;
		ctx.touch(type, id, (txn) => {
			txn.Balance = round2(Number(txn.Balance) - delta);
			if (type === 'CreditMemo') txn.RemainingCredit = txn.Balance;
			const links = ((txn.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => !(l.TxnType === 'Payment' && l.TxnId === paymentId));
			txn.LinkedTxn = linked ? [...links, { TxnId: paymentId, TxnType: 'Payment' }] : links;
		});
		// Paying an invoice lowers what the customer owes; using a credit memo removes credit (raises it).
		const customerId = refId((ctx.get(type, id) as Obj).CustomerRef) as string;
		ctx.adjustCustomerBalance(customerId, type === 'Invoice' ? -delta : delta);
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
