import type { IDataObject } from 'n8n-workflow';

import { qboQueryAll, QboQuery, type QboFunctions } from '../transport';
import { touchBounded } from './boundedRecord';
import { stateOf, type ObjectState } from './objectState';
import type { Selection } from './selection';

/**
 * On activation, remembers the balance of every open invoice (Balance > 0), so an invoice created
 * before the trigger started still reports "paid" when it is paid later — and one that was already
 * paid does not report it again when edited. Bounded by `cap` (the newest invoices win).
 */
export async function seedOpenInvoices(
	context: QboFunctions,
	selection: Selection,
	objects: Record<string, ObjectState>,
	cap: number,
): Promise<number> {
	if (!selection.wants('Invoice', 'paid') && !selection.wants('Invoice', 'partially_paid')) return 0;
	const query = QboQuery.from('Invoice').where('Balance', '>', 0).orderBy('MetaData.LastUpdatedTime', 'DESC');
	const invoices = (await qboQueryAll.call(context, query, { limit: cap })) as IDataObject[];
	// Oldest first, so the newest are the last to be evicted.
	for (const invoice of invoices.reverse()) touchBounded(objects, `Invoice:${String(invoice.Id)}`, stateOf(invoice), cap);
	return invoices.length;
}
