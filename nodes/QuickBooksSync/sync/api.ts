import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import type { QboFunctions, QboQuery, QueryOptions } from '../../shared/transport';
import { escapeQueryValue, qboBatch, qboFindIn, qboQueryAll, qboRequest } from '../../shared/transport';

/*
 * Record-level QuickBooks calls on top of transport/. They keep transport's calling convention (the
 * n8n context is `this`: `qboRead.call(ctx, 'Invoice', id)`), so every QuickBooks call of the pack,
 * here or in transport, reads the same way. They answer QuickBooks records (IDataObject), not transport's generic rows.
 */

/** URL segment of an entity: 'SalesReceipt' → 'salesreceipt'. */
export function entityPath(entity: string): string {
	return `/${entity.toLowerCase()}`;
}

/** Reads one record by Id. */
export async function qboRead(this: QboFunctions, entity: string, id: string, itemIndex?: number): Promise<IDataObject> {
	const response = (await qboRequest.call(this, { method: 'GET', path: `${entityPath(entity)}/${id}`, itemIndex })) as IDataObject;
	return (response[entity] ?? response) as IDataObject;
}

export interface WriteOptions {
	operation?: 'update' | 'delete' | 'void';
	include?: string;
	itemIndex?: number;
	itemLabel?: string;
	idempotencyKey?: string;
}

/** POSTs one record (create, update, delete, void) and returns what QuickBooks answers for it. */
export async function qboWrite(this: QboFunctions, entity: string, body: IDataObject, options: WriteOptions = {}): Promise<IDataObject> {
	const qs: IDataObject = {};
	if (options.operation) qs.operation = options.operation;
	if (options.include) qs.include = options.include;
	const response = (await qboRequest.call(this, {
		method: 'POST',
		path: entityPath(entity),
		qs,
		body,
		itemIndex: options.itemIndex,
		itemLabel: options.itemLabel,
		idempotencyKey: options.idempotencyKey,
	})) as IDataObject;
	return (response[entity] ?? response) as IDataObject;
}

/** Every record a query selects, paged by the transport (qboQueryAll); `keep` filters rows exactly. */
export async function qboQueryRecords(this: QboFunctions, query: QboQuery | string, options: QueryOptions = {}): Promise<IDataObject[]> {
	return await qboQueryAll.call<QboFunctions, [QboQuery | string, QueryOptions], Promise<IDataObject[]>>(this, query, options);
}

/**
 * Records whose `field` is one of `values`, in grouped IN queries (transport's qboFindIn); active ones only for name lists.
 * `chunkSize`: values per IN list (default: a page's worth, 1,000).
 */
export async function qboRecordsIn(this: QboFunctions, entity: string, field: string, values: string[], chunkSize?: number): Promise<IDataObject[]> {
	return await qboFindIn.call<QboFunctions, [string, string, string[], { chunkSize?: number }], Promise<IDataObject[]>>(this, entity, field, values, { chunkSize });
}

/**
 * Records whose `field` equals one of `values`, inactive ones included (one query per value). Name
 * lists hide inactive rows unless the query filters on Active; IN (true,false) shows both.
 */
export async function qboFindInactiveToo(this: QboFunctions, entity: string, field: string, values: string[]): Promise<IDataObject[]> {
	const rows: IDataObject[] = [];
	for (const value of [...new Set(values)]) {
		const text = `SELECT * FROM ${entity} WHERE Active IN (true, false) AND ${field} = '${escapeQueryValue(value)}'`;
		rows.push(...(await qboQueryRecords.call(this, text)));
	}
	return rows;
}

export interface BatchWrite {
	entity: string;
	operation: 'create' | 'update' | 'delete';
	body: IDataObject;
	itemIndex?: number;
	itemLabel?: string;
}

/**
 * Writes through the batch endpoint (≤ 30 per request); one answer per write, in order: the record, or its fault.
 * `idempotencyKey` sets a second attempt of the same writes apart from the first (else its requestid replays the first answer).
 */
export async function qboBatchWrite(
	this: IExecuteFunctions,
	writes: BatchWrite[],
	options: { idempotencyKey?: string } = {},
): Promise<Array<IDataObject | NodeApiError>> {
	if (writes.length === 0) return [];
	const answers = await qboBatch.call(
		this,
		writes.map((write) => ({ operation: write.operation, entity: write.entity, body: write.body, label: write.itemLabel })),
		{ itemIndexes: writes.map((write) => write.itemIndex ?? 0), idempotencyKey: options.idempotencyKey },
	);
	return answers.map((answer) => (answer.ok ? answer.data : answer.error));
}
