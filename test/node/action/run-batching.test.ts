import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { admin, jsonOf, line, locator, query, resetStats, runSync, stats } from './helpers';

// Intuit's default limits stay ON here: grouping must keep a whole run well inside them.
// Loopback runs share 2 cores with other suites; a generous bound keeps them from flaking.
jest.setTimeout(60_000);

let qbo: TestEmulator;
beforeAll(async () => {
	qbo = await startEmulatorForTests();
});
afterAll(async () => await qbo?.stop());
beforeEach(() => qbo.emulator.accounting.reset());

const parameters: INodeParameters = {
	resource: 'invoice',
	operation: 'create',
	customer: locator('name', '={{ $json.customer }}'),
	createCustomerIfMissing: true,
	docNumber: '={{ $json.id }}',
	ifExists: 'skip',
	lines: { line: [line('={{ $json.service }}', '={{ $json.hours }}' as unknown as number, 60), { lineType: 'description', description: '={{ $json.note }}' }] },
};

/** `count` work orders spread over `customers` customers and `services` services. */
function workOrders(count: number, customers: number, services: number): IDataObject[] {
	return Array.from({ length: count }, (_, i) => ({
		id: `RUN-${i + 1}`,
		customer: `Client ${i % customers} — O'Hara ✓`,
		service: `Service ${i % services}`,
		hours: (i % 4) + 1,
		note: `Order ${i + 1} 🧾`,
	}));
}

describe('whole-run batching', () => {
	it('100 invoices for 20 new customers and 5 new services take a handful of requests', async () => {
		await resetStats(qbo);
		const out = jsonOf(await runSync(qbo, parameters, workOrders(100, 20, 5)));
		expect(out).toHaveLength(100);
		expect(out.every((invoice) => invoice._action === 'created')).toBe(true);
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName LIKE 'Client %'")).toHaveLength(20);

		const counted = await stats(qbo);
		// customers: 1 IN query + 1 batch; items: 1 default-account query + 1 IN query + 1 batch;
		// documents: 1 DocNumber IN query + 4 batches of ≤ 30 + 1 IN query reading the new numbers back
		// (exactly once under concurrency: a twin made by another execution at the same moment is found).
		expect(counted.byEndpoint).toMatchObject({ 'POST /batch': 6 });
		expect(counted.requests).toBe(11);
		expect(counted.throttled).toBe(0);
		process.stdout.write(`100 invoices / 20 customers / 5 services: ${counted.requests} requests ${JSON.stringify(counted.byEndpoint)}\n`);

		await resetStats(qbo);
		const replay = jsonOf(await runSync(qbo, parameters, workOrders(100, 20, 5)));
		expect(replay.every((invoice) => invoice._action === 'skipped')).toBe(true);
		const replayed = await stats(qbo);
		expect(replayed.byEndpoint['POST /batch']).toBeUndefined();
		// customers IN + items IN + DocNumber IN: nothing is created, so no default account is looked up.
		expect(replayed.requests).toBe(3);
		process.stdout.write(`replay of the same 100: ${replayed.requests} requests ${JSON.stringify(replayed.byEndpoint)}\n`);
	});

	it('a run of 300 items with some bad ones: every good item is written once, each bad one gets its own error', async () => {
		const items = workOrders(300, 40, 10);
		items[7].hours = -1;
		items[150].customer = '';
		items[299].id = 'X'.repeat(30);
		const started = Date.now();
		const out = jsonOf(await runSync(qbo, parameters, items, { continueOnFail: true }));
		const elapsed = Date.now() - started;
		expect(out).toHaveLength(300);
		const errors = out.map((json, index) => [index, json.error]).filter(([, error]) => error);
		expect(errors.map(([index]) => index)).toEqual([7, 150, 299]);
		expect(out.filter((json) => json._action === 'created')).toHaveLength(297);
		const stored = query(qbo, 'SELECT * FROM Invoice MAXRESULTS 1000');
		expect(stored.filter((invoice) => String(invoice.DocNumber).startsWith('RUN-'))).toHaveLength(297);
		process.stdout.write(`300 items (3 bad): ${elapsed} ms\n`);
	});

	it('a throttled (429) and a dropped batch are retried: every invoice is written exactly once', async () => {
		await resetStats(qbo);
		await admin(qbo, 'faults', { count: 2, mode: 'fail', status: 429, match: { method: 'POST', pathIncludes: '/batch' } });
		await admin(qbo, 'faults', { count: 1, mode: 'drop', match: { method: 'POST', pathIncludes: '/batch' } });
		const out = jsonOf(await runSync(qbo, parameters, workOrders(40, 8, 3)));
		expect(out.every((invoice) => invoice._action === 'created')).toBe(true);
		const stored = query(qbo, "SELECT * FROM Invoice WHERE DocNumber LIKE 'RUN-%' MAXRESULTS 1000");
		expect(stored).toHaveLength(40);
		expect(new Set(stored.map((invoice) => invoice.DocNumber)).size).toBe(40);
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName LIKE 'Client %'")).toHaveLength(8);
		const counted = await stats(qbo);
		expect(counted.throttled).toBeGreaterThanOrEqual(2);
		expect(counted.dropped).toBeGreaterThanOrEqual(1);
		// A 429 halves this process's share of the company's limits (transport/adaptiveShare.ts), the
		// 40 batches per minute included, and the earlier tests' batches still fill that minute: the run
		// waits for the window (up to a minute) instead of meeting more 429s.
	}, 180_000);
});
