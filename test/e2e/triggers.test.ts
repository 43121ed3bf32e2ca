/**
 * Both triggers in a real n8n against the emulator: the polling trigger reports each change once and
 * its cursor survives an n8n restart (a change made while n8n was down is reported, nothing twice);
 * the webhook trigger runs once per change even when QuickBooks delivers it several times.
 * Polling runs on realm 'us', webhooks on realm 'ca', so the two workflows never see each other's changes.
 */
import fs from 'node:fs';
import { e2eVersions, startN8n, waitForQuiet, type N8nInstance } from './harness';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { QboRest } from './support-triggers/qbo-rest';
import { HOOK_NODE, POLL_NODE, eventAndId, pollingWorkflow, waitForEmitted, webhookWorkflow } from './support-triggers/trigger-workflows';

const VERIFIER = 'e2e-trigger-verifier';
/** One poll a minute is n8n's floor; allow two cycles plus the run itself. */
const POLL_WAIT_MS = 150_000;
const HOOK_WAIT_MS = 30_000;
const SETTLE_MS = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(e2eVersions())('QuickBooks triggers on n8n %s', (version) => {
	let qbo: TestEmulator;
	let n8n: N8nInstance;
	let userFolder: string;
	let pollWorkflowId: string;
	let hookWorkflowId: string;
	let hookUrl: string;
	let us: QboRest;
	let ca: QboRest;
	const created: Record<string, string> = {};

	beforeAll(async () => {
		qbo = await startEmulatorForTests();
		us = new QboRest(qbo, qbo.realms.us);
		ca = new QboRest(qbo, qbo.realms.ca);
		n8n = await startN8n({ version });
		userFolder = n8n.userFolder;
		const pollCredential = { name: 'QuickBooks (us)', id: '' };
		pollCredential.id = await n8n.importCredential({ name: pollCredential.name, type: 'quickBooksSyncOAuth2Api', data: { ...qbo.credentials(qbo.realms.us) } });
		const hookCredential = { name: 'QuickBooks (ca)', id: '' };
		hookCredential.id = await n8n.importCredential({
			name: hookCredential.name,
			type: 'quickBooksSyncOAuth2Api',
			data: { ...qbo.credentials(qbo.realms.ca), webhookVerifierToken: VERIFIER },
		});
		pollWorkflowId = await n8n.importWorkflow(pollingWorkflow(pollCredential, ['Customer', 'Invoice'], ['created']));
		const hook = webhookWorkflow(hookCredential, ['Customer'], ['created']);
		hookWorkflowId = await n8n.importWorkflow(hook.workflow);
		hookUrl = `${n8n.url}/webhook/${hook.webhookId}/webhook`;
		// Activating the polling trigger runs its first poll, which only records "now" as the cursor.
		await n8n.activate(pollWorkflowId);
		await n8n.activate(hookWorkflowId);
		await qbo.admin('webhooks', { url: hookUrl, verifierToken: VERIFIER, format: 'cloudevents', realmIds: [qbo.realms.ca] });
		await sleep(SETTLE_MS); // n8n registers the production webhook shortly after activation answers
	}, 300_000);

	afterAll(async () => {
		await qbo?.admin('webhooks', { url: null }).catch(() => undefined);
		await n8n?.stop();
		if (userFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		await qbo?.stop();
	}, 60_000);

	/** Every delivery (duplicates included) answered and every execution it started finished. */
	const hookQuiet = () => waitForQuiet(n8n, hookWorkflowId, () => qbo.emulator.webhooks.idle());

	it('polling: a new customer and a new invoice are each reported once, as created', async () => {
		const customer = await us.create('Customer', { DisplayName: `Poll Customer ${Date.now()}` });
		const invoice = await us.create('Invoice', {
			CustomerRef: { value: String(customer.Id) },
			Line: [{ DetailType: 'SalesItemLineDetail', Amount: 120, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 120 } }],
		});
		created.customer = String(customer.Id);
		created.invoice = String(invoice.Id);
		const emitted = await waitForEmitted(n8n, pollWorkflowId, POLL_NODE, 2, POLL_WAIT_MS);
		expect(emitted.flat().map(eventAndId).sort((a, b) => String(a.event).localeCompare(String(b.event)))).toEqual([
			{ event: 'customer.created', id: created.customer },
			{ event: 'invoice.created', id: created.invoice },
		]);
		expect(emitted.flat()[0]).toMatchObject({ realmId: qbo.realms.us, object: expect.objectContaining({ Id: expect.any(String) }) });
	}, POLL_WAIT_MS + 30_000);

	it('webhook: one run per new customer, also when QuickBooks delivers each notification three times', async () => {
		const first = await ca.create('Customer', { DisplayName: `Hook Customer ${Date.now()}` });
		let emitted = await waitForEmitted(n8n, hookWorkflowId, HOOK_NODE, 1, HOOK_WAIT_MS);
		await hookQuiet();
		emitted = await waitForEmitted(n8n, hookWorkflowId, HOOK_NODE, 1, 0);
		expect(emitted.map((items) => items.map(eventAndId))).toEqual([[{ event: 'customer.created', id: String(first.Id) }]]);

		await qbo.admin('webhooks', { url: hookUrl, verifierToken: VERIFIER, format: 'cloudevents', realmIds: [qbo.realms.ca], duplicates: 3 });
		const deliveriesBefore = (await qbo.admin<{ deliveries: unknown[] }>('webhooks/deliveries')).deliveries.length;
		const second = await ca.create('Customer', { DisplayName: `Hook Customer twice ${Date.now()}` });
		await waitForEmitted(n8n, hookWorkflowId, HOOK_NODE, 2, HOOK_WAIT_MS);
		await hookQuiet();
		const deliveries = (await qbo.admin<{ deliveries: Array<{ status?: number }> }>('webhooks/deliveries')).deliveries.slice(deliveriesBefore);
		expect(deliveries.length).toBeGreaterThanOrEqual(3);
		emitted = await waitForEmitted(n8n, hookWorkflowId, HOOK_NODE, 2, 0);
		expect(emitted.map((items) => items.map(eventAndId))).toEqual([
			[{ event: 'customer.created', id: String(first.Id) }],
			[{ event: 'customer.created', id: String(second.Id) }],
		]);
	}, 120_000);

	it('polling: after n8n restarts, a change made while it was down is reported, and nothing earlier again', async () => {
		const port = n8n.port;
		await n8n.stop({ keepUserFolder: true });
		const whileDown = await us.create('Invoice', {
			CustomerRef: { value: created.customer },
			Line: [{ DetailType: 'SalesItemLineDetail', Amount: 40, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 2, UnitPrice: 20 } }],
		});
		n8n = await startN8n({ version, userFolder, port });
		const emitted = await waitForEmitted(n8n, pollWorkflowId, POLL_NODE, 3, POLL_WAIT_MS);
		await waitForQuiet(n8n, pollWorkflowId);
		const all = (await waitForEmitted(n8n, pollWorkflowId, POLL_NODE, 3, 0)).flat().map(eventAndId);
		expect(emitted.flat().length).toBe(3);
		expect(all.slice(2)).toEqual([{ event: 'invoice.created', id: String(whileDown.Id) }]);
		expect(all.filter((item) => item.id === created.invoice || item.id === created.customer)).toHaveLength(2);
	}, POLL_WAIT_MS + 120_000);
});
