/**
 * Intuit's limits are per company, but every n8n process (main, each worker) paces on its own: two
 * workers writing to one company would each take the whole budget and meet a storm of 429s. No process
 * can see the others (no shared store, no server), but every one of them sees the same signal: a 429.
 * So each process keeps a SHARE of Intuit's limits and adapts it the way TCP shares a link (AIMD):
 *
 * - a 429 (or a 3001 throttle fault) halves the share, once per overload, and holds every start of that
 *   company for the server's Retry-After when it sent one, else for 1 s, doubling with each further throttle
 *   in a row, up to the 60 s Intuit asks for. One overload = the 429s that come while the starts are held or
 *   within DECREASE_COOLDOWN_MS (5 s) of running again after the hold: a burst of 429s and the retries that
 *   follow each hold answer the same overload, so six 429s in a row halve once (counting each retry halved
 *   a lone process down to 1/64 of the limits, from where answer-by-answer recovery takes minutes);
 * - every answer that is not a 429 gives back a little (INCREASE_PER_SUCCESS), so a process alone
 *   climbs from half back to the full limits in 500 answers (about a minute at Intuit's pace): slow
 *   enough that processes sharing a company probe upwards rarely, i.e. meet few 429s.
 *
 * N processes converge on about 1/N each, with a 429 now and then as each probes upwards; the pacer
 * applies the share to its windows and to the requests in flight. Pure: the clock is injected.
 */
export const MIN_SHARE = 0.05;
export const DECREASE_FACTOR = 0.5;
export const DECREASE_COOLDOWN_MS = 5000;
export const INCREASE_PER_SUCCESS = 0.001;
export const FIRST_HOLD_MS = 1000;
export const MAX_HOLD_MS = 60_000;

export class AdaptiveShare {
	private current = 1;

	private lastDecreaseAt = -Infinity;

	private throttlesInARow = 0;

	private holdEnds = 0;

	constructor(private readonly now: () => number = Date.now) {}

	/** The fraction of Intuit's limits this process may use now, in [MIN_SHARE, 1]. */
	get share(): number {
		return this.current;
	}

	/** Milliseconds every start must still wait after a throttle (0 = none). */
	holdMs(): number {
		return Math.max(0, this.holdEnds - this.now());
	}

	/**
	 * A 429 answer: share down (once per cooldown), starts held. `retryAfterMs` when the server sent one;
	 * otherwise `firstHoldMs`, doubling with each throttle in a row, up to `maxHoldMs` (the transport passes
	 * its retry policy's first step and twice its cap: 1 s and 60 s by default, less in tuned tests).
	 */
	throttled(retryAfterMs?: number, firstHoldMs = FIRST_HOLD_MS, maxHoldMs = MAX_HOLD_MS): void {
		const now = this.now();
		this.throttlesInARow++;
		// The same overload while held, or within the cooldown after the last halving or the end of the hold.
		if (now - Math.max(this.lastDecreaseAt, this.holdEnds) >= DECREASE_COOLDOWN_MS) {
			this.current = Math.max(MIN_SHARE, this.current * DECREASE_FACTOR);
			this.lastDecreaseAt = now;
		}
		const hold =
			retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0
				? Math.min(retryAfterMs, MAX_HOLD_MS)
				: Math.min(maxHoldMs, firstHoldMs * 2 ** Math.min(this.throttlesInARow - 1, 10));
		this.holdEnds = Math.max(this.holdEnds, now + hold);
	}

	/** Any answer that is not a throttle: the share creeps back up. */
	answered(): void {
		this.throttlesInARow = 0;
		this.current = Math.min(1, this.current + INCREASE_PER_SUCCESS);
	}

	/** A limit scaled by the share; never below 1 so a process always makes progress. 0 (off) stays 0. */
	scale(limit: number): number {
		if (limit <= 0) return limit;
		return Math.max(1, Math.floor(limit * this.current));
	}
}
