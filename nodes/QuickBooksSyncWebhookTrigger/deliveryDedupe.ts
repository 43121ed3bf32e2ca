import { touchBounded } from '../QuickBooksSync/trigger-shared/boundedRecord';
import { notificationKey, type Notification } from './notifications';

/** Recent delivery keys kept in static data (a ring: the oldest go first). Intuit retries for days, rarely this many. */
export const RECENT_CAP = 2_000;

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

/** Ends processing: on success the keys join the ring of recent ones; on failure they are free again (Intuit will retry). */
export function settleKeys(
	scope: string,
	keys: string[],
	recent: Record<string, number>,
	succeeded: boolean,
	nowMs: number,
): void {
	for (const key of keys) {
		inFlight.delete(`${scope}|${key}`);
		if (!succeeded) continue;
		touchBounded(recent, key, nowMs, RECENT_CAP);
		rememberInProcess(`${scope}|${key}`, nowMs);
	}
}
