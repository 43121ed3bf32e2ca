import { FifoSemaphore } from '../../../nodes/shared/transport/concurrency';

describe('FifoSemaphore', () => {
	it('never holds more than its limit and serves waiters in arrival order', async () => {
		const semaphore = new FifoSemaphore(3);
		const started: number[] = [];
		let active = 0;
		let peak = 0;
		const tasks = Array.from({ length: 20 }, async (_, index) =>
			await semaphore.run(async () => {
				started.push(index);
				active++;
				peak = Math.max(peak, active);
				await new Promise((resolve) => setTimeout(resolve, 2 + (index % 3)));
				active--;
			}),
		);
		await Promise.all(tasks);
		expect(peak).toBe(3);
		expect(semaphore.maxInFlight).toBe(3);
		expect(started).toEqual([...started].sort((a, b) => a - b));
		expect(semaphore.inFlight).toBe(0);
		expect(semaphore.queued).toBe(0);
	});

	it('gives the slot back when the task fails, and a double release is harmless', async () => {
		const semaphore = new FifoSemaphore(1);
		await expect(semaphore.run(async () => await Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		const release = await semaphore.acquire();
		release();
		release();
		expect(semaphore.inFlight).toBe(0);
	});
});
