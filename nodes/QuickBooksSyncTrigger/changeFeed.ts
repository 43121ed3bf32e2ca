import type { IDataObject } from 'n8n-workflow';

import { asNodeError, qboRequest, type QboFunctions } from '../shared/transport';
import { watchableEntity } from '../shared/triggers/entities';
import { isDeletedStub } from '../shared/triggers/objectState';
import type { Change } from './judgeChanges';

/** QuickBooks answers at most this many objects per CDC call, over all entities; more are cut off. */
export const CDC_MAX_OBJECTS = 1000;
/** CDC looks back 30 days; past 29 by our clock we go straight to queries (QuickBooks' clock may differ). */
export const CDC_SAFE_LOOKBACK_MS = 29 * 24 * 60 * 60 * 1000;
/** Rows per query page (QuickBooks' maximum). */
const PAGE_SIZE = 1000;
/** Pages per entity per poll; beyond it the rest is read at the next poll (see `complete`). */
export const MAX_PAGES_PER_ENTITY = 100;

/** What one read of the change feed produced. */
export interface ChangeRead {
	changes: Change[];
	/** QuickBooks' own time when the read began: the next cursor. */
	serverTime: string;
	/** How the read was done, for logs and tests. */
	mode: 'cdc' | 'query';
	/** Requests sent. */
	requests: number;
	/** False when paging stopped at MAX_PAGES_PER_ENTITY: the cursor must not pass `readUpTo`. */
	complete: boolean;
	/** With complete false: every change up to this time (ISO) was read. */
	readUpTo?: string;
	/** Deleted objects may be missing (CDC was cut off, or the window is older than CDC's 30 days). */
	deletesMayBeMissing: boolean;
}

/** QuickBooks accepts ISO-8601 with an offset; seconds are its precision, so the window is widened to the second. */
export function qboDateTime(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function lastUpdated(object: IDataObject): number {
	return Date.parse(String((object.MetaData as IDataObject | undefined)?.LastUpdatedTime ?? ''));
}

/** The text of QuickBooks' refusal of an old changedSince ("… older than 30 days is not supported"). */
function isLookbackRefusal(error: unknown): boolean {
	const details = error as { message?: string; description?: string; context?: IDataObject };
	const text = `${details?.message ?? ''} ${details?.description ?? ''} ${JSON.stringify(details?.context?.qboErrors ?? '')}`;
	return /30 days|changedSince/i.test(text);
}

/** One CDC call for every entity: its objects (changed and deleted) and QuickBooks' answer time. */
async function readCdc(context: QboFunctions, entities: string[], sinceMs: number): Promise<{ changes: Change[]; time: string }> {
	const response = (await qboRequest.call(context, {
		method: 'GET',
		path: '/cdc',
		qs: { entities: entities.join(','), changedSince: qboDateTime(sinceMs) },
	})) as IDataObject;
	const changes: Change[] = [];
	const blocks = ((response.CDCResponse as IDataObject[] | undefined)?.[0]?.QueryResponse as IDataObject[] | undefined) ?? [];
	for (const block of blocks) {
		for (const entity of entities) {
			for (const object of (block?.[entity] as IDataObject[] | undefined) ?? []) changes.push({ entity, object });
		}
	}
	return { changes, time: String(response.time ?? new Date().toISOString()) };
}

/** The query text for one page of an entity's changes since `fromMs`, oldest first. */
export function changesQuery(entity: string, fromMs: number, startPosition: number): string {
	// Names hide inactive rows unless the query filters on Active, and a name "deleted" is an inactive one.
	const active = watchableEntity(entity)?.isName ? 'Active IN (true, false) AND ' : '';
	return (
		`SELECT * FROM ${entity} WHERE ${active}MetaData.LastUpdatedTime >= '${qboDateTime(fromMs)}' ` +
		`ORDERBY MetaData.LastUpdatedTime ASC STARTPOSITION ${startPosition} MAXRESULTS ${PAGE_SIZE}`
	);
}

/**
 * Every object of one entity changed since `sinceMs`, by pages keyed on LastUpdatedTime: each page
 * restarts at the second of the previous page's last row and skips the rows of that second already
 * read, so an edit made while paging (which moves a row to the end) cannot shift an unread row out.
 */
async function readByQuery(
	context: QboFunctions,
	entity: string,
	sinceMs: number,
	onTime: (time: string) => void,
): Promise<{ objects: IDataObject[]; requests: number; complete: boolean; readUpToMs: number }> {
	const objects: IDataObject[] = [];
	let fromMs = Math.floor(sinceMs / 1000) * 1000;
	let skip = 0;
	for (let page = 0; page < MAX_PAGES_PER_ENTITY; page++) {
		const text = changesQuery(entity, fromMs, skip + 1);
		const path = `/query?query=${encodeURIComponent(text)}`;
		const response = (await qboRequest.call(context, { method: 'GET', path })) as IDataObject;
		if (typeof response.time === 'string') onTime(response.time);
		const rows = ((response.QueryResponse as IDataObject | undefined)?.[entity] as IDataObject[] | undefined) ?? [];
		objects.push(...rows);
		if (rows.length < PAGE_SIZE) return { objects, requests: page + 1, complete: true, readUpToMs: Infinity };
		const lastSecond = Math.floor(lastUpdated(rows[rows.length - 1]) / 1000) * 1000;
		const inLastSecond = rows.filter((row) => lastUpdated(row) >= lastSecond).length;
		if (lastSecond === fromMs) skip += rows.length;
		else {
			fromMs = lastSecond;
			skip = inLastSecond;
		}
	}
	return { objects, requests: MAX_PAGES_PER_ENTITY, complete: false, readUpToMs: fromMs };
}

/**
 * Reads what changed since `sinceMs` with as few requests as possible: ONE CDC call for all
 * entities; only when CDC would cut the answer off (1,000 objects) or cannot look back that far,
 * paged queries per entity on MetaData.LastUpdatedTime. Queries do not return deleted objects, so
 * the deleted ones CDC did return are kept, and beyond 30 days deletions are lost.
 */
export async function readChanges(
	context: QboFunctions,
	entities: string[],
	sinceMs: number,
	nowMs: number,
): Promise<ChangeRead> {
	let deleted: Change[] = [];
	let firstTime: string | undefined;
	let requests = 0;
	if (nowMs - sinceMs < CDC_SAFE_LOOKBACK_MS) {
		try {
			requests++;
			const cdc = await readCdc(context, entities, sinceMs);
			if (cdc.changes.length < CDC_MAX_OBJECTS) {
				return { changes: cdc.changes, serverTime: cdc.time, mode: 'cdc', requests, complete: true, deletesMayBeMissing: false };
			}
			deleted = cdc.changes.filter((change) => isDeletedStub(change.object));
			firstTime = cdc.time;
		} catch (error) {
			if (!isLookbackRefusal(error)) throw asNodeError(context.getNode(), error);
		}
	}

	const changes: Change[] = [...deleted];
	const remember = (time: string) => {
		if (firstTime === undefined) firstTime = time;
	};
	let readUpToMs = Infinity;
	for (const entity of entities) {
		const read = await readByQuery(context, entity, sinceMs, remember);
		requests += read.requests;
		readUpToMs = Math.min(readUpToMs, read.readUpToMs);
		for (const object of read.objects) changes.push({ entity, object });
	}
	const complete = readUpToMs === Infinity;
	return {
		changes: complete ? changes : changes.filter((change) => lastUpdated(change.object) < readUpToMs || isDeletedStub(change.object)),
		serverTime: firstTime ?? new Date(nowMs).toISOString(),
		mode: 'query',
		requests,
		complete,
		...(complete ? {} : { readUpTo: new Date(readUpToMs).toISOString() }),
		deletesMayBeMissing: true,
	};
}
