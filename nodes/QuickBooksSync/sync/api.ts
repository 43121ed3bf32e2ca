import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { QboFunctions } from '../../shared/transport';
import { escapeQueryValue, qboBatch, qboFindIn as transportFindIn, qboQueryAll, qboRequest, QboQuery } from '../../shared/transport';

export { qboRequest };

export { QboQuery, escapeQueryValue };
export type { QueryOperator } from '../../shared/transport';

/** URL segment of an entity: 'SalesReceipt' → 'salesreceipt'. */
export function entityPath(entity: string): string {
	return `/${entity.toLowerCase()}`;
}

/** Reads one record by Id. */
export async function qboRead(ctx: QboFunctions, entity: string, id: string, itemIndex?: number): Promise<IDataObject> {
	const response = (await qboRequest.call(ctx, { method: 'GET', path: `${entityPath(entity)}/${id}`, itemIndex })) as IDataObject;
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
export async function qboWrite(
	ctx: QboFunctions,
	entity: string,
	body: IDataObject,
	options: WriteOptions = {},
): Promise<IDataObject> {
	const qs: IDataObject = {};
	if (options.operation) qs.operation = options.operation;
	if (options.include) qs.include = options.include;
	const response = (await qboRequest.call(ctx, {
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

/** Every row of a query, paged by the transport; `keep` filters rows exactly (limits count kept rows). */
export async function qboSelect(
	ctx: QboFunctions,
	query: QboQuery | string,
	limit?: number,
	keep?: (row: IDataObject) => boolean,
): Promise<IDataObject[]> {
	return (await qboQueryAll.call(ctx, query, { limit, keep })) as IDataObject[];
}

/** Records whose `field` is one of `values` (grouped IN queries); inactive ones too when asked. */
export async function qboFindIn(
	ctx: QboFunctions,
	entity: string,
	field: string,
	values: string[],
	options: { includeInactive?: boolean } = {},
): Promise<IDataObject[]> {
	if (!options.includeInactive) return (await transportFindIn.call(ctx, entity, field, values)) as IDataObject[];
	const rows: IDataObject[] = [];
	// Name lists hide inactive rows unless the query filters on Active; IN (true,false) shows both.
	for (const value of [...new Set(values)]) {
		const text = `SELECT * FROM ${entity} WHERE Active IN (true, false) AND ${field} = '${escapeQueryValue(value)}'`;
		rows.push(...((await qboQueryAll.call(ctx, text)) as IDataObject[]));
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
	ctx: IExecuteFunctions,
	writes: BatchWrite[],
	options: { idempotencyKey?: string } = {},
): Promise<Array<IDataObject | NodeApiError>> {
	if (writes.length === 0) return [];
	const answers = await qboBatch.call(
		ctx,
		writes.map((write) => ({ operation: write.operation, entity: write.entity, body: write.body, label: write.itemLabel })),
		{ itemIndexes: writes.map((write) => write.itemIndex ?? 0), idempotencyKey: options.idempotencyKey },
	);
	return answers.map((answer) => (answer.ok ? answer.data : answer.error));
}

/** Runs several queries in one batch request (≤ 30 per request); one list of rows per query. */
export async function qboBatchQueries(ctx: IExecuteFunctions, queries: string[]): Promise<Array<IDataObject[] | NodeApiError>> {
	if (queries.length === 0) return [];
	const answers = await qboBatch.call(ctx, queries.map((query) => ({ query })));
	return answers.map((answer) => {
		if (!answer.ok) return answer.error;
		const rows = Object.values(answer.data).find((value) => Array.isArray(value));
		return (rows ?? []) as IDataObject[];
	});
}
