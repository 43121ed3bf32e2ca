import { AdaptiveShare } from './adaptiveShare';
import { sleep } from './retry';
import { transportTuning } from './tuning';

/**
 * QuickBooks throttles each company at 10 requests per second, 500 per minute and 40 batch calls
 * per minute (Intuit's "limits and throttles" page). Concurrency alone does not keep us under the
 * first: ten fast answers in a row already make an eleventh request in the same second a 429. So
 * each realm also paces request STARTS through sliding windows, and we wait our turn instead of
 * collecting 429s. Waiters are served in arrival order. Tests can change the limits through the
 * process-wide tuning (tuning.ts); 0 switches that window off.
 *
 * The limits are the company's, shared by every process writing to it: each pacer uses only its
 * adaptive shares of them (adaptiveShare.ts: one for the request limits, one for the batch limit),
 * lowered on a 429 and regained with time, so N n8n processes settle near 1/N each instead of
 * throttling each other.
 */
export interface PaceLimits {
	perSecond: number;
	perMinute: number;
	batchPerMinute: number;
}

export const INTUIT_PACE: Readonly<PaceLimits> = Object.freeze({ perSecond: 10, perMinute: 500, batchPerMinute: 40 });

/** Intuit's limit of requests in flight per company (and app). */
export const INTUIT_MAX_IN_FLIGHT = 10;

/** A little slack on each window, for clock granularity. */
const SLACK_MS = 30;

/** How often a full window whose requests are all still in flight is looked at again. */
const POLL_MS = 15;

/**
 * One sliding window. QuickBooks counts a request when it ARRIVES, which we cannot see: it lies
 * somewhere between our start and the answer (n8n's helper alone can take a few hundred ms before
 * the bytes leave). So a request holds its place in the window from its start until its answer
 * plus the window length — never shorter than the server's view.
 */
class Window {
	private readonly finished: number[] = [];

	private pending = 0;

	constructor(
		readonly limit: number,
		readonly lengthMs: number,
	) {}

	/** Milliseconds to wait before one more start fits (0 = now); `limit` is this window's limit scaled by the share. */
	waitMs(now: number, limit = this.limit): number {
		if (limit <= 0) return 0;
		while (this.finished.length && this.finished[0] <= now - this.lengthMs - SLACK_MS) this.finished.shift();
		const excess = this.finished.length + this.pending - limit;
		if (excess < 0) return 0;
		// The (excess+1)-th oldest answer must leave the window; if that is a request still in flight, look again soon.
		if (excess < this.finished.length) return this.finished[excess] + this.lengthMs + SLACK_MS - now + 1;
		return POLL_MS;
	}

	/** Counts a start; the returned function records its answer. */
	start(): () => void {
		if (this.limit <= 0) return () => undefined;
		this.pending++;
		let done = false;
		return () => {
			if (done) return;
			done = true;
			this.pending--;
			this.finished.push(Date.now());
		};
	}
}

/** Paces the request starts of one realm. */
export class RealmPacer {
	private readonly second: Window;

	private readonly minute: Window;

	private readonly batchMinute: Window;

	private turn: Promise<void> = Promise.resolve();

	private inFlight = 0;

	private lastStartAt = -Infinity;

	private lastBatchAt = -Infinity;

	/** This process's share of the company's request limits (per second, per minute, in flight). */
	readonly adaptive: AdaptiveShare;

	/**
	 * Its share of the batch limit, kept apart: a process that met the batch limit need not slow its other
	 * requests, and the other way round. A 429 cannot say which limit it was; one on a batch call is taken
	 * as the batch limit's (40 a minute, usually the first one a batch-heavy run meets).
	 */
	readonly batchAdaptive: AdaptiveShare;

	constructor(
		limits: PaceLimits,
		private readonly now: () => number = Date.now,
		/** Intuit's in-flight limit per company; scaled by the share once a 429 has lowered it. */
		private readonly maxInFlight = INTUIT_MAX_IN_FLIGHT,
	) {
		this.second = new Window(limits.perSecond, 1000);
		this.minute = new Window(limits.perMinute, 60_000);
		this.batchMinute = new Window(limits.batchPerMinute, 60_000);
		this.adaptive = new AdaptiveShare(now);
		this.batchAdaptive = new AdaptiveShare(now);
	}

	/** A 429 / throttle fault came back: lower the share of that kind of call and hold starts (see adaptiveShare.ts). */
	throttled(retryAfterMs?: number, firstHoldMs?: number, maxHoldMs?: number, isBatch = false): void {
		(isBatch ? this.batchAdaptive : this.adaptive).throttled(retryAfterMs, firstHoldMs, maxHoldMs);
	}

	/** Any other answer: the overload is over. */
	answered(isBatch = false): void {
		(isBatch ? this.batchAdaptive : this.adaptive).answered();
	}

	/** Milliseconds until one more start fits every window, the hold and the in-flight share. */
	private waitMs(now: number, isBatch: boolean): number {
		const { adaptive, batchAdaptive } = this;
		const inFlightFull = adaptive.share < 1 && this.inFlight >= adaptive.scale(this.maxInFlight) ? POLL_MS : 0;
		// Starts are spread evenly over the second (1/perSecond apart) rather than sent as one burst: two
		// processes that both burst their whole second at once meet 429s before either can adapt.
		const perSecond = adaptive.scale(this.second.limit);
		const spacing = perSecond > 0 ? this.lastStartAt + 1000 / perSecond - now : 0;
		// Once the batch limit is shared, batch calls are spread over the minute the same way.
		const batchLimit = batchAdaptive.scale(this.batchMinute.limit);
		const batchSpacing = isBatch && batchLimit > 0 && batchAdaptive.share < 1 ? this.lastBatchAt + 60_000 / batchLimit - now : 0;
		return Math.max(
			adaptive.holdMs(),
			inFlightFull,
			spacing,
			this.second.waitMs(now, adaptive.scale(this.second.limit)),
			this.minute.waitMs(now, adaptive.scale(this.minute.limit)),
			isBatch ? Math.max(batchAdaptive.holdMs(), batchSpacing, this.batchMinute.waitMs(now, batchLimit)) : 0,
		);
	}

	private async waitForRoom(isBatch: boolean): Promise<void> {
		for (let guard = 0; guard < 100_000; guard++) {
			const wait = this.waitMs(this.now(), isBatch);
			if (wait <= 0) return;
			await sleep(wait);
		}
	}

	/** Resolves when a request may start now; call the returned function when its answer (or failure) is in. */
	async take(isBatch = false): Promise<() => void> {
		let finish: () => void = () => undefined;
		const mine = this.turn.then(async () => {
			const batchLimit = this.batchAdaptive.scale(this.batchMinute.limit);
			const batchWindowFull = isBatch && batchLimit > 0 && this.batchMinute.waitMs(this.now(), batchLimit) > 0;
			await this.waitForRoom(isBatch);
			// A batch call that waited for its own window to free a slot does not take the slot the moment it
			// frees, but a random part of the spacing later: QuickBooks frees a slot when the call that held it
			// ARRIVED + 60 s, so a process that refills on the dot takes every slot before another process sharing
			// the company can, never meets a 429 itself and keeps its whole share while the other starves (the
			// two-workers bench: 275 s for one execution, retries used up in the other). Costs a process alone
			// about half a spacing per minute window turned over (≈ 1 %).
			if (batchWindowFull) {
				await sleep(Math.random() * (60_000 / batchLimit));
				await this.waitForRoom(isBatch);
			}
			const ends = [this.second.start(), this.minute.start(), ...(isBatch ? [this.batchMinute.start()] : [])];
			this.inFlight++;
			this.lastStartAt = this.now();
			if (isBatch) this.lastBatchAt = this.lastStartAt;
			let finished = false;
			finish = () => {
				if (finished) return;
				finished = true;
				this.inFlight--;
				ends.forEach((end) => end());
			};
		});
		this.turn = mine.catch(() => undefined);
		await mine;
		return finish;
	}
}

/** Intuit's limits, with the process-wide tuning over them; nonsense values keep Intuit's. */
export function paceLimits(tuned: Partial<PaceLimits> = transportTuning().pace ?? {}): PaceLimits {
	const read = (value: number | undefined, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
	return {
		perSecond: read(tuned.perSecond, INTUIT_PACE.perSecond),
		perMinute: read(tuned.perMinute, INTUIT_PACE.perMinute),
		batchPerMinute: read(tuned.batchPerMinute, INTUIT_PACE.batchPerMinute),
	};
}
