/**
 * F3 (QuickBooks → CRM) in a real n8n: new QuickBooks customers become CRM contacts, a customer's first
 * payment asks for a review (later ones do not), older customers are back-filled on request; doubled and
 * replayed QuickBooks deliveries change nothing.
 */
import { createHmac } from 'node:crypto';
import { e2eVersions, waitForQuiet } from '../harness';
import { fingerprint, type Row } from './support/qbo-state';
import { startStubServer, type StubServer } from './support/stub-server';
import { importAndActivate, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { configureTemplate, readTemplate, webhookPaths, type TemplateWorkflow } from './support/template-workflow';

const TEMPLATE = 'F3-quickbooks-to-crm.json';
const VERIFIER = 'f3-verifier-token';
/** n8n answers the activation call before the trigger is ready for deliveries (see test/e2e/README.md). */
const SETTLE_MS = 4_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(e2eVersions())('F3 QuickBooks → CRM template on n8n %s', (version) => {
	let env: TemplateEnv;
	let crm: StubServer;
	let workflowId: string;
	let hookUrl: string;
	let backfillPath: string;
	let backfillSince: string;

	beforeAll(async () => {
		crm = await startStubServer();
		env = await startTemplateEnv(version, 'us', { webhookVerifierToken: VERIFIER });
		await sleep(1_100); // CreateTime has whole seconds: keep the seeded customers out of the backfill window
		backfillSince = new Date(Math.floor(env.qbo.emulator.clock.now() / 1000) * 1000).toISOString(); // QuickBooks times have whole seconds
		env.qbo.emulator.accounting.create(env.realmId, 'Customer', { DisplayName: "Élodie O'Connor", PrimaryEmailAddr: { Address: 'elodie@example.fr' } });
		const template = readTemplate(TEMPLATE) as TemplateWorkflow;
		const configured = configureTemplate(configureTemplate(template, { crmUrl: `${crm.url}/api` }, env.credential) as TemplateWorkflow, { crmUrl: `${crm.url}/api` }, env.credential, 'Backfill Config');
		const trigger = template.nodes.find((node) => node.type === 'n8n-nodes-quickbooks-sync.quickBooksSyncWebhookTrigger')!;
		hookUrl = `${env.n8n.url}/webhook/${trigger.webhookId}/webhook`;
		backfillPath = webhookPaths(template)['Backfill Request'];
		workflowId = await importAndActivate(env.n8n, configured);
		await sleep(SETTLE_MS);
		await env.qbo.admin('webhooks', { url: hookUrl, verifierToken: VERIFIER, format: 'legacy', duplicates: 2 });
	}, 300_000);

	afterAll(async () => {
		await env?.qbo.admin('webhooks', { url: null }).catch(() => undefined);
		await env?.stop();
		await crm?.stop();
	}, 60_000);

	const bodies = (prefix: string) => crm.callsTo(prefix).map((call) => call.body as Row);

	/** Every QuickBooks delivery (duplicates included) answered and every execution it started finished. */
	const quiet = () => waitForQuiet(env.n8n, workflowId, () => env.qbo.emulator.webhooks.idle());

	/** Waits until `done` (bounded), then until nothing more can arrive. */
	async function until(done: () => boolean): Promise<void> {
		for (let waited = 0; !done() && waited < 60_000; waited += 500) await sleep(500);
		await quiet();
	}

	it('sends new customers and first payments to the CRM, back-fills on request; duplicates and replays add nothing', async () => {
		const { accounting } = env.qbo.emulator;
		const zoe = accounting.create(env.realmId, 'Customer', { DisplayName: 'Zoë Ångström', GivenName: 'Zoë', PrimaryEmailAddr: { Address: 'zoe@example.se' } }) as Row;
		await until(() => crm.callsTo('/api/contacts').length >= 1);
		const pay = (customerId: string, amount: number) => accounting.create(env.realmId, 'Payment', { CustomerRef: { value: customerId }, TotalAmt: amount });
		pay(String(zoe.Id), 120.5);
		await until(() => crm.callsTo('/api/review-requests').length >= 1);
		pay(String(zoe.Id), 80);
		pay('2', 45.25); // Cool Cars' first payment since the flow was switched on
		await until(() => crm.callsTo('/api/review-requests').length >= 2);

		expect(bodies('/api/contacts')).toEqual([
			expect.objectContaining({ externalId: `qbo-${zoe.Id}`, name: 'Zoë Ångström', firstName: 'Zoë', email: 'zoe@example.se', source: 'QuickBooks' }),
		]);
		expect(bodies('/api/review-requests').map((body) => [body.quickbooksCustomerId, body.amount])).toEqual([
			[String(zoe.Id), 120.5],
			['2', 45.25],
		]);

		// Backfill on request: only customers created since the given time (Élodie, created before the switch-on).
		expect(await postToWebhook(env.n8n, backfillPath, { since: backfillSince })).toBe(200);
		await until(() => crm.callsTo('/api/contacts').length >= 3);
		const contacts = bodies('/api/contacts');
		expect(new Set(contacts.slice(1).map((body) => body.name))).toEqual(new Set(["Élodie O'Connor", 'Zoë Ångström']));
		expect(contacts).toHaveLength(3);
		const executions = await withData(env.n8n, await waitForFinished(env.n8n, workflowId, 1));
		expect(executions.map(outcome).filter((result) => result !== 'success')).toEqual([]);

		// Replay every QuickBooks delivery and the backfill request: QuickBooks is untouched, no new
		// review request, and the CRM's contacts (upserted by externalId) stay the same set.
		const before = fingerprint(env.qbo, env.realmId, ['Customer', 'Payment']);
		const reviewsBefore = crm.callsTo('/api/review-requests').length;
		const contactIds = new Set(bodies('/api/contacts').map((body) => body.externalId));
		const liveContactCalls = crm.callsTo('/api/contacts').length;
		const deliveries = (await env.qbo.admin<{ deliveries: Array<{ body: string }> }>('webhooks/deliveries')).deliveries;
		for (const delivery of deliveries) {
			const signature = createHmac('sha256', VERIFIER).update(delivery.body).digest('base64');
			const answer = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': signature }, body: delivery.body });
			expect(answer.status).toBeLessThan(300);
		}
		await quiet();
		expect(crm.callsTo('/api/contacts')).toHaveLength(liveContactCalls);
		expect(await postToWebhook(env.n8n, backfillPath, { since: backfillSince })).toBe(200);
		await until(() => crm.callsTo('/api/contacts').length >= liveContactCalls + 2);
		expect(crm.callsTo('/api/review-requests')).toHaveLength(reviewsBefore);
		expect(new Set(bodies('/api/contacts').map((body) => body.externalId))).toEqual(contactIds);
		expect(fingerprint(env.qbo, env.realmId, ['Customer', 'Payment'])).toEqual(before);
	}, 300_000);
});
