import type { IDataObject } from 'n8n-workflow';

import { qboRecordsIn } from '../../sync/api';
import type { ResolvedDocument } from '../../sync/drafts';
import type { DocumentKey } from '../../sync/exactlyOnce';
import { byDocNumber } from '../../sync/exactlyOnce';

/** The estimate ids an invoice body (or a stored invoice) links. */
export function linkedEstimates(invoice: IDataObject): string[] {
	return ((invoice.LinkedTxn ?? []) as IDataObject[]).filter((link) => link.TxnType === 'Estimate').map((link) => String(link.TxnId));
}

/**
 * The business key of Convert to Invoice: the estimates themselves (an estimate is billed once), and
 * the Document Number too when one is given. An invoice that links EVERY estimate of the item holds
 * the key, so a replay or a racing execution finds it even when no Document Number was given (F1b).
 */
export const billedEstimatesKey: DocumentKey = {
	has: () => true,
	async holders(ctx, entity, docs: ResolvedDocument[], options) {
		const out = await byDocNumber.holders(ctx, entity, docs, options);
		const wanted = [...new Set(docs.flatMap((doc) => linkedEstimates(doc.body)))];
		if (wanted.length === 0) return out;
		// QuickBooks cannot query invoices by link; the estimates name the invoices that bill them.
		const estimates: IDataObject[] = await qboRecordsIn.call(ctx, 'Estimate', 'Id', wanted);
		const invoiceIds = [
			...new Set(estimates.flatMap((estimate) => ((estimate.LinkedTxn ?? []) as IDataObject[]).filter((l) => l.TxnType === 'Invoice').map((l) => String(l.TxnId)))),
		];
		const invoices: IDataObject[] = invoiceIds.length > 0 ? await qboRecordsIn.call(ctx, 'Invoice', 'Id', invoiceIds) : [];
		for (const doc of docs) {
			const ids = linkedEstimates(doc.body);
			const billing = invoices.filter((invoice) => ids.every((id) => linkedEstimates(invoice).includes(id)));
			const byNumber = out.get(doc.draft.itemIndex) ?? [];
			const all = [...byNumber, ...billing.filter((invoice) => !byNumber.some((row) => String(row.Id) === String(invoice.Id)))];
			out.set(doc.draft.itemIndex, all.sort((a, b) => Number(a.Id) - Number(b.Id)));
		}
		return out;
	},
};
