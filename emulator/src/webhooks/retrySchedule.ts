const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Intuit's retry delays after a failed delivery: 10 s, 20 s, 30 s, 5 min, 20 min, 2 h, 4 h, 6 h, then every 6 h. */
const SCHEDULE_MS = [10 * SECOND, 20 * SECOND, 30 * SECOND, 5 * MINUTE, 20 * MINUTE, 2 * HOUR, 4 * HOUR, 6 * HOUR];

/**
 * Retries after the first attempt before giving up. Intuit names no limit; 12 covers the listed
 * schedule plus four more 6-hour tries (about 37 emulated hours after the first attempt).
 */
export const DEFAULT_MAX_RETRIES = 12;

/** Emulated delay before retry number `retry` (1-based). */
export function retryDelayMs(retry: number): number {
	return SCHEDULE_MS[Math.min(retry, SCHEDULE_MS.length) - 1];
}
