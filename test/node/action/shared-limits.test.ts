import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { resetConcurrencyLimiters } from '../../../nodes/shared/transport/concurrency';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runNode } from '../../support/n8n-context';
import { jsonOf, line, locator, nodeOfAnotherProcess, query } from './helpers';

/**
 * Issue 16, Intuit's limits shared: two n8n processes (two isolated copies of the node, each with its
 * own pacer, as two queue-mode workers have) write to ONE company at the same time, against the
 * emulator with Intuit's throttles on (10/s, 500/min, 10 in flight, 40 batches/min per company). Each
 * process alone paces itself to the whole limit, so together they offer twice what the company takes;
 * each adapts its share on the 429s it meets. Asserted: 429s ≤ 2 % of all requests, no execution
 * failed, nothing lost (every update and every invoice is there, once), and neither process starved
 * (the later one done within 1.5× the time of the earlier one).
 */

jest.setTimeout(600_000);

const CUSTOMERS_PER_PROCESS = 90;
/** The later of the two processes (same work) finishes within this multiple of the earlier one's time. */
const STARVATION_BOUND = 1.5;
const INVOICES_PER_PROCESS = 45;
const PACING_ENV = ['QBO_SYNC_MAX_PER_SECOND', 'QBO_SYNC_MAX_PER_MINUTE', 'QBO_SYNC_MAX_BATCH_PER_MINUTE', 'QBO_SYNC_MAX_CONCURRENCY'];

let qbo: TestEmulator;
beforeAll(async () => {
	// Intuit's throttles, the transport's default pacing (Intuit's limits) in each copy.
	for (const key of PACING_ENV) delete process.env[key];
	resetConcurrencyLimiters();
	qbo = await startEmulatorForTests();
});
afterAll(async () => {
	resetConcurrencyLimiters();
	await qbo?.stop();
});

interface Stats {
	requests: number;
	throttled: number;
	byStatus: Record<string, number>;
}

async function run(NodeClass: typeof QuickBooksSync, parameters: INodeParameters, items: IDataObject[]): Promise<IDataObject[]> {
	return jsonOf((await runNode(NodeClass, { credentials: qbo.credentials(), parameters, items })).output[0]);
}

/** One "process": updates its own customers (a read and a write each) in two executions, then creates its invoices in one. */
async function processWork(NodeClass: typeof QuickBooksSync, tag: string, customerIds: string[]): Promise<IDataObject[]> {
	const half = Math.ceil(customerIds.length / 2);
	const updates = [customerIds.slice(0, half), customerIds.slice(half)].map(async (ids) =>
		await run(NodeClass, { resource: 'customer', operation: 'update', updateCustomerId: '={{ $json.id }}', updateFields: { CompanyName: `Updated by ${tag}` } }, ids.map((id) => ({ id }))),
	);
	const invoices = run(
		NodeClass,
		{
			resource: 'invoice',
			operation: 'create',
			customer: locator('name', '={{ $json.customer }}'),
			createCustomerIfMissing: true,
			docNumber: '={{ $json.number }}',
			ifExists: 'skip',
			lines: { line: [line('Shared Limits Work', 1, 10)] },
			newItemSettings: { incomeAccountId: '1' },
		},
		Array.from({ length: INVOICES_PER_PROCESS }, (_, index) => ({ number: `${tag}-${index}`, customer: `${tag} Client ${index % 5}` })),
	);
	return (await Promise.all([...updates, invoices])).flat();
}

it('two processes writing to one company: 429s ≤ 2 % of requests, none failed, nothing lost', async () => {
	const realm = qbo.realms.us;
	const seeded = (prefix: string) =>
		Array.from({ length: CUSTOMERS_PER_PROCESS }, (_, index) => String((qbo.emulator.accounting.create(realm, 'Customer', { DisplayName: `${prefix} Customer ${index}` }) as IDataObject).Id));
	const mine = seeded('A');
	const theirs = seeded('B');
	await qbo.admin('stats/reset', {});

	const started = Date.now();
	const finishedAfter: number[] = [];
	const timed = async (k: number, work: Promise<IDataObject[]>) => {
		try {
			return await work;
		} finally {
			finishedAfter[k] = (Date.now() - started) / 1000;
		}
	};
	const settled = await Promise.allSettled([timed(0, processWork(QuickBooksSync, 'A', mine)), timed(1, processWork(nodeOfAnotherProcess(), 'B', theirs))]);
	const seconds = (Date.now() - started) / 1000;
	const stats = await qbo.admin<Stats>('stats');
	const rate = stats.throttled / stats.requests;
	process.stdout.write(`shared limits: ${stats.requests} requests, ${stats.throttled} 429s (${(rate * 100).toFixed(2)} %), ${seconds.toFixed(1)} s, ${(stats.requests / seconds).toFixed(2)} requests/s; A done after ${finishedAfter[0].toFixed(1)} s, B after ${finishedAfter[1].toFixed(1)} s\n`);

	expect(settled.filter((s) => s.status === 'rejected').map((s) => String(((s as PromiseRejectedResult).reason as Error).message))).toEqual([]);
	const outputs = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
	expect(outputs.filter((out) => out.error !== undefined)).toEqual([]);
	// Nothing lost: every customer carries its process's update, every invoice exists once.
	for (const [tag, ids] of [['A', mine], ['B', theirs]] as const) {
		const updated = query(qbo, `SELECT * FROM Customer WHERE CompanyName = 'Updated by ${tag}'`).map((customer) => String(customer.Id));
		expect(updated.sort()).toEqual([...ids].sort());
	}
	const numbers = query(qbo, 'SELECT * FROM Invoice MAXRESULTS 1000').map((invoice) => String(invoice.DocNumber));
	expect(numbers).toHaveLength(2 * INVOICES_PER_PROCESS);
	expect(new Set(numbers).size).toBe(2 * INVOICES_PER_PROCESS);
	expect(rate).toBeLessThanOrEqual(0.02);
	// Neither starved: the same work, so the later process finishes within 1.5× the time of the earlier one.
	expect(Math.max(...finishedAfter) / Math.min(...finishedAfter)).toBeLessThanOrEqual(STARVATION_BOUND);
});
