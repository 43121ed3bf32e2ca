import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import type { QuickBooksSyncWebhookTrigger } from '../../../nodes/QuickBooksSyncWebhookTrigger/QuickBooksSyncWebhookTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runNode, runWebhook, runWebhookMethod, TestCredentials } from '../../support/n8n-context';
import { qboApi, type QboApi } from './qboApi';

/**
 * Issue 16: one QuickBooks change delivered to several n8n webhook processors, and again after a
 * restart. This plays n8n's handling of a webhook node's static data (packages/cli live-webhooks.ts,
 * 1.123.81 and 2.41.1): each request loads the workflow's static data from the database, runs
 * webhook(), then saves the static data whole (the last writer wins). Each processor is a fresh copy
 * of the node's modules (its own in-process memory). n8n gives a webhook node no lock and no
 * deduplication helper (those exist in execute contexts only), so:
 *   - a copy that arrives after another processor handled the change is refused (static data);
 *   - copies handled at the same moment by two processors can both start an execution: then their
 *     items carry the same eventKey, and the action node's Idempotency Key makes one effect.
 */

jest.setTimeout(300_000);

const TOKEN = 'verifier-token-processors';
/** Changes in the many-deliveries test (the queue-mode e2e suite runs 50 through real n8n). */
const CHANGES = 30;
const PARAMETERS = { entities: ['Invoice'], events: ['created', 'updated'], statusEvents: [] };

let qbo: TestEmulator;
let api: QboApi;
let credentials: TestCredentials;
beforeAll(async () => {
	qbo = await startEmulatorForTests({ limits: false });
	api = qboApi(qbo);
	credentials = new TestCredentials(qbo.credentials(qbo.realms.us, { webhookVerifierToken: TOKEN }));
});
afterAll(async () => await qbo.stop());

type Trigger = typeof QuickBooksSyncWebhookTrigger;

function freshCopy<T>(path: string, name: string): T {
	let loaded: T | undefined;
	jest.isolateModules(() => {
		/* eslint-disable @typescript-eslint/no-require-imports */
		const tuning = require('../../../nodes/shared/transport/tuning') as typeof import('../../../nodes/shared/transport/tuning');
		const env = require('../../support/transport-tuning-env') as typeof import('../../support/transport-tuning-env');
		tuning.setTransportTuning(() => env.tuningFromEnv(process.env));
		loaded = (require(path) as Record<string, T>)[name];
		/* eslint-enable @typescript-eslint/no-require-imports */
	});
	return loaded!;
}
const triggerCopy = () => freshCopy<Trigger>('../../../nodes/QuickBooksSyncWebhookTrigger/QuickBooksSyncWebhookTrigger.node', 'QuickBooksSyncWebhookTrigger');

/** The workflow's static data row, shared by every processor of one n8n instance. */
class Database {
	staticData = '{}';

	/** n8n activating the workflow: the trigger's create() on the loaded static data, then saved. */
	async activate(): Promise<this> {
		const memory = JSON.parse(this.staticData) as IDataObject;
		await runWebhookMethod(triggerCopy(), 'create', { credentials, parameters: PARAMETERS as never, staticData: memory, nodeId: 'webhook-node' });
		this.staticData = JSON.stringify(memory);
		return this;
	}
}

/** One webhook processor: loads static data per request, runs webhook(), saves it whole. */
class Processor {
	private node: Trigger = triggerCopy();

	constructor(private readonly db: Database) {}

	restart(): void {
		this.node = triggerCopy();
	}

	/** Returns the items of the execution the delivery started (empty: none started). */
	async receive(raw: string): Promise<IDataObject[]> {
		const memory = JSON.parse(this.db.staticData) as IDataObject;
		const { result, response } = await runWebhook(this.node, {
			credentials,
			parameters: PARAMETERS as never,
			staticData: memory,
			mode: 'webhook',
			nodeId: 'webhook-node',
			request: { body: JSON.parse(raw), rawBody: raw, headers: { 'intuit-signature': createHmac('sha256', TOKEN).update(raw).digest('base64') } },
		});
		expect(response.statusCode).toBe(200);
		this.db.staticData = JSON.stringify(memory);
		return (result.workflowData?.[0] ?? []).map((item) => item.json);
	}
}

/** A legacy delivery of one change, as Intuit sends it (and sends again). */
function deliveryOf(id: string, operation: 'Create' | 'Update', lastUpdated: string): string {
	return JSON.stringify({ eventNotifications: [{ realmId: qbo.realms.us, dataChangeEvent: { entities: [{ name: 'Invoice', id, operation, lastUpdated }] } }] });
}

/** An API call tried twice: fetch may reuse a keep-alive socket the emulator just closed (ECONNRESET). */
async function twice<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (!/fetch failed/.test(String((error as Error).message))) throw error;
		return await call();
	}
}

async function newInvoices(count: number): Promise<string[]> {
	const customer = await twice(async () => await api.create('Customer', { DisplayName: `Processors ${Date.now()}` }));
	const item = await twice(async () => await api.create('Item', { Name: `Processors Item ${Date.now()}`, Type: 'Service', IncomeAccountRef: { value: '1' } }));
	const ids: string[] = [];
	for (let index = 0; index < count; index++) {
		const invoice = await twice(async () =>
			await api.create('Invoice', {
				CustomerRef: { value: customer.Id },
				Line: [{ Amount: 5, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 5 } }],
			}),
		);
		ids.push(String(invoice.Id));
	}
	return ids;
}

describe('webhook trigger on two webhook processors', () => {
	test('a copy reaching the other processor after the first was handled, or either after a restart, starts nothing', async () => {
		const db = await new Database().activate();
		const [a, b] = [new Processor(db), new Processor(db)];
		const [id] = await newInvoices(1);
		const raw = deliveryOf(id, 'Create', new Date().toISOString());
		const first = await a.receive(raw);
		expect(first.map((event) => event.event)).toEqual(['invoice.created']);
		expect(await b.receive(raw)).toEqual([]);
		a.restart();
		b.restart();
		expect(await a.receive(raw)).toEqual([]);
		expect(await b.receive(raw)).toEqual([]);
	});

	test(`${CHANGES} changes, each delivered to both processors at once (every fifth three times): none lost, duplicates share their eventKey, and with it as Idempotency Key one sales receipt per change`, async () => {
		const db = await new Database().activate();
		const [a, b] = [new Processor(db), new Processor(db)];
		const ids = await newInvoices(CHANGES);
		const stamp = Date.now();
		const deliveries = ids.map((id, index) => deliveryOf(id, 'Update', new Date(stamp + index).toISOString()));
		const executions: IDataObject[][] = [];
		for (const [index, raw] of deliveries.entries()) {
			const copies = [a.receive(raw), b.receive(raw), ...(index % 5 === 0 ? [a.receive(raw)] : [])];
			executions.push(...(await Promise.all(copies)).filter((items) => items.length > 0));
		}
		const byKey = new Map<string, number>();
		for (const items of executions) {
			expect(items).toHaveLength(1);
			byKey.set(String(items[0].eventKey), (byKey.get(String(items[0].eventKey)) ?? 0) + 1);
		}
		// Nothing lost: every change started at least one execution, under one key.
		expect(byKey.size).toBe(CHANGES);
		// In one process the in-flight memory stops the third copy; only the two processors can race.
		expect(Math.max(...byKey.values())).toBeLessThanOrEqual(2);
		const duplicates = executions.length - byKey.size;
		process.stdout.write(`webhook processors: ${CHANGES} changes, ${deliveries.length * 2 + Math.ceil(CHANGES / 5)} copies delivered, ${executions.length} executions (${duplicates} duplicate executions, ${((duplicates / CHANGES) * 100).toFixed(0)} % of changes)\n`);

		// Each execution runs the action with the event's key: one invoice per change, whatever ran twice.
		const actions = [freshCopy<typeof QuickBooksSync>('../../../nodes/QuickBooksSync/QuickBooksSync.node', 'QuickBooksSync'), freshCopy<typeof QuickBooksSync>('../../../nodes/QuickBooksSync/QuickBooksSync.node', 'QuickBooksSync')];
		await Promise.all(
			executions.map(async (items, index) =>
				await runNode(actions[index % 2], {
					credentials: qbo.credentials(),
					items,
					parameters: {
						resource: 'salesReceipt',
						operation: 'create',
						customer: { __rl: true, mode: 'name', value: 'Downstream Customer' },
						createCustomerIfMissing: true,
						idempotencyKey: '={{ $json.eventKey }}',
						ifExists: 'skip',
						lines: { line: [{ lineType: 'item', itemBy: 'name', itemName: 'Downstream Work', createItemIfMissing: true, quantity: 1, rate: 1, amount: 0 }] },
						newItemSettings: { incomeAccountId: '1' },
					},
				}),
			),
		);
		const answer = qbo.emulator.accounting.query(qbo.realms.us, 'SELECT * FROM SalesReceipt MAXRESULTS 1000') as IDataObject;
		const receipts = (Object.values(answer).find((value) => Array.isArray(value)) ?? []) as IDataObject[];
		expect(receipts).toHaveLength(CHANGES);
		expect(new Set(receipts.map((receipt) => receipt.DocNumber)).size).toBe(CHANGES);
	});
});
