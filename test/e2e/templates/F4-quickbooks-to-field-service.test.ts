/**
 * F4, QuickBooks → field service, in a real n8n: customers typed into QuickBooks and company changes, invoices
 * of projects (created, changed, deleted) and payments applied to invoices (created, changed, deleted) reach the
 * app; what the companion workflow wrote (customers marked as coming from the app, projects, company-level
 * service invoices) does not come back. A 429 storm is ridden out; doubled and replayed QuickBooks deliveries add nothing.
 */
import { createHmac } from 'node:crypto';
import { e2eVersions, waitForQuiet } from '../harness';
import type { Row } from './support/qbo-state';
import { startStubServer, type StubServer } from './support/stub-server';
import { importAndActivate, nodeOutput, outcome, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { configureTemplate, readTemplate } from './support/template-workflow';

const TEMPLATE = 'F4-quickbooks-to-field-service.json';
const VERIFIER = 'f4-verifier-token';
/** n8n answers the activation call before the trigger is ready for deliveries (see test/e2e/README.md). */
const SETTLE_MS = 4_000;
const MARKER = 'Created by the field-service sync';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(e2eVersions())('F4 QuickBooks → field service template on n8n %s', (version) => {
	let env: TemplateEnv;
	let app: StubServer;
	let workflowId: string;
	let hookUrl: string;

	beforeAll(async () => {
		app = await startStubServer();
		env = await startTemplateEnv(version, 'us', { webhookVerifierToken: VERIFIER });
		const template = readTemplate(TEMPLATE);
		const trigger = template.nodes.find((node) => node.type === 'n8n-nodes-quickbooks-sync.quickBooksSyncWebhookTrigger')!;
		hookUrl = `${env.n8n.url}/webhook/${trigger.webhookId}/webhook`;
		const config = { fieldServiceUrl: `${app.url}/api`, deleteInvoicesDeletedInQuickBooks: true, deleteTransactionsDeletedInQuickBooks: true };
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, config, env.credential));
		await sleep(SETTLE_MS); // the production webhook is registered shortly after activation
		await env.qbo.admin('webhooks', { url: hookUrl, verifierToken: VERIFIER, format: 'cloudevents', duplicates: 2 });
	}, 300_000);

	afterAll(async () => {
		await env?.qbo.admin('webhooks', { url: null }).catch(() => undefined);
		await env?.stop();
		await app?.stop();
	}, 60_000);

	async function until(done: () => boolean): Promise<void> {
		for (let waited = 0; !done() && waited < 60_000; waited += 500) await sleep(500);
		if (!done()) throw new Error(`the app did not receive the expected calls; it got ${JSON.stringify(app.calls.map((call) => `${call.method} ${call.path}`))}`);
	}
	/** Every QuickBooks delivery (duplicates included) answered and every execution it started finished. */
	const quiet = () => waitForQuiet(env.n8n, workflowId, () => env.qbo.emulator.webhooks.idle());
	const calls = (method: string, path: string) => app.calls.filter((call) => call.method === method && call.path === path);
	const last = (method: string, path: string) => calls(method, path).at(-1)?.body as Row | undefined;

	it('sends new companies, company changes, project invoices and payments to the app through a 429 storm, and nothing it sent itself; replays add nothing', async () => {
		const { accounting } = env.qbo.emulator;
		const realm = env.realmId;
		const create = (entity: string, body: Row) => accounting.create(realm, entity, body) as Row;
		const change = (entity: string, record: Row, fields: Row) => accounting.update(realm, entity, { Id: record.Id, SyncToken: (accounting.read(realm, entity, String(record.Id)) as Row).SyncToken, sparse: true, ...fields }) as Row;
		const line = (amount: number) => [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: amount } }];

		// A 429 storm: QuickBooks throttles the next 4 API calls (the trigger's reads, the customer lookups).
		await env.qbo.admin('faults', { count: 4, mode: 'fail', status: 429, match: { pathIncludes: '/v3/company/' } });
		// Companies: one typed into QuickBooks, one the companion workflow created (marked), and an address change.
		const typed = create('Customer', { DisplayName: 'Ångström Électrique Inc.', CompanyName: 'Ångström Électrique Inc.', PrimaryEmailAddr: { Address: 'factures@angstrom.example' }, BillAddr: { Line1: '77 rue Saint-Jean', City: 'Québec', CountrySubDivisionCode: 'QC', PostalCode: 'G1R 1N4', Country: 'CA' } });
		const fromApp = create('Customer', { DisplayName: "D'Arcy Plumbing", Notes: `${MARKER} (company C-300)` });
		change('Customer', { Id: '2' }, { BillAddr: { Line1: '1 Harbor Blvd', City: 'Half Moon Bay', CountrySubDivisionCode: 'CA', PostalCode: '94019' } });
		await until(() => app.callsTo('/api/quickbooks/companies/').length >= 2);

		// A project (as the companion creates it) and its invoices; a company-level service invoice.
		const project = create('Customer', { DisplayName: "Rénovation d'été", Job: true, IsProject: true, ParentRef: { value: String(fromApp.Id) }, Notes: `${MARKER} (project P-300)` });
		const projectInvoice = create('Invoice', { CustomerRef: { value: String(project.Id) }, DocNumber: '1043', TxnDate: '2026-11-10', Line: line(500) });
		const serviceInvoice = create('Invoice', { CustomerRef: { value: '1' }, DocNumber: 'INV-77', Line: line(120) });
		await until(() => calls('PUT', `/api/quickbooks/invoices/${projectInvoice.Id}`).length >= 1);
		change('Invoice', projectInvoice, { Line: line(650) });
		await until(() => last('PUT', `/api/quickbooks/invoices/${projectInvoice.Id}`)?.total === 650);

		// Payments: applied, changed, one on the service invoice, then the first one deleted.
		const pay = (invoice: Row, amount: number) => create('Payment', { CustomerRef: invoice.CustomerRef, TotalAmt: amount, Line: [{ Amount: amount, LinkedTxn: [{ TxnId: String(invoice.Id), TxnType: 'Invoice' }] }] });
		const payment = pay(projectInvoice, 200);
		// A notification carries only ids: the state is read when it arrives, so wait for it before the next change.
		await until(() => calls('PUT', `/api/quickbooks/payments/${payment.Id}`).length >= 1 && last('PUT', `/api/quickbooks/invoices/${projectInvoice.Id}`)?.balance === 450);
		change('Payment', payment, { TotalAmt: 250, Line: [{ Amount: 250, LinkedTxn: [{ TxnId: String(projectInvoice.Id), TxnType: 'Invoice' }] }] });
		const servicePayment = pay(serviceInvoice, 120);
		await until(
			() =>
				last('PUT', `/api/quickbooks/payments/${payment.Id}`)?.total === 250 &&
				last('PUT', `/api/quickbooks/invoices/${projectInvoice.Id}`)?.balance === 400 &&
				calls('PUT', `/api/quickbooks/payments/${servicePayment.Id}`).length >= 1,
		);
		accounting.delete(realm, 'Payment', { Id: payment.Id, SyncToken: (accounting.read(realm, 'Payment', String(payment.Id)) as Row).SyncToken });
		const mistake = create('Invoice', { CustomerRef: { value: String(project.Id) }, DocNumber: '1044', Line: line(10) });
		await until(() => calls('PUT', `/api/quickbooks/invoices/${mistake.Id}`).length >= 1);
		accounting.delete(realm, 'Invoice', { Id: mistake.Id, SyncToken: (accounting.read(realm, 'Invoice', String(mistake.Id)) as Row).SyncToken });
		await until(
			() =>
				calls('DELETE', `/api/quickbooks/payments/${payment.Id}`).length >= 1 &&
				calls('DELETE', `/api/quickbooks/invoices/${mistake.Id}`).length >= 1 &&
				last('PUT', `/api/quickbooks/invoices/${projectInvoice.Id}`)?.balance === 650,
		);
		await quiet();
		expect(await env.qbo.admin('faults')).toEqual({ faults: [] }); // the storm was met and ridden out

		// Companies: the typed one as new, Cool Cars' new address as a change; never what came from the app.
		// (n8n may run two deliveries' executions side by side: the order of calls is not promised.)
		expect(app.callsTo('/api/quickbooks/companies/').map((call) => call.path).sort()).toEqual([`/api/quickbooks/companies/${typed.Id}`, '/api/quickbooks/companies/2'].sort());
		expect(last('PUT', `/api/quickbooks/companies/${typed.Id}`)).toMatchObject({ change: 'customer.created', isNew: true, name: 'Ångström Électrique Inc.', email: 'factures@angstrom.example', address: { city: 'Québec', region: 'QC', country: 'CA' } });
		expect(last('PUT', '/api/quickbooks/companies/2')).toMatchObject({ change: 'customer.updated', isNew: false, name: 'Cool Cars', address: { line1: '1 Harbor Blvd', postalCode: '94019' } });

		// Project invoices: created, changed, paid down (balance), deleted; the service invoice never.
		const invoiceCalls = app.callsTo('/api/quickbooks/invoices/');
		expect(new Set(invoiceCalls.map((call) => call.path))).toEqual(new Set([`/api/quickbooks/invoices/${projectInvoice.Id}`, `/api/quickbooks/invoices/${mistake.Id}`]));
		expect(calls('PUT', `/api/quickbooks/invoices/${projectInvoice.Id}`)[0].body).toMatchObject({ change: 'invoice.created', quickbooksProjectId: String(project.Id), projectName: "Rénovation d'été", docNumber: '1043', total: 500, balance: 500 });
		// The payment was deleted: the invoice's balance is back to its total.
		expect(last('PUT', `/api/quickbooks/invoices/${projectInvoice.Id}`)).toMatchObject({ change: 'invoice.updated', total: 650, balance: 650 });
		expect(calls('PUT', `/api/quickbooks/invoices/${projectInvoice.Id}`).map((call) => (call.body as Row).balance)).toEqual(expect.arrayContaining([500, 650, 450, 400]));

		// Payments applied to invoices, their change and the deletion.
		expect(calls('PUT', `/api/quickbooks/payments/${payment.Id}`).map((call) => call.body as Row)).toEqual([
			expect.objectContaining({ change: 'payment.created', total: 200, quickbooksCustomerId: String(project.Id), invoices: [{ quickbooksInvoiceId: String(projectInvoice.Id), amount: 200 }] }),
			expect.objectContaining({ change: 'payment.updated', total: 250, invoices: [{ quickbooksInvoiceId: String(projectInvoice.Id), amount: 250 }] }),
		]);
		expect(calls('PUT', `/api/quickbooks/payments/${servicePayment.Id}`)).toHaveLength(1);
		expect(calls('DELETE', `/api/quickbooks/payments/${payment.Id}`)).toHaveLength(1);
		expect(calls('DELETE', `/api/quickbooks/invoices/${mistake.Id}`)).toHaveLength(1);

		const executions = await withData(env.n8n, await waitForFinished(env.n8n, workflowId, 1));
		expect(executions.map(outcome).filter((result) => result !== 'success')).toEqual([]);
		const notSent = executions.flatMap((execution) => [...nodeOutput(execution, 'Ignored (reason)'), ...nodeOutput(execution, 'Not a Project Invoice')]).map((item) => item.reason);
		expect(notSent).toEqual(expect.arrayContaining([expect.stringContaining('came from the app'), expect.stringContaining('a project (sub-customer)'), expect.stringContaining('(INV-77)')]));

		// Replay every delivery QuickBooks made, signed as QuickBooks signs them: the app gets nothing more.
		const callCount = app.calls.length;
		const deliveries = (await env.qbo.admin<{ deliveries: Array<{ body: string }> }>('webhooks/deliveries')).deliveries;
		expect(deliveries.length).toBeGreaterThan(0);
		for (const delivery of deliveries) {
			const signature = createHmac('sha256', VERIFIER).update(delivery.body).digest('base64');
			const answer = await fetch(hookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'intuit-signature': signature }, body: delivery.body });
			expect(answer.status).toBeLessThan(300);
		}
		await quiet();
		expect(app.calls).toHaveLength(callCount);
	}, 400_000);
});
