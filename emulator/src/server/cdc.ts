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
	let budget = CDC_MAX_OBJECTS;
	const QueryResponse = entities.map((entity) => {
		const objects = changes.find((change) => change.entity === entity)?.objects ?? [];
		const kept = objects.slice(0, Math.max(0, budget));
		budget -= kept.length;
		if (kept.length === 0) return {};
		return { [entity]: kept, startPosition: 1, maxResults: kept.length };
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
