import type { Clock } from '../contracts';
import type { Limits } from './config';

/** Timestamps inside a sliding window; old ones are dropped lazily from the front. */
class SlidingWindow {
	private times: number[] = [];
	private head = 0;

	constructor(private readonly windowMs: number) {}

	count(now: number): number {
		const cutoff = now - this.windowMs;
		while (this.head < this.times.length && this.times[this.head] <= cutoff) this.head++;
		if (this.head > 1024 && this.head * 2 > this.times.length) {
			this.times = this.times.slice(this.head);
			this.head = 0;
		}
		return this.times.length - this.head;
	}

	/** Emulated ms until the oldest entry leaves the window. */
	waitMs(now: number): number {
		return this.head < this.times.length ? this.times[this.head] + this.windowMs - now : 0;
	}

	add(now: number): void {
		this.times.push(now);
	}
}

interface RealmCounters {
	minute: SlidingWindow;
	second: SlidingWindow;
	batchMinute: SlidingWindow;
	inFlight: number;
}

/** Admission result: either a slot to release when the request ends, or how long to wait. */
export type Admission = { ok: true; release: () => void } | { ok: false; retryAfterMs: number };

/**
 * Intuit's throttles on emulated time, per realm: requests per minute and per second, requests in
 * flight, batch calls per minute. A refused request does not use up the window.
 */
export class RateLimiter {
	private realms = new Map<string, RealmCounters>();

	constructor(
		private readonly clock: Clock,
		private limits: Limits | undefined,
	) {}

	configure(limits: Limits | undefined): void {
		this.limits = limits;
		this.realms.clear();
	}

	current(): Limits | undefined {
		return this.limits;
	}

	reset(): void {
		this.realms.clear();
	}

	/** Admits one request (a batch counts once, plus once toward the batch limit). */
	admit(realmId: string, isBatch: boolean): Admission {
		const limits = this.limits;
		if (!limits) return { ok: true, release: noop };
		const counters = this.countersFor(realmId);
		const now = this.clock.now();
		if (counters.inFlight >= limits.concurrentRequests) return { ok: false, retryAfterMs: 1000 };
		if (counters.second.count(now) >= limits.requestsPerSecond) return { ok: false, retryAfterMs: counters.second.waitMs(now) };
		if (counters.minute.count(now) >= limits.requestsPerMinute) return { ok: false, retryAfterMs: counters.minute.waitMs(now) };
		if (isBatch && counters.batchMinute.count(now) >= limits.batchRequestsPerMinute) {
			return { ok: false, retryAfterMs: counters.batchMinute.waitMs(now) };
		}
		counters.second.add(now);
		counters.minute.add(now);
		if (isBatch) counters.batchMinute.add(now);
		counters.inFlight++;
		let released = false;
		return {
			ok: true,
			release: () => {
				if (released) return;
				released = true;
				counters.inFlight--;
			},
		};
	}

	private countersFor(realmId: string): RealmCounters {
		let counters = this.realms.get(realmId);
		if (!counters) {
			counters = { minute: new SlidingWindow(60_000), second: new SlidingWindow(1_000), batchMinute: new SlidingWindow(60_000), inFlight: 0 };
			this.realms.set(realmId, counters);
		}
		return counters;
	}
}

function noop(): void {}
