import type { IDataObject } from 'n8n-workflow';

import { recordFrom } from '../shared/triggers/boundedRecord';
import type { ObjectState } from '../shared/triggers/objectState';

/**
 * Each poll re-reads this far behind the last server time, so a change QuickBooks commits a little
 * late (or stamps with a skewed clock) is still read; what was already reported is dropped by key.
 */
export const OVERLAP_MS = 30_000;
/** Most change keys kept; beyond it the overlap shrinks (floor) instead of forgetting keys inside it. */
export const SEEN_CAP = 5_000;
/** Most object states kept for state events (paid, accepted, voided, …); the oldest touched go first. */
export const OBJECTS_CAP = 10_000;

/** What the polling trigger keeps in `getWorkflowStaticData('node')` between polls. */
export interface PollState {
	/** Server time (ISO) of the last read whose items were emitted. Absent before the first poll. */
	cursor?: string;
	/** Epoch ms below which nothing is re-read, set when the seen keys had to be cut to SEEN_CAP. */
	floor?: number;
	/** Changes already judged, key → the change's time (epoch ms): 'Invoice:12:1763800000000'. */
	seen: Record<string, number>;
	/** Last known state of objects whose events depend on it: 'Invoice:12' → state. */
	objects: Record<string, ObjectState>;
}

/** Reads the state out of static data as a fresh copy (the poll mutates the copy, then writes it back). */
export function readPollState(staticData: IDataObject): PollState {
	return {
		cursor: typeof staticData.cursor === 'string' ? staticData.cursor : undefined,
		floor: typeof staticData.floor === 'number' ? staticData.floor : undefined,
		seen: recordFrom<number>(staticData.seen),
		objects: recordFrom<ObjectState>(staticData.objects),
	};
}

/** Writes the state into static data in one step, once the poll has its items. */
export function writePollState(staticData: IDataObject, state: PollState): void {
	staticData.cursor = state.cursor;
	if (state.floor === undefined) delete staticData.floor;
	else staticData.floor = state.floor;
	staticData.seen = state.seen;
	staticData.objects = state.objects as IDataObject;
}

/** Where the next read starts (epoch ms): the cursor minus the overlap, never below the floor. */
export function windowStart(state: PollState, overlapMs = OVERLAP_MS): number | undefined {
	if (!state.cursor) return undefined;
	const start = Date.parse(state.cursor) - overlapMs;
	return state.floor === undefined ? start : Math.max(start, state.floor);
}

/**
 * Moves the cursor to the server time of the read just judged and forgets keys that the next
 * window cannot contain. When more than `cap` keys remain inside the overlap, the oldest are
 * dropped and the floor rises to the oldest kept time, so nothing forgotten is ever re-read.
 */
export function advanceCursor(state: PollState, serverTime: string, overlapMs = OVERLAP_MS, cap = SEEN_CAP): void {
	state.cursor = serverTime;
	const keepFrom = windowStart(state, overlapMs) ?? -Infinity;
	const kept = Object.entries(state.seen).filter(([, time]) => time >= keepFrom);
	if (kept.length > cap) {
		const times = kept.map(([, time]) => time).sort((a, b) => b - a);
		const cutoff = times[cap - 1];
		state.floor = Math.max(state.floor ?? -Infinity, cutoff);
		state.seen = Object.fromEntries(kept.filter(([, time]) => time >= cutoff));
		return;
	}
	state.seen = Object.fromEntries(kept);
}
