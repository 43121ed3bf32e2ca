import { sleep } from './retry';

/**
 * QuickBooks throttles each company at 10 requests per second, 500 per minute and 40 batch calls
 * per minute (Intuit's "limits and throttles" page). Concurrency alone does not keep us under the
 * first: ten fast answers in a row already make an eleventh request in the same second a 429. So
 * each realm also paces request STARTS through sliding windows, and we wait our turn instead of
 * collecting 429s. Waiters are served in arrival order. Limits are configurable for tests and for
 * apps with other quotas:
 *   QBO_SYNC_MAX_PER_SECOND (default 10), QBO_SYNC_MAX_PER_MINUTE (default 500),
 *   QBO_SYNC_MAX_BATCH_PER_MINUTE (default 40); 0 switches that window off.
 */
export interface PaceLimits {
	perSecond: number;
	perMinute: number;
	batchPerMinute: number;
}

export const INTUIT_PACE: Readonly<PaceLimits> = Object.freeze({ perSecond: 10, perMinute: 500, batchPerMinute: 40 });

/** A little slack on each window: the server counts arrivals, we count departures. */
const SLACK_MS = 30;

class Window {
	private readonly starts: number[] = [];

	constructor(
		readonly limit: number,
		readonly lengthMs: number,
	) {}

	/** Milliseconds until one more start fits (0 = now). */
	waitMs(now: number): number {
		if (this.limit <= 0) return 0;
		while (this.starts.length && this.starts[0] <= now - this.lengthMs - SLACK_MS) this.starts.shift();
		if (this.starts.length < this.limit) return 0;
		return this.starts[this.starts.length - this.limit] + this.lengthMs + SLACK_MS - now + 1;
	}

	record(now: number): void {
		if (this.limit > 0) this.starts.push(now);
	}
}

/** Paces the request starts of one realm. */
export class RealmPacer {
	private readonly second: Window;

	private readonly minute: Window;

	private readonly batchMinute: Window;

	private turn: Promise<void> = Promise.resolve();

	constructor(
		limits: PaceLimits,
		private readonly now: () => number = Date.now,
	) {
		this.second = new Window(limits.perSecond, 1000);
		this.minute = new Window(limits.perMinute, 60_000);
		this.batchMinute = new Window(limits.batchPerMinute, 60_000);
	}

	/** Resolves when a request may start now; the start is counted. */
	async take(isBatch = false): Promise<void> {
		const mine = this.turn.then(async () => {
			for (let guard = 0; guard < 10_000; guard++) {
				const now = this.now();
				const wait = Math.max(this.second.waitMs(now), this.minute.waitMs(now), isBatch ? this.batchMinute.waitMs(now) : 0);
				if (wait <= 0) break;
				await sleep(wait);
			}
			const now = this.now();
			this.second.record(now);
			this.minute.record(now);
			if (isBatch) this.batchMinute.record(now);
		});
		this.turn = mine.catch(() => undefined);
		await mine;
	}
}

/** Limits from the environment over Intuit's. */
export function paceLimitsFromEnv(env: Record<string, string | undefined> = process.env): PaceLimits {
	const read = (name: string, fallback: number) => {
		const value = Number(env[name]);
		return env[name] !== undefined && env[name] !== '' && Number.isFinite(value) && value >= 0 ? value : fallback;
	};
	return {
		perSecond: read('QBO_SYNC_MAX_PER_SECOND', INTUIT_PACE.perSecond),
		perMinute: read('QBO_SYNC_MAX_PER_MINUTE', INTUIT_PACE.perMinute),
		batchPerMinute: read('QBO_SYNC_MAX_BATCH_PER_MINUTE', INTUIT_PACE.batchPerMinute),
	};
}
