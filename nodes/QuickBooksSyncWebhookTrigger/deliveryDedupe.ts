import { notificationKey, type Notification } from './notifications';

/**
 * Recent delivery keys kept in static data (a ring: the oldest go first), each with its change's
 * time. Intuit retries for days, rarely this many; what the ring had to forget is covered by the floor.
 */
export const RECENT_CAP = 2_000;

/**
 * How far back a trigger with no memory yet vouches for. Before its first delivery it reported
 * nothing, so it cannot tell an old retry from a replay: changes from more than this before its first
 * delivery are refused. Later outages are safe: the floor then only rises as the ring forgets.
 */
export const FIRST_MEMORY_SPAN_MS = 24 * 60 * 60 * 1000;

/**
 * The replay memory of one trigger, kept in its static data: the keys of the changes reported and,
 * as the floor, the time of the newest change it has forgotten (or, before it forgot any, 24 hours
 * before its first delivery). A change at or before the floor cannot be vouched for and is refused.
 */
export interface ReplayMemory {
	recent: Record<string, number>;
	floorMs: number;
}

/** Reads the memory from static data; a trigger without one starts it now. */
export function openReplayMemory(recent: Record<string, number>, storedFloor: unknown, nowMs: number): ReplayMemory {
	const floorMs = typeof storedFloor === 'number' && Number.isFinite(storedFloor) ? storedFloor : nowMs - FIRST_MEMORY_SPAN_MS;
	return { recent, floorMs };
}

/** True when the memory can no longer tell whether this change was reported (so it is refused). */
export function isOlderThanMemory(memory: ReplayMemory, changeMs: number): boolean {
	return changeMs <= memory.floorMs;
}

/**
 * Keys being processed right now in this n8n process. Static data is saved only after a delivery
 * is handled, so two copies of one delivery arriving together would both pass it; this catches them.
 */
const inFlight = new Set<string>();

/** Most keys remembered in this process, over all triggers (a Map keeps insertion order: oldest first). */
export const PROCESS_RECENT_CAP = 20_000;

/**
 * Keys reported recently by this process. n8n saves static data when the run ends, and n8n 2.x
 * reloads it per request, so a copy arriving right after the first can still see the old ring;
 * this memory closes that gap (the static ring still covers restarts).
 */
const processRecent = new Map<string, number>();

function rememberInProcess(scopedKey: string, nowMs: number): void {
	processRecent.delete(scopedKey);
	processRecent.set(scopedKey, nowMs);
	while (processRecent.size > PROCESS_RECENT_CAP) {
		const oldest = processRecent.keys().next().value;
		if (oldest === undefined) break;
		processRecent.delete(oldest);
	}
}

/** The notifications of a delivery not yet reported nor being reported, each change once. */
export function freshNotifications(
	notifications: Notification[],
	recent: Record<string, number>,
	scope: string,
): Array<{ notification: Notification; key: string }> {
	const fresh: Array<{ notification: Notification; key: string }> = [];
	const inThisDelivery = new Set<string>();
	for (const notification of notifications) {
		const key = notificationKey(notification);
		const scoped = `${scope}|${key}`;
		if (recent[key] !== undefined || inFlight.has(scoped) || processRecent.has(scoped) || inThisDelivery.has(key)) continue;
		inThisDelivery.add(key);
		fresh.push({ notification, key });
	}
	return fresh;
}

/** Marks keys as being processed by this delivery; scope names the workflow and node. */
export function claimKeys(scope: string, keys: string[]): void {
	for (const key of keys) inFlight.add(`${scope}|${key}`);
}

/**
 * Ends processing: on success the keys join the ring of recent ones, each with its change's time
 * (`changeMs`: one per key, or one for all); on failure they are free again (Intuit will retry).
 * The ring keeps RECENT_CAP keys; the forgotten ones raise the memory's floor to their newest time.
 */
export function settleKeys(
	scope: string,
	keys: string[],
	memory: ReplayMemory,
	succeeded: boolean,
	changeMs: number | number[],
): void {
	const replay = memory;
	keys.forEach((key, index) => {
		inFlight.delete(`${scope}|${key}`);
		if (!succeeded) return;
		const when = Array.isArray(changeMs) ? changeMs[index] : changeMs;
		delete replay.recent[key];
		replay.recent[key] = when;
		rememberInProcess(`${scope}|${key}`, when);
	});
	const stored = Object.keys(replay.recent);
	for (let index = 0; index < stored.length - RECENT_CAP; index++) {
		replay.floorMs = Math.max(replay.floorMs, replay.recent[stored[index]]);
		delete replay.recent[stored[index]];
	}
}
