import type { IDataObject } from 'n8n-workflow';

import type { QboFunctions } from './company';
import { MAX_PAGE_SIZE, QboQuery, type QueryValue, type QueryOperator } from './query';
import { qboRequest, type QboRequestOptions } from './request';

/** Above this URL length a query goes by POST (Content-Type application/text) instead of GET. */
export const MAX_GET_QUERY_LENGTH = 2000;

/**
 * Values per `IN (…)` list: as many as one page can answer (MAXRESULTS 1,000), so looking up N unique
 * keys costs ⌈N/1000⌉ requests. Intuit documents no cap on IN lists or query length; a long query goes by
 * POST (application/text), so no URL limit applies either.
 */
export const DEFAULT_IN_CHUNK = 1000;

/**
 * Fields QuickBooks keeps unique within the entity (qbo-api.md: DisplayName across names, Name among
 * items, Id everywhere): an IN list of n of their values matches at most n records, so one page of n
 * settles it, with no empty page asked for to learn that a full page was the last.
 */
const UNIQUE_KEYS: Record<string, readonly string[]> = {
	Customer: ['DisplayName'],
	Vendor: ['DisplayName'],
	Employee: ['DisplayName'],
	Item: ['Name'],
};
const isUniqueKey = (entity: string, field: string): boolean => field === 'Id' || (UNIQUE_KEYS[entity] ?? []).includes(field);

/** Safety bound on pages per query (10 million rows). */
const MAX_PAGES = 10_000;

export interface QueryOptions {
	/** Stop after this many rows (counting only kept rows). */
	limit?: number;
	/** Keeps only the rows this accepts (an exact match the query could only widen); pages are full pages then. */
	keep?: (row: IDataObject) => boolean;
	itemIndex?: number;
	retry?: QboRequestOptions['retry'];
}

/** Runs one query text (one page) and returns QuickBooks' QueryResponse. */
export async function qboQueryPage(this: QboFunctions, text: string, options: QueryOptions = {}): Promise<IDataObject> {
	const encoded = encodeURIComponent(text);
	// The query goes into the path ourselves, so spaces are %20 as QuickBooks' own SDKs send them.
	const request: QboRequestOptions =
		encoded.length <= MAX_GET_QUERY_LENGTH
			? { method: 'GET', path: `/query?query=${encoded}` }
			: { method: 'POST', path: '/query', body: text, contentType: 'application/text' };
	const response = await qboRequest.call(this, { ...request, itemIndex: options.itemIndex, retry: options.retry });
	return ((response as IDataObject).QueryResponse ?? {}) as IDataObject;
}

/** The rows of a QueryResponse: the one array in it (its key is the entity's name). */
function rowsOf(queryResponse: IDataObject, entity?: string): IDataObject[] {
	if (entity && Array.isArray(queryResponse[entity])) return queryResponse[entity] as IDataObject[];
	for (const value of Object.values(queryResponse)) if (Array.isArray(value)) return value as IDataObject[];
	return [];
}

/**
 * All rows of a query, 1,000 per page (STARTPOSITION/MAXRESULTS), up to `limit`. A COUNT(*) query
 * returns one row `{ totalCount }`. A text query that already has STARTPOSITION or MAXRESULTS is
 * sent once, as written.
 */
export async function qboQueryAll<T = IDataObject>(
	this: QboFunctions,
	query: QboQuery | string,
	options: QueryOptions = {},
): Promise<T[]> {
	const limit = options.limit !== undefined && options.limit >= 0 ? Math.floor(options.limit) : Infinity;
	if (limit === 0) return [];
	const isText = typeof query === 'string';
	const entity = isText ? /\bFROM\s+([A-Za-z]+)/i.exec(query)?.[1] : query.entity;

	if (isText ? /\bCOUNT\s*\(/i.test(query) : query.isCount) {
		const response = await qboQueryPage.call(this, String(query), options);
		return [{ totalCount: Number(response.totalCount ?? 0) } as T];
	}
	if (isText && /\b(STARTPOSITION|MAXRESULTS)\b/i.test(query)) {
		const rows = rowsOf(await qboQueryPage.call(this, query, options), entity);
		return rows.slice(0, limit === Infinity ? undefined : limit) as T[];
	}

	const rows: IDataObject[] = [];
	const keep = options.keep;
	let read = 0;
	for (let page = 0; page < MAX_PAGES && rows.length < limit; page++) {
		// A filtered page may keep few rows: ask full pages rather than just the rows still missing.
		const pageSize = keep ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, limit - rows.length);
		const start = read + 1;
		const text = isText ? `${query.trim()} STARTPOSITION ${start} MAXRESULTS ${pageSize}` : query.toString(start, pageSize);
		const pageRows = rowsOf(await qboQueryPage.call(this, text, options), entity);
		read += pageRows.length;
		rows.push(...(keep ? pageRows.filter(keep) : pageRows));
		if (pageRows.length < pageSize) break;
	}
	return (rows.length > limit ? rows.slice(0, limit) : rows) as T[];
}

/**
 * Every `entity` whose `field` is one of `values`: values de-duplicated, sent as `IN (…)` lists of at
 * most `chunkSize`, chunks run concurrently (within the realm's limit), each chunk paged. Extra AND
 * conditions go in `where`. Result order: chunk by chunk, as QuickBooks returns them.
 */
export async function qboFindIn<T = IDataObject>(
	this: QboFunctions,
	entity: string,
	field: string,
	values: string[],
	options: { chunkSize?: number; where?: Array<[string, string, QueryValue]>; itemIndex?: number } = {},
): Promise<T[]> {
	const unique = [...new Set(values.map(String))];
	if (unique.length === 0) return [];
	const chunkSize = Math.max(1, Math.floor(options.chunkSize ?? DEFAULT_IN_CHUNK));
	const chunks: string[][] = [];
	for (let i = 0; i < unique.length; i += chunkSize) chunks.push(unique.slice(i, i + chunkSize));

	const pages = await Promise.all(
		chunks.map(async (chunk) => {
			const query = QboQuery.from(entity);
			for (const [whereField, op, value] of options.where ?? []) query.where(whereField, op as QueryOperator, value);
			query.whereIn(field, chunk);
			const limit = isUniqueKey(entity, field) ? chunk.length : undefined;
			return await qboQueryAll.call(this, query, { itemIndex: options.itemIndex, limit });
		}),
	);
	return pages.flat() as T[];
}
