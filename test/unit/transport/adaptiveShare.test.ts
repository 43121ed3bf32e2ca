import { AdaptiveShare, DECREASE_COOLDOWN_MS, FIRST_HOLD_MS, GROWTH_PER_SECOND_CUBED, MAX_HOLD_MS, MIN_SHARE } from '../../../nodes/shared/transport/adaptiveShare';
import { RealmPacer } from '../../../nodes/shared/transport/pacing';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
	let now = start;
	return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('AdaptiveShare (halved on 429s, grown back with time)', () => {
	it('halves on a 429 once per overload, and holds starts for 1 s, then 2 s, … up to 60 s', () => {
		const clock = manualClock();
		const share = new AdaptiveShare(clock.now);
		expect(share.share).toBe(1);
		share.throttled();
		share.throttled();
		share.throttled();
		expect(share.share).toBe(0.5);
		// Three throttles in a row: the hold doubled twice.
		expect(share.holdMs()).toBe(FIRST_HOLD_MS * 4);
		// Retries that meet a 429 while held or right after the hold answer the same overload: no second halving.
		clock.advance(FIRST_HOLD_MS * 4);
		share.throttled();
		expect(share.share).toBe(0.5);
		expect(share.holdMs()).toBe(FIRST_HOLD_MS * 8);
		// Running again for the cooldown after the hold, a new 429 is a new overload: half of what it had grown to.
		clock.advance(FIRST_HOLD_MS * 8 + DECREASE_COOLDOWN_MS);
		share.answered();
		const grown = share.share;
		expect(grown).toBeGreaterThan(0.5);
		share.throttled();
		expect(share.share).toBeCloseTo(grown / 2, 10);
		for (let i = 0; i < 20; i++) {
			clock.advance(MAX_HOLD_MS + DECREASE_COOLDOWN_MS);
			share.throttled();
		}
		expect(share.share).toBe(MIN_SHARE);
		expect(share.holdMs()).toBe(MAX_HOLD_MS);
	});

	it('six 429s in a row, each retried after its hold, halve the share once', () => {
		const clock = manualClock();
		const share = new AdaptiveShare(clock.now);
		for (let i = 0; i < 6; i++) {
			share.throttled();
			clock.advance(share.holdMs());
		}
		expect(share.share).toBe(0.5);
	});

	it("honours the server's Retry-After for the hold, capped at 60 s", () => {
		const clock = manualClock();
		const share = new AdaptiveShare(clock.now);
		share.throttled(2500);
		expect(share.holdMs()).toBe(2500);
		clock.advance(2500);
		expect(share.holdMs()).toBe(0);
		share.throttled(600_000);
		expect(share.holdMs()).toBe(MAX_HOLD_MS);
	});

	it('grows back with time, not answers: fast towards the share it had, slowly around it, then faster to the full limits', () => {
		const clock = manualClock();
		const share = new AdaptiveShare(clock.now);
		share.throttled();
		clock.advance(share.holdMs());
		expect(share.scale(10)).toBe(5);
		expect(share.scale(500)).toBe(250);
		expect(share.scale(0)).toBe(0);
		// Answers alone change nothing.
		for (let i = 0; i < 1000; i++) share.answered();
		expect(share.share).toBe(0.5);
		// Back to the full limits after ∛(0.5 / C) seconds without a 429 (113 s), not before.
		const backMs = Math.cbrt(0.5 / GROWTH_PER_SECOND_CUBED) * 1000;
		clock.advance(10_000);
		const early = share.share;
		clock.advance(backMs / 2 - 10_000);
		expect(share.share).toBeGreaterThan(early);
		expect(share.share).toBeLessThan(1);
		clock.advance(backMs / 2 - 1);
		expect(share.share).toBeLessThan(1);
		clock.advance(1);
		expect(share.share).toBeCloseTo(1, 10);
		clock.advance(600_000);
		expect(share.share).toBe(1);
		for (let i = 0; i < 10; i++) {
			clock.advance(MAX_HOLD_MS + DECREASE_COOLDOWN_MS);
			share.throttled();
		}
		expect(share.scale(10)).toBe(1);
	});

	it('an overload met below the share of the last one aims lower (fast convergence), never below the floor', () => {
		const clock = manualClock();
		const share = new AdaptiveShare(clock.now);
		share.throttled();
		clock.advance(share.holdMs() + DECREASE_COOLDOWN_MS);
		share.answered();
		const before = share.share;
		share.throttled();
		expect(share.share).toBeCloseTo(before / 2, 10);
		// It now climbs back to 3/4 of `before` (not to `before`) and lingers there.
		clock.advance(share.holdMs() + 90_000);
		expect(share.share).toBeGreaterThan(0.74 * before);
		expect(share.share).toBeLessThan(0.76 * before);
	});
});

describe('RealmPacer with its adaptive share', () => {
	it('after a 429 waits out the hold and then starts at most half the per-second limit', async () => {
		const pacer = new RealmPacer({ perSecond: 4, perMinute: 0, batchPerMinute: 0 });
		pacer.throttled(200);
		const started: number[] = [];
		const t0 = Date.now();
		await Promise.all(
			Array.from({ length: 3 }, async () => {
				const done = await pacer.take();
				started.push(Date.now() - t0);
				done();
			}),
		);
		started.sort((a, b) => a - b);
		// Nothing before the 200 ms hold; the share (2 of 4 per second) makes the third wait for the window.
		expect(started[0]).toBeGreaterThanOrEqual(190);
		// Half of 4 per second: starts 500 ms apart.
		expect(started[1] - started[0]).toBeGreaterThanOrEqual(490);
		expect(started[1]).toBeLessThan(900);
		expect(started[2]).toBeGreaterThanOrEqual(started[0] + 950);
	});
});
