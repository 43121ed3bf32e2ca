/**
 * F2's way back in a real n8n: payments recorded in QuickBooks reach the help desk through the
 * QuickBooks webhook trigger; duplicated and replayed QuickBooks deliveries change nothing.
 */
import { createHmac } from 'node:crypto';
import { e2eVersions, waitForQuiet } from '../harness';
import type { Row } from './support/qbo-state';
import { startStubServer, type StubServer } from './support/stub-server';
import { importAndActivate, outcome, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { configureTemplate, readTemplate } from './support/template-workflow';

const TEMPLATE = 'F2-payments-to-help-desk.json';
const VERIFIER = 'f2-verifier-token';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until n8n has saved the trigger's activation (its mark in the workflow's static data). n8n makes the
 * URL live before it runs the trigger's activation, which reads the open invoices' balances, and saves the
 * static data after it; 2.41.1 does both after the activation call has answered. Until then the trigger answers
 * 503 (QuickBooks delivers again 10 s later), and a payment made before the open invoices were read is part of
 * what activation remembers, not a change after it.
 */
async function activationSaved(env: TemplateEnv, workflowId: string, triggerName: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const workflow = await env.n8n.api.get<{ staticData?: Record<string, Row> | null }>(`/workflows/${workflowId}`);
		if (typeof workflow.staticData?.[`node:${triggerName}`]?.activatedAt === 'number') return;
		if (Date.now() > deadline) throw new Error(`n8n did not save the trigger's activation within 60 s: ${JSON.stringify(workflow.staticData)}`);
		await sleep(250);
	}
}

describe.each(e2eVersions())('F2 payments template on n8n %s', (version) => {
	let env: TemplateEnv;
	let helpDesk: StubServer;
	let workflowId: string;
	let hookUrl: string;
	const invoices: Record<string, Row> = {};

	beforeAll(async () => {
		helpDesk = await startStubServer();
		env = await startTemplateEnv(version, 'us', { webhookVerifierToken: VERIFIER });
		const { accounting } = env.qbo.emulator;
		// Invoices already in QuickBooks: two copied from the help desk, one typed in QuickBooks.
		for (const [docNumber, amount] of [['HD-601', 200], ['HD-602', 75.5], ['Q-9', 50]] as const) {
			invoices[docNumber] = accounting.create(env.realmId, 'Invoice', {
				CustomerRef: { value: '1' },
				DocNumber: docNumber,
				Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: amount } }],
			}) as Row;
		}
		const template = readTemplate(TEMPLATE);
		const trigger = template.nodes.find((node) => node.type === 'n8n-nodes-quickbooks-sync.quickBooksSyncWebhookTrigger')!;
		hookUrl = `${env.n8n.url}/webhook/${trigger.webhookId}/webhook`;
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, { helpDeskUrl: `${helpDesk.url}/api` }, env.credential));
		await activationSaved(env, workflowId, trigger.name);
		// QuickBooks delivers every notification twice (Intuit does not promise exactly once).
		await env.qbo.admin('webhooks', { url: hookUrl, verifierToken: VERIFIER, format: 'cloudevents', duplicates: 2 });
	}, 300_000);

	afterAll(async () => {
		await env?.qbo.admin('webhooks', { url: null }).catch(() => undefined);
		await env?.stop();
		await helpDesk?.stop();
	}, 60_000);

	function pay(docNumber: string, amount: number): void {
		env.qbo.emulator.accounting.create(env.realmId, 'Payment', {
			CustomerRef: { value: '1' },
			TotalAmt: amount,
			Line: [{ Amount: amount, LinkedTxn: [{ TxnId: String(invoices[docNumber].Id), TxnType: 'Invoice' }] }],
		});
	}

	/** Every QuickBooks delivery (duplicates included) answered and every execution it started finished. */
	const quiet = () => waitForQuiet(env.n8n, workflowId, () => env.qbo.emulator.webhooks.idle());

	/** Waits until the help desk received `count` calls (bounded), then until nothing more can arrive. */
	async function helpDeskCalls(count: number): Promise<Row[]> {
		for (let waited = 0; helpDesk.calls.length < count && waited < 60_000; waited += 500) await sleep(500);
		await quiet();
		return helpDesk.calls.map((call) => ({ path: call.path, ...(call.body as Row) }));
	}

	it('tells the help desk about partial and full payments of its invoices only; duplicates and replays change nothing', async () => {
		pay('HD-601', 80);
		await helpDeskCalls(1);
		pay('HD-601', 120);
		await helpDeskCalls(2);
		pay('Q-9', 50);
		pay('HD-602', 75.5);
		const calls = await helpDeskCalls(3);
		expect(calls).toEqual([
			expect.objectContaining({ path: '/api/invoices/601/payment', status: 'partially_paid', amountPaid: 80, balance: 120, quickbooksInvoiceId: String(invoices['HD-601'].Id) }),
			expect.objectContaining({ path: '/api/invoices/601/payment', status: 'paid', amountPaid: 200, balance: 0 }),
			expect.objectContaining({ path: '/api/invoices/602/payment', status: 'paid', amountPaid: 75.5, balance: 0 }),
		]);
		const executions = await withData(env.n8n, await waitForFinished(env.n8n, workflowId, 1));
		expect(executions.map(outcome).filter((result) => result !== 'success')).toEqual([]);

		// Replay every delivery QuickBooks made, signed as QuickBooks signs them: nothing reaches the help desk again.
		const deliveries = (await env.qbo.admin<{ deliveries: Array<{ body: string }> }>('webhooks/deliveries')).deliveries;
		expect(deliveries.length).toBeGreaterThan(0);
		for (const delivery of deliveries) {
			const signature = createHmac('sha256', VERIFIER).update(delivery.body).digest('base64');
			const answer = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': signature }, body: delivery.body });
			expect(answer.status).toBeLessThan(300);
		}
		await quiet();
		expect(helpDesk.calls).toHaveLength(3);
	}, 300_000);
});
