import { paceLimits, RealmPacer } from './pacing';
import { transportTuning } from './tuning';

/**
 * QuickBooks allows at most 10 concurrent requests per company and app; an 11th is answered 429.
 * One FIFO semaphore per realm, shared by every node in this n8n process, keeps us under it.
 * Tests can lower the limit through the process-wide tuning (tuning.ts).
 */
export const MAX_CONCURRENT_PER_REALM = 10;

/** A counting semaphore that hands out slots in arrival order. */
export class FifoSemaphore {
	private active = 0;

	private peak = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(readonly limit: number) {}

	/** Waits for a slot; call the returned function exactly once to give it back. */
	async acquire(): Promise<() => void> {
		if (this.active < this.limit && this.waiting.length === 0) {
			this.take();
		} else {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.release();
		};
	}

	/** Runs `fn` inside a slot. */
	async run<T>(fn: () => Promise<T>): Promise<T> {
		const release = await this.acquire();
		try {
			return await fn();
		} finally {
			release();
		}
	}

	get inFlight(): number {
		return this.active;
	}

	get queued(): number {
		return this.waiting.length;
	}

	/** Highest number of slots ever held at once (tests). */
	get maxInFlight(): number {
		return this.peak;
	}

	private take(): void {
		this.active++;
		this.peak = Math.max(this.peak, this.active);
	}

	private release(): void {
		this.active--;
		const next = this.waiting.shift();
		if (next) {
			// The slot passes straight to the oldest waiter, so nobody can overtake the queue.
			this.take();
			next();
		}
	}
}

const limiters = new Map<string, FifoSemaphore>();
const pacers = new Map<string, RealmPacer>();

/** The start pacer of one company (see pacing.ts); limits are read when the realm is first seen. */
export function realmPacer(realmKey: string): RealmPacer {
	let pacer = pacers.get(realmKey);
	if (!pacer) {
		pacer = new RealmPacer(paceLimits());
		pacers.set(realmKey, pacer);
	}
	return pacer;
}

function configuredLimit(): number {
	const tuned = transportTuning().maxConcurrency;
	return Number.isInteger(tuned) && tuned! > 0 ? tuned! : MAX_CONCURRENT_PER_REALM;
}

/** The semaphore of one company (keyed by base URL too: the same realmId on two hosts are two companies). */
export function realmLimiter(realmKey: string): FifoSemaphore {
	let limiter = limiters.get(realmKey);
	if (!limiter) {
		limiter = new FifoSemaphore(configuredLimit());
		limiters.set(realmKey, limiter);
	}
	return limiter;
}

/** In-flight figures of every realm seen by this process (tests and diagnostics). */
export function transportConcurrencyStats(): Record<string, { inFlight: number; queued: number; maxInFlight: number }> {
	const stats: Record<string, { inFlight: number; queued: number; maxInFlight: number }> = {};
	for (const [key, limiter] of limiters) {
		stats[key] = { inFlight: limiter.inFlight, queued: limiter.queued, maxInFlight: limiter.maxInFlight };
	}
	return stats;
}

/** Forgets all limiters (tests only; never while requests are in flight). */
export function resetConcurrencyLimiters(): void {
	limiters.clear();
	pacers.clear();
}
