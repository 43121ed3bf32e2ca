import type { WriteContext } from './types';
import { isObj, refId, type Obj } from './values';

/**
 * Quantity on hand of inventory items: sales (invoices, sales receipts) take stock out, credit memos and
 * bills put it back. Like QuickBooks, stock may go negative. The item's SyncToken does not move.
 */

const DIRECTION: Record<string, number> = { Invoice: -1, SalesReceipt: -1, CreditMemo: 1, Bill: 1 };

/** item id → quantity a document moves. */
function movements(entity: string, doc: Obj | undefined): Map<string, number> {
	const out = new Map<string, number>();
	const sign = DIRECTION[entity];
	if (!doc || !sign) return out;
	for (const line of (doc.Line as Obj[] | undefined) ?? []) {
		const detail = line.SalesItemLineDetail ?? line.ItemBasedExpenseLineDetail;
		if (!isObj(detail) || typeof detail.Qty !== 'number') continue;
		const id = refId(detail.ItemRef);
		if (id) out.set(id, (out.get(id) ?? 0) + sign * detail.Qty);
	}
	return out;
}

/** Applies the stock change from `prev` (undefined: new) to `next` (undefined: removed). */
export function moveStock(ctx: WriteContext, entity: string, next: Obj | undefined, prev: Obj | undefined): void {
	const delta = movements(entity, next);
	for (const [id, qty] of movements(entity, prev)) delta.set(id, (delta.get(id) ?? 0) - qty);
	for (const [id, qty] of delta) {
		const item = ctx.get('Item', id);
		if (!item || item.Type !== 'Inventory' || qty === 0) continue;
		// Rounded to QuickBooks' quantity precision to keep float noise out of QtyOnHand.
		item.QtyOnHand = Math.round((Number(item.QtyOnHand ?? 0) + qty) * 1e5) / 1e5;
	}
}
