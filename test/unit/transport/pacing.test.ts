import { paceLimits, RealmPacer, INTUIT_PACE } from '../../../nodes/shared/transport/pacing';
import { tuningFromEnv } from '../../support/transport-tuning-env';

describe('RealmPacer', () => {
	it('lets at most `perSecond` requests start within any second, counting each until its answer', async () => {
		const pacer = new RealmPacer({ perSecond: 3, perMinute: 0, batchPerMinute: 0 });
		const t0 = Date.now();
		const starts: number[] = [];
		await Promise.all(
			Array.from({ length: 7 }, async () => {
				const answered = await pacer.take();
				starts.push(Date.now() - t0);
				// Each "request" takes 100 ms: the window runs from its answer, not its start.
				await new Promise((resolve) => setTimeout(resolve, 100));
				answered();
			}),
		);
		starts.sort((a, b) => a - b);
		// Spread evenly over the second (1/3 s apart), not one burst.
		expect(starts[0]).toBeLessThan(80);
		expect(starts[2]).toBeLessThan(900);
		for (let i = 1; i < 3; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(320);
		expect(starts[3]).toBeGreaterThanOrEqual(1100);
		expect(starts[6]).toBeGreaterThanOrEqual(2200);
		for (let i = 3; i < starts.length; i++) expect(starts[i] - starts[i - 3]).toBeGreaterThanOrEqual(1000);
	}, 10_000);

	it('never starts more than the limit while all earlier requests are still in flight', async () => {
		const pacer = new RealmPacer({ perSecond: 2, perMinute: 0, batchPerMinute: 0 });
		const first = await pacer.take();
		await pacer.take();
		let third = false;
		const waiting = pacer.take().then(() => {
			third = true;
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(third).toBe(false);
		first();
		await new Promise((resolve) => setTimeout(resolve, 200));
		// The first answer came 200 ms ago: it still fills its window for another ~800 ms.
		expect(third).toBe(false);
		await waiting;
		expect(third).toBe(true);
	}, 10_000);

	it("takes its limits from the tuning over Intuit's, 0 switching a window off", () => {
		expect(paceLimits({})).toEqual(INTUIT_PACE);
		expect(paceLimits(tuningFromEnv({ QBO_SYNC_MAX_PER_SECOND: '0', QBO_SYNC_MAX_PER_MINUTE: '100', QBO_SYNC_MAX_BATCH_PER_MINUTE: 'x' }).pace)).toEqual({
			perSecond: 0,
			perMinute: 100,
			batchPerMinute: 40,
		});
	});
});
