/**
 * An action workflow in a real n8n: Webhook → QuickBooks Sync "Invoice: Create" with the customer and
 * the product found by name (created when missing), the document number from the event and
 * "If It Already Exists: skip". Names with an apostrophe and accents must be found again on replay:
 * posting the same events twice creates nothing new.
 */
import { randomUUID } from 'node:crypto';
import { e2eVersions, NODE_TYPE_PREFIX, type WorkflowJson } from './harness';
import { importAndActivate, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './templates/support/template-env';
import { fingerprint, rows, type Row } from './templates/support/qbo-state';

const HOOK_PATH = 'e2e-orders';

const EVENTS = [
	{ orderId: 'ACT-1001', customer: "Café O'Brien", item: "Chef's crème brûlée kit", quantity: 2, rate: 12.5 },
	{ orderId: 'ACT-1002', customer: 'Zoë Lindqvist & Söner', item: 'Espresso beans 1 kg', quantity: 3, rate: 19.99 },
];

/** Webhook → Invoice: Create, as a user would build it in the editor. */
function orderWorkflow(credential: { id: string; name: string }): WorkflowJson {
	return {
		name: 'Orders to QuickBooks invoices (e2e)',
		nodes: [
			{ id: randomUUID(), name: 'Order Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: HOOK_PATH, responseMode: 'onReceived', options: {} } },
			{
				id: randomUUID(),
				name: 'Create Invoice',
				type: `${NODE_TYPE_PREFIX}.quickBooksSync`,
				typeVersion: 1,
				position: [250, 0],
				credentials: { quickBooksSyncOAuth2Api: credential },
				parameters: {
					resource: 'invoice',
					operation: 'create',
					customer: { __rl: true, mode: 'name', value: '={{ $json.body.customer }}' },
					createCustomerIfMissing: true,
					docNumber: '={{ $json.body.orderId }}',
					ifExists: 'skip',
					lines: { line: [{ lineType: 'item', itemBy: 'name', itemName: '={{ $json.body.item }}', quantity: '={{ $json.body.quantity }}', rate: '={{ $json.body.rate }}', createItemIfMissing: true }] },
				},
			},
		],
		connections: { 'Order Webhook': { main: [[{ node: 'Create Invoice', type: 'main', index: 0 }]] } },
	};
}

describe.each(e2eVersions())('action workflow on n8n %s', (version) => {
	let env: TemplateEnv;
	let workflowId: string;

	beforeAll(async () => {
		env = await startTemplateEnv(version, 'us');
		workflowId = await importAndActivate(env.n8n, orderWorkflow(env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
	}, 60_000);

	const all = (entity: string): Row[] => rows(env.qbo, env.realmId, `SELECT * FROM ${entity} MAXRESULTS 1000`);

	/** Posts each event and waits for its run before the next. */
	async function deliver(alreadyFinished: number): Promise<void> {
		for (let index = 0; index < EVENTS.length; index++) {
			expect(await postToWebhook(env.n8n, HOOK_PATH, EVENTS[index])).toBe(200);
			await waitForFinished(env.n8n, workflowId, alreadyFinished + index + 1);
		}
	}

	it('creates one invoice per order with its customer and product (created by name), and a replay creates nothing', async () => {
		const customersBefore = all('Customer').length;
		const itemsBefore = all('Item').length;
		await deliver(0);
		const runs = await withData(env.n8n, await waitForFinished(env.n8n, workflowId, 2));
		expect(runs.map(outcome)).toEqual(['success', 'success']);

		const customers = all('Customer');
		const items = all('Item');
		expect(customers).toHaveLength(customersBefore + 2);
		expect(items).toHaveLength(itemsBefore + 2);
		for (const event of EVENTS) {
			const customer = customers.filter((row) => row.DisplayName === event.customer);
			const item = items.filter((row) => row.Name === event.item);
			expect({ name: event.customer, found: customer.length }).toEqual({ name: event.customer, found: 1 });
			expect({ name: event.item, found: item.length }).toEqual({ name: event.item, found: 1 });
			const invoices = all('Invoice').filter((row) => row.DocNumber === event.orderId);
			expect(invoices).toHaveLength(1);
			const itemLines = (invoices[0].Line as Row[]).filter((line) => line.DetailType === 'SalesItemLineDetail');
			expect(invoices[0].CustomerRef.value).toBe(String(customer[0].Id));
			expect(itemLines).toHaveLength(1);
			expect(itemLines[0]).toMatchObject({
				Amount: Math.round(event.quantity * event.rate * 100) / 100,
				SalesItemLineDetail: expect.objectContaining({ ItemRef: expect.objectContaining({ value: String(item[0].Id) }), Qty: event.quantity, UnitPrice: event.rate }),
			});
		}

		const before = fingerprint(env.qbo, env.realmId, ['Customer', 'Item', 'Invoice']);
		await deliver(2);
		const replays = await withData(env.n8n, await waitForFinished(env.n8n, workflowId, 4));
		expect(replays.map(outcome)).toEqual(['success', 'success', 'success', 'success']);
		expect(fingerprint(env.qbo, env.realmId, ['Customer', 'Item', 'Invoice'])).toEqual(before);
	}, 240_000);
});
