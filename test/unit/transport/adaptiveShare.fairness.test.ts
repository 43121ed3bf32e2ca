import { AdaptiveShare } from '../../../nodes/shared/transport/adaptiveShare';

/**
 * Issue 16, fairness and recovery of the shares of Intuit's limits. Two processes writing to one company
 * see only their own 429s; these tests drive two AdaptiveShares on one hand-moved clock against a model of
 * QuickBooks' batch limit (40 batch calls per company in any 60 s, counted on arrival; a call over it is a
 * 429 and does not count), each process pacing its batch calls as pacing.ts does: at most `scale(40)` of its
 * own calls in the last 60 s, none while held, 100 ms apart (10/s) and, once it shares, 60 s / scale(40) apart
 * (the model leaves out pacing.ts's random delay before refilling a full window, to stay deterministic).
 * The model has nothing but batch calls, so its 429s are counted against batch calls only (≤ 5 %); the
 * issue's 2 % is of all requests, measured in test/node/action/shared-limits.test.ts and the bench, where
 * batch calls are about 40 % of the requests.
 */

/** 429s per batch call the model allows (see above). */
const THROTTLED_PER_BATCH_CALL = 0.05;

const LIMIT = 40;
const WINDOW_MS = 60_000;
const STEP_MS = 100;

function manualClock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

interface Worker {
	share: AdaptiveShare;
	starts: number[];
	lastStart: number;
	done: number;
	throttled: number;
	/** Batch calls this process still has to make (Infinity = always busy). */
	left: number;
}

/** Runs the model for `ms`; returns the calls QuickBooks accepted per worker in that time. */
function simulate(clock: ReturnType<typeof manualClock>, workers: Worker[], server: number[], ms: number): number[] {
	const accepted = workers.map(() => 0);
	for (let elapsed = 0; elapsed < ms; elapsed += STEP_MS) {
		clock.advance(STEP_MS);
		const now = clock.now();
		while (server.length && server[0] <= now - WINDOW_MS) server.shift();
		workers.forEach((worker, k) => {
			while (worker.starts.length && worker.starts[0] <= now - WINDOW_MS) worker.starts.shift();
			if (worker.left <= 0 || worker.share.holdMs() > 0) return;
			const mine = worker.share.scale(LIMIT);
			// pacing.ts: starts 1/perSecond apart; once sharing, spread over the minute (WINDOW / limit apart).
			const spacing = worker.share.share < 1 ? WINDOW_MS / mine : 100;
			if (worker.starts.length >= mine || now - worker.lastStart < spacing) return;
			worker.starts.push(now);
			worker.lastStart = now;
			if (server.length >= LIMIT) {
				worker.throttled++;
				worker.share.throttled();
				return;
			}
			server.push(now);
			worker.done++;
			worker.left--;
			accepted[k]++;
			worker.share.answered();
		});
	}
	return accepted;
}

const worker = (clock: ReturnType<typeof manualClock>, left = Infinity): Worker => ({ share: new AdaptiveShare(clock.now), starts: [], lastStart: -Infinity, done: 0, throttled: 0, left });

describe('AdaptiveShare: recovery and fairness between processes', () => {
	it('a share halved by an overload is back to the full limits within 2 minutes without a 429, at batch-call pace', () => {
		const clock = manualClock();
		const share = new AdaptiveShare(clock.now);
		share.throttled();
		clock.advance(share.holdMs());
		expect(share.share).toBeLessThanOrEqual(0.5);
		// An answer every 1.5 s (40 batch calls a minute) for 2 minutes, no 429.
		for (let t = 0; t < 120_000; t += 1500) {
			clock.advance(1500);
			share.answered();
		}
		expect(share.share).toBe(1);
	});

	it('a process starved by another gets an even split back within minutes, and with few 429s', () => {
		const clock = manualClock();
		const server: number[] = [];
		const [a, b] = [worker(clock), worker(clock)];
		// B lost its share to repeated overloads (each a fresh one) while A kept the whole limit.
		for (let i = 0; i < 6; i++) {
			b.share.throttled();
			clock.advance(b.share.holdMs() + 6000);
		}
		expect(b.share.share).toBeLessThan(0.1);
		simulate(clock, [a, b], server, 5 * 60_000);
		const throttledBefore = a.throttled + b.throttled;
		const doneBefore = a.done + b.done;
		// The next 10 minutes: each gets 35–65 % of what QuickBooks accepted, together ≥ 85 % of the limit.
		const [forA, forB] = simulate(clock, [a, b], server, 10 * 60_000);
		expect(forA / (forA + forB)).toBeGreaterThan(0.35);
		expect(forB / (forA + forB)).toBeGreaterThan(0.35);
		expect(forA + forB).toBeGreaterThanOrEqual(0.85 * 10 * LIMIT);
		const calls = a.done + b.done - doneBefore + a.throttled + b.throttled - throttledBefore;
		expect((a.throttled + b.throttled - throttledBefore) / calls).toBeLessThanOrEqual(THROTTLED_PER_BATCH_CALL);
	});

	it('two processes with the same work finish close together and near the limit-bound floor', () => {
		const clock = manualClock();
		const server: number[] = [];
		// 184 batch calls each (the two-workers bench job): the floor at 40 a minute is 9.2 minutes.
		const workers = [worker(clock, 184), worker(clock, 184)];
		const finishedAt: number[] = [];
		const start = clock.now();
		for (let minute = 0; minute < 30 && finishedAt.length < 2; minute += 0.5) {
			simulate(clock, workers, server, 30_000);
			workers.forEach((w, k) => {
				if (w.left === 0 && finishedAt[k] === undefined) finishedAt[k] = clock.now() - start;
			});
		}
		expect(finishedAt.filter((ms) => ms !== undefined)).toHaveLength(2);
		const [first, last] = [Math.min(...finishedAt), Math.max(...finishedAt)];
		expect(last).toBeLessThanOrEqual(1.2 * ((2 * 184) / LIMIT) * 60_000);
		expect(last / first).toBeLessThanOrEqual(1.25);
		const throttled = workers[0].throttled + workers[1].throttled;
		expect(throttled / (2 * 184 + throttled)).toBeLessThanOrEqual(THROTTLED_PER_BATCH_CALL);
	});
});
