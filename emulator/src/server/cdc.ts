import type { AccountingService, Clock } from '../contracts';
import { cdcFault } from './faults';

/** CDC looks back at most this far (Intuit: 30 days). */
export const CDC_MAX_LOOKBACK_MS = 30 * 24 * 60 * 60 * 1000;
/** Objects in one CDC answer, over all entities (Intuit: 1000); the rest is cut off. */
export const CDC_MAX_OBJECTS = 1000;

/** The content of one CDCResponse entry: one QueryResponse per entity asked for, in the order asked. */
export interface CdcResult {
	QueryResponse: Record<string, unknown>[];
}

/**
 * Runs a change-data-capture request: checks `entities` and `changedSince` the way QuickBooks
 * does, then lists changed and deleted objects, at most CDC_MAX_OBJECTS in all.
 */
export function runCdc(
	accounting: AccountingService,
	clock: Clock,
	realmId: string,
	entitiesParam: string | null | undefined,
	changedSinceParam: string | null | undefined,
): CdcResult {
	const names = (entitiesParam ?? '').split(',').map((name) => name.trim()).filter(Boolean);
	if (names.length === 0) throw cdcFault('entities is required');
	const entities: string[] = [];
	for (const name of names) {
		const entity = accounting.entityForPath(name.toLowerCase());
		if (!entity) throw cdcFault(`Invalid entity supplied: ${name.slice(0, 60)}`);
		if (!entities.includes(entity)) entities.push(entity);
	}
	if (!changedSinceParam) throw cdcFault('changedSince is required');
	const sinceMs = parseChangedSince(changedSinceParam);
	if (Number.isNaN(sinceMs)) throw cdcFault(`Invalid changedSince: ${changedSinceParam.slice(0, 60)}`);
	if (clock.now() - sinceMs > CDC_MAX_LOOKBACK_MS) {
		throw cdcFault(`Operation cdc with changedSince date ${changedSinceParam.slice(0, 60)} which is older than 30 days is not supported.`);
	}

	const changes = accounting.changedSince(realmId, entities, sinceMs);
	const kept = oldestFirst(entities.map((entity) => changes.find((change) => change.entity === entity)?.objects ?? []), CDC_MAX_OBJECTS);
	const QueryResponse = entities.map((entity, i) => {
		if (kept[i].length === 0) return {};
		return { [entity]: kept[i], startPosition: 1, maxResults: kept[i].length };
	});
	return { QueryResponse };
}

/**
 * ISO-8601 with offset or date only. Clients that do not percent-encode the offset's `+`
 * (node-quickbooks) arrive with a space in its place; it can only have been a `+`.
 */
function parseChangedSince(value: string): number {
	const parsed = Date.parse(value);
	if (!Number.isNaN(parsed)) return parsed;
	return Date.parse(value.replace(/ (\d{2}:?\d{2})$/, '+$1'));
}

/**
 * Keeps the `max` oldest changes over all entities (each list is oldest first), so that a reader who
 * continues from the newest change it received loses nothing when the answer is cut off.
 */
function oldestFirst(lists: Record<string, unknown>[][], max: number): Record<string, unknown>[][] {
	const total = lists.reduce((sum, list) => sum + list.length, 0);
	if (total <= max) return lists;
	const kept: Record<string, unknown>[][] = lists.map(() => []);
	const next = lists.map(() => 0);
	for (let taken = 0; taken < max; taken++) {
		let pick = -1;
		let pickTime = Infinity;
		lists.forEach((list, i) => {
			if (next[i] >= list.length) return;
			const time = lastUpdated(list[next[i]]);
			if (time < pickTime) {
				pick = i;
				pickTime = time;
			}
		});
		if (pick < 0) break;
		kept[pick].push(lists[pick][next[pick]++]);
	}
	return kept;
}

function lastUpdated(object: Record<string, unknown>): number {
	const time = Date.parse(String((object.MetaData as { LastUpdatedTime?: string } | undefined)?.LastUpdatedTime));
	return Number.isNaN(time) ? -Infinity : time;
}
