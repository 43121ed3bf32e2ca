import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { qboRequest, transportConcurrencyStats } from '../../nodes/shared/transport';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { useFastRetries } from '../support/fast-retries';
import { createTransportContext } from '../support/n8n-context';

/** Counts requests in flight at the HTTP helper, below the transport: the bound the server sees. */
function countInFlight(context: IExecuteFunctions, counter: { now: number; max: number }): void {
	const original = context.helpers.httpRequestWithAuthentication;
	context.helpers.httpRequestWithAuthentication = async function (this: IExecuteFunctions, ...args: Parameters<typeof original>) {
		counter.now++;
		counter.max = Math.max(counter.max, counter.now);
		try {
			return await original.apply(this, args);
		} finally {
			counter.now--;
		}
	} as typeof original;
}

interface Stats {
	requests: number;
	throttled: number;
	byStatus: Record<string, number>;
}

describe('a 429 storm (client pacing off, Intuit limits)', () => {
	// The pacer would avoid the storm; switch it off to prove the retries and the concurrency bound.
	useFastRetries({ QBO_SYNC_MAX_PER_SECOND: '0', QBO_SYNC_MAX_PER_MINUTE: '0', QBO_SYNC_RETRY_ATTEMPTS: '200', QBO_SYNC_RETRY_TOTAL_MS: '120000' });
	let qbo: TestEmulator;
	beforeAll(async () => {
		// Intuit's limits in real time: 10 per second, 500 per minute, 10 in flight.
		qbo = await startEmulatorForTests();
		// Every request takes 200 ms, so requests pile up in flight (10 in flight offer up to 50 per second).
		await qbo.admin('faults', { count: 1000, mode: 'delay', delayMs: 200, match: { pathIncludes: '/customer/' } });
	});
	afterAll(async () => await qbo?.stop());

	it('answers all 150 concurrent requests, retrying the 429s, never more than 10 in flight', async () => {
		const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Storm Target' }) as IDataObject;
		const credentials = qbo.credentials();
		const counter = { now: 0, max: 0 };
		// Three "executions" hitting the same company at once share the per-realm bound.
		const contexts = [0, 1, 2].map(() => {
			const { context } = createTransportContext({ credentials });
			countInFlight(context, counter);
			return context;
		});
		const started = Date.now();
		const answers = await Promise.all(
			Array.from({ length: 150 }, async (_, i) =>
				(await qboRequest.call(contexts[i % 3], { method: 'GET', path: `/customer/${customer.Id}` })) as IDataObject,
			),
		);
		const elapsed = Date.now() - started;
		expect(answers).toHaveLength(150);
		expect(answers.every((answer) => (answer.Customer as IDataObject).Id === customer.Id)).toBe(true);
		expect(counter.max).toBeLessThanOrEqual(10);
		expect(counter.max).toBe(10);
		const realmStats = transportConcurrencyStats()[`${qbo.url}|${qbo.realms.us}`];
		expect(realmStats.maxInFlight).toBeLessThanOrEqual(10);
		const stats = await qbo.admin<Stats>('stats');
		expect(stats.byStatus[200]).toBe(150);
		expect(stats.throttled).toBeGreaterThan(0);
		console.log(`429 storm: 150 requests answered, ${stats.throttled} 429s retried, ${stats.requests} HTTP requests, max in flight ${counter.max}, ${elapsed} ms`);
	}, 120_000);
});

describe('client pacing at Intuit limits', () => {
	useFastRetries();
	let qbo: TestEmulator;
	beforeAll(async () => {
		qbo = await startEmulatorForTests();
	});
	afterAll(async () => await qbo?.stop());

	it('sends 45 requests at once without drawing a single 429', async () => {
		const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Paced Target' }) as IDataObject;
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const started = Date.now();
		await Promise.all(Array.from({ length: 45 }, async () => await qboRequest.call(context, { method: 'GET', path: `/customer/${customer.Id}` })));
		const elapsed = Date.now() - started;
		const stats = await qbo.admin<Stats>('stats');
		expect(stats.throttled).toBe(0);
		expect(stats.byStatus[200]).toBe(45);
		// 10 per second: the 45th start cannot come before 4 s.
		expect(elapsed).toBeGreaterThanOrEqual(4000);
		console.log(`paced: 45 requests, 0 429s, ${elapsed} ms`);
	}, 60_000);
});
