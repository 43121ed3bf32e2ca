import type { IDataObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { QboFunctions } from './company';
import { faultToNodeApiError, findFault } from './faults';
import { qboRequest } from './request';
import type { RetryPolicy } from './retry';

/** Items per /batch request: Intuit's limits page recommends 30. */
export const BATCH_SIZE = 30;

/** One entry of a batch: a write on an entity, or a query. `label` names the item in error messages. */
export type BatchOperation =
	| { operation: 'create' | 'update' | 'delete' | 'void'; entity: string; body: IDataObject; label?: string }
	| { query: string; label?: string };

/** The answer to one BatchOperation, in input order. */
export type BatchResult =
	| { ok: true; entity?: string; data: IDataObject }
	| { ok: false; error: NodeApiError; codes: string[] };

export interface BatchOptions {
	idempotencyKey?: string;
	/** itemIndexes[i] is the n8n item of operations[i], so each error points at its item. */
	itemIndexes?: number[];
	retry?: Partial<RetryPolicy>;
}

/** One BatchItemRequest as QuickBooks expects it. */
export function toBatchItemRequest(operation: BatchOperation, bId: string): IDataObject {
	if ('query' in operation) return { bId, Query: operation.query };
	const entity = canonicalEntity(operation.entity);
	// In a batch a void is an update with optionsData "void" (the payment void of the REST API is one too).
	if (operation.operation === 'void') return { bId, operation: 'update', optionsData: 'void', [entity]: operation.body };
	return { bId, operation: operation.operation, [entity]: operation.body };
}

/** Entity names whose JSON key is not just the capitalised name (URL segments are lower case). */
const CANONICAL_ENTITIES: Record<string, string> = Object.fromEntries(
	[
		'Account', 'Bill', 'BillPayment', 'Class', 'CompanyInfo', 'CreditMemo', 'Customer', 'Department', 'Deposit',
		'Employee', 'Estimate', 'Invoice', 'Item', 'JournalEntry', 'Payment', 'PaymentMethod', 'Preferences',
		'Purchase', 'PurchaseOrder', 'RefundReceipt', 'SalesReceipt', 'TaxAgency', 'TaxCode', 'TaxRate', 'Term',
		'TimeActivity', 'Transfer', 'Vendor', 'VendorCredit',
	].map((name) => [name.toLowerCase(), name]),
);

/** 'invoice' / 'Invoice' / 'salesreceipt' → 'Invoice' / 'SalesReceipt' (the JSON key QuickBooks uses). */
export function canonicalEntity(entity: string): string {
	return CANONICAL_ENTITIES[entity.toLowerCase()] ?? entity.charAt(0).toUpperCase() + entity.slice(1);
}

/**
 * Runs operations through /batch, ≤ 30 per request, chunks concurrently within the realm's limit.
 * Returns one result per operation, in input order: per-item faults become per-item NodeApiErrors,
 * and a whole request that fails (e.g. still throttled after the retries) fails each of its items,
 * so nothing is silently lost.
 */
export async function qboBatch(
	this: QboFunctions,
	operations: BatchOperation[],
	options: BatchOptions = {},
): Promise<BatchResult[]> {
	const results: BatchResult[] = new Array(operations.length);
	const chunks: number[][] = [];
	for (let start = 0; start < operations.length; start += BATCH_SIZE) {
		chunks.push(operations.slice(start, start + BATCH_SIZE).map((_, offset) => start + offset));
	}
	const node = this.getNode();
	const itemIndexOf = (index: number) => options.itemIndexes?.[index];

	await Promise.all(
		chunks.map(async (indexes, chunkNumber) => {
			const bIdOf = (index: number) => String(index - indexes[0] + 1);
			const request = indexes.map((index) => toBatchItemRequest(operations[index], bIdOf(index)));
			let response: IDataObject;
			try {
				response = (await qboRequest.call(this, {
					method: 'POST',
					path: '/batch',
					body: { BatchItemRequest: request },
					idempotencyKey: `${options.idempotencyKey ?? ''}#${chunkNumber}`,
					retry: options.retry,
				})) as IDataObject;
			} catch (error) {
				for (const index of indexes) results[index] = wholeBatchFailure(node, error, itemIndexOf(index), operations[index].label);
				return;
			}
			const byBId = new Map<string, IDataObject>();
			for (const item of (response.BatchItemResponse ?? []) as IDataObject[]) byBId.set(String(item.bId), item);
			for (const index of indexes) {
				results[index] = itemResult(node, byBId.get(bIdOf(index)), itemIndexOf(index), operations[index].label);
			}
		}),
	);
	return results;
}

/** Turns one BatchItemResponse into a BatchResult. */
export function itemResult(node: INode, item: IDataObject | undefined, itemIndex?: number, itemLabel?: string): BatchResult {
	if (!item) {
		const error = new NodeApiError(node, {}, {
			message: `QuickBooks returned no answer for this batch item${itemIndex !== undefined ? ` (item ${itemIndex})` : ''}`,
			description: 'The item may or may not have been written; look it up before repeating it.',
			itemIndex,
		});
		return { ok: false, error, codes: [] };
	}
	const fault = findFault(item.Fault ? { Fault: item.Fault } : undefined);
	if (fault) {
		const codes = fault.Error.map((error) => String(error.code ?? ''));
		return { ok: false, error: faultToNodeApiError(node, { Fault: item.Fault }, { itemIndex, itemLabel }), codes };
	}
	const entity = Object.keys(item).find((key) => key !== 'bId');
	if (!entity) return { ok: true, data: {} };
	return { ok: true, entity: entity === 'QueryResponse' ? undefined : entity, data: item[entity] as IDataObject };
}

/** The same failure, re-issued for one item of a batch that failed as a whole. */
function wholeBatchFailure(node: INode, error: unknown, itemIndex?: number, itemLabel?: string): BatchResult {
	if (error instanceof NodeApiError) {
		const copy = new NodeApiError(node, (error.errorResponse ?? {}) as never, {
			message: itemIndex !== undefined ? `${error.message} (item ${itemIndex}${itemLabel ? ` "${itemLabel}"` : ''})` : error.message,
			description: error.description ?? undefined,
			httpCode: error.httpCode ?? undefined,
			itemIndex,
		});
		Object.assign(copy.context, error.context, { itemIndex, wholeBatchFailed: true });
		const code = String(error.context.qboFaultCode ?? error.httpCode ?? '');
		return { ok: false, error: copy, codes: code ? [code] : [] };
	}
	const fallback = faultToNodeApiError(node, undefined, { itemIndex, itemLabel });
	return { ok: false, error: fallback, codes: [] };
}
