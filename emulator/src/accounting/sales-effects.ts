import type { WriteContext } from './types';
import { refId, round2, type Obj } from './values';

/** What a sales document changes elsewhere: customer balances, estimate links, payments applied to it. */

export type SalesKind = 'Invoice' | 'Estimate' | 'SalesReceipt' | 'CreditMemo';

/** Open balance a document adds to its customer (invoices owe, credit memos credit). */
function openBalance(kind: SalesKind, doc: Obj | undefined): number {
	if (!doc || !refId(doc.CustomerRef)) return 0;
	if (kind === 'Invoice') return Number(doc.Balance ?? 0);
	if (kind === 'CreditMemo') return -Number(doc.Balance ?? 0);
	return 0;
}

/** Moves a document's open balance between customers as it is written, changed or removed. */
export function moveCustomerBalance(ctx: WriteContext, kind: SalesKind, next: Obj | undefined, prev: Obj | undefined): void {
	const before = openBalance(kind, prev);
	const after = openBalance(kind, next);
	if (before !== 0) ctx.adjustCustomerBalance(refId(prev?.CustomerRef) as string, -before);
	if (after !== 0) ctx.adjustCustomerBalance(refId(next?.CustomerRef) as string, after);
}

const estimateIds = (doc: Obj | undefined): string[] =>
	((doc?.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => l.TxnType === 'Estimate').map((l) => String(l.TxnId));

/** Closes newly linked estimates and reopens unlinked ones, keeping both sides' LinkedTxn in step. */
export function syncEstimateLinks(ctx: WriteContext, invoiceId: string, next: Obj | undefined, prev: Obj | undefined): void {
	const now = estimateIds(next);
	const before = estimateIds(prev);
	for (const id of now.filter((x) => !before.includes(x))) {
		ctx.touch('Estimate', id, (est) => {
			const links = ((est.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => !(l.TxnType === 'Invoice' && l.TxnId === invoiceId));
			est.LinkedTxn = [...links, { TxnId: invoiceId, TxnType: 'Invoice' }];
			est.TxnStatus = 'Closed';
		});
	}
	for (const id of before.filter((x) => !now.includes(x))) {
		if (!ctx.get('Estimate', id)) continue;
		ctx.touch('Estimate', id, (est) => {
			est.LinkedTxn = ((est.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => !(l.TxnType === 'Invoice' && l.TxnId === invoiceId));
			if (!(est.LinkedTxn as Obj[]).some((l) => l.TxnType === 'Invoice')) est.TxnStatus = 'Pending';
		});
	}
}

/** A payment that applied money to an invoice about to disappear keeps it as unapplied credit. */
export function releasePayments(ctx: WriteContext, invoice: Obj): void {
	const payments = ((invoice.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => l.TxnType === 'Payment');
	for (const link of payments) {
		const id = String(link.TxnId);
		if (!ctx.get('Payment', id)) continue;
		ctx.touch('Payment', id, (pay) => {
			const lines = (pay.Line as Obj[] | undefined) ?? [];
			const released = lines.filter((l) => appliedTo(l) === invoice.Id).reduce((s, l) => s + Number(l.Amount), 0);
			pay.Line = lines.filter((l) => appliedTo(l) !== invoice.Id);
			pay.UnappliedAmt = round2(Number(pay.UnappliedAmt ?? 0) + released);
		});
	}
}

/** The invoice id a payment line applies to. */
export function appliedTo(line: Obj): string | undefined {
	const link = ((line.LinkedTxn as Obj[] | undefined) ?? [])[0];
	return link ? String(link.TxnId) : undefined;
}
