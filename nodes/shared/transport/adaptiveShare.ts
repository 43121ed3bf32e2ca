/**
 * Intuit's limits are per company, but every n8n process (main, each worker) paces on its own: two
 * workers writing to one company would each take the whole budget and meet a storm of 429s. No process
 * can see the others (no shared store, no server), but every one of them sees the same signal: a 429.
 * So each process keeps a SHARE of each of Intuit's limits and adapts it the way TCP shares a link:
 *
 * - a 429 (or a 3001 throttle fault) halves the share, once per overload, and holds starts for the
 *   server's Retry-After when it sent one, else for 1 s, doubling with each further throttle in a row, up
 *   to the 60 s Intuit asks for. One overload = the 429s that come while the starts are held or within
 *   DECREASE_COOLDOWN_MS (5 s) of running again after the hold, so six 429s in a row halve once;
 * - the share grows back with TIME without a 429, not with answers (batch calls answer 40 times a minute
 *   at most, so growth per answer left a process that had lost its share starved for many minutes). The
 *   growth is CUBIC's (RFC 9438): fast back towards the share the process had when the overload came,
 *   slow around it (where the other processes are likely to be: few 429s), then faster and faster the
 *   longer no 429 comes (the others have gone quiet: back to the full limits in about a minute).
 *
 * Why this is fair: every process grows by the same curve of time and halves when it meets an overload,
 * the bigger share meeting more of the 429s and giving up more; a process that meets an overload below
 * the share it had at the last one also lowers the share it aims for (RFC 9438's fast convergence), so
 * N processes settle on about 1/N each. The pacer keeps one share per limit it can tell apart (requests:
 * per second, per minute, in flight; batch calls per minute). Pure: the clock is injected.
 */
export const MIN_SHARE = 0.05;
export const DECREASE_FACTOR = 0.5;
export const DECREASE_COOLDOWN_MS = 5000;
/**
 * CUBIC's constant C, in share per second³. Chosen so that a share halved from 0.5 (two processes) is
 * back at 0.5 after 90 s — longer than Intuit's minute windows, which still count the calls of the
 * overload for up to 60 s — and a process alone climbs from 0.5 (or from a halving at 1) to the full
 * limits in 113 s.
 */
export const GROWTH_PER_SECOND_CUBED = 0.25 / 90 ** 3;
export const FIRST_HOLD_MS = 1000;
export const MAX_HOLD_MS = 60_000;

export class AdaptiveShare {
	/** The share when the last overload came (the level it grows back to), after fast convergence. */
	private peak = 1;

	/** The share right after the last halving. */
	private base = 1;

	/** Seconds the cubic takes from `base` back to `peak`. */
	private returnSeconds = 0;

	/** When growth (re)started: the end of the last hold. -Infinity = never throttled. */
	private growthFrom = -Infinity;

	private lastDecreaseAt = -Infinity;

	private throttlesInARow = 0;

	private holdEnds = 0;

	constructor(private readonly now: () => number = Date.now) {}

	/** The fraction of this limit the process may use now, in [MIN_SHARE, 1]. */
	get share(): number {
		if (this.growthFrom === -Infinity) return 1;
		const seconds = Math.max(0, this.now() - this.growthFrom) / 1000;
		const grown = this.peak + GROWTH_PER_SECOND_CUBED * (seconds - this.returnSeconds) ** 3;
		return Math.min(1, Math.max(MIN_SHARE, this.base, grown));
	}

	/** Milliseconds every start must still wait after a throttle (0 = none). */
	holdMs(): number {
		return Math.max(0, this.holdEnds - this.now());
	}

	/**
	 * A 429 answer: share down (once per overload), starts held. `retryAfterMs` when the server sent one;
	 * otherwise `firstHoldMs`, doubling with each throttle in a row, up to `maxHoldMs` (the transport passes
	 * its retry policy's first step and twice its cap: 1 s and 60 s by default, less in tuned tests).
	 */
	throttled(retryAfterMs?: number, firstHoldMs = FIRST_HOLD_MS, maxHoldMs = MAX_HOLD_MS): void {
		const now = this.now();
		this.throttlesInARow++;
		// A new overload unless held, or within the cooldown after the last halving or the end of the hold.
		if (now - Math.max(this.lastDecreaseAt, this.holdEnds) >= DECREASE_COOLDOWN_MS) {
			const current = this.share;
			// Fast convergence: meeting an overload below the last peak means others need room; aim lower.
			this.peak = current < this.peak ? (current * (1 + DECREASE_FACTOR)) / 2 : current;
			this.base = Math.max(MIN_SHARE, current * DECREASE_FACTOR);
			this.peak = Math.max(this.peak, this.base);
			this.returnSeconds = Math.cbrt((this.peak - this.base) / GROWTH_PER_SECOND_CUBED);
			this.lastDecreaseAt = now;
		}
		const hold =
			retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0
				? Math.min(retryAfterMs, MAX_HOLD_MS)
				: Math.min(maxHoldMs, firstHoldMs * 2 ** Math.min(this.throttlesInARow - 1, 10));
		this.holdEnds = Math.max(this.holdEnds, now + hold);
		// Each 429 of the overload restarts the growth from the halved share, once the hold is over.
		this.growthFrom = this.holdEnds;
	}

	/** Any answer that is not a throttle: the overload is over (the next throttle holds 1 s again). */
	answered(): void {
		this.throttlesInARow = 0;
	}

	/** A limit scaled by the share; never below 1 so a process always makes progress. 0 (off) stays 0. */
	scale(limit: number): number {
		if (limit <= 0) return limit;
		return Math.max(1, Math.floor(limit * this.share));
	}
}
