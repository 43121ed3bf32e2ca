/**
 * F1b (2 of 2) in a real n8n: work orders become estimates through the F1b estimates template,
 * then "bill customer X" requests group each customer's open estimates into ONE invoice that links
 * and closes them; the outcome goes back to a stub work-order app. Replaying every work order and
 * every bill request changes nothing in QuickBooks and reports "nothing to bill" / "already billed".
 */
import { e2eVersions } from '../harness';
import { startStubServer, type StubServer } from './support/stub-server';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';
import { importAndActivate, nodeOutput, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { fingerprint, rows, type Row } from './support/qbo-state';
import { descriptionLines, expectedSalesLines, quoted, salesLines, workOrder } from './support/work-orders';

const ESTIMATES_TEMPLATE = 'F1b-work-orders-to-estimates.json';
const BILLING_TEMPLATE = 'F1b-bill-open-estimates.json';

const ERABLIERE = "L'Érablière d'Été";
const WORK_ORDERS: Row[] = [
	workOrder('WO-3001'),
	workOrder('WO-3002', { description: 'Remplacement du chauffe-eau — sous-sol', parts: [] }),
	workOrder('WO-3003', { description: "Inspection annuelle de l'échangeur", parts: [{ name: 'Filtre à air', quantity: 4, unitPrice: 14.25 }], otherCosts: [] }),
	workOrder('WO-3004', { customer: { name: 'Maple Leaf Café', province: 'ON', country: 'CA' }, labourHours: 1.25, otherCosts: [] }),
];
const BILL_REQUESTS: Row[] = [
	{ customer: ERABLIERE, requestId: 'BILL-ERA-2026-11' },
	{ customer: 'Maple Leaf Café' },
	{ customer: 'Pacific Rim Outfitters' }, // a customer with no estimate at all
	{ customer: 'Acme Facilities Ltd' }, // a VENDOR of that name exists, no customer
];
const TAX_CODE: Record<string, string> = { [ERABLIERE]: '11', 'Maple Leaf Café': '4' };
const ENTITIES = ['Estimate', 'Invoice', 'Customer', 'Item'];

describe.each(e2eVersions())('F1b billing template on n8n %s', (version) => {
	let env: TemplateEnv;
	let app: StubServer;
	let estimatesId: string;
	let billingId: string;
	let workOrderPath: string;
	let billPath: string;
	let finished = { estimates: 0, billing: 0 };

	beforeAll(async () => {
		app = await startStubServer();
		env = await startTemplateEnv(version, 'ca');
		const estimates = readTemplate(ESTIMATES_TEMPLATE);
		const billing = readTemplate(BILLING_TEMPLATE);
		workOrderPath = webhookPaths(estimates)['Work Order Webhook'];
		billPath = webhookPaths(billing)['Bill Request Webhook'];
		estimatesId = await importAndActivate(env.n8n, configureTemplate(estimates, {}, env.credential));
		billingId = await importAndActivate(env.n8n, configureTemplate(billing, { billingResultUrl: `${app.url}/billing-results` }, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
		await app?.stop();
	}, 60_000);

	/** Posts each event to one workflow's webhook and waits for its execution before the next. */
	async function deliver(kind: 'estimates' | 'billing', events: Row[]): Promise<void> {
		const [path, workflowId] = kind === 'estimates' ? [workOrderPath, estimatesId] : [billPath, billingId];
		for (const event of events) {
			expect(await postToWebhook(env.n8n, path, event)).toBe(200);
			finished[kind] += 1;
			await waitForFinished(env.n8n, workflowId, finished[kind]);
		}
	}

	it("groups each customer's open estimates into ONE linked invoice through a 429 storm, says when there is nothing to bill, and a replay changes nothing", async () => {
		const { qbo, realmId, n8n } = env;
		finished = { estimates: 0, billing: 0 };
		await deliver('estimates', WORK_ORDERS);
		expect(rows(qbo, realmId, 'SELECT * FROM Estimate')).toHaveLength(WORK_ORDERS.length);

		// A 429 storm while billing: QuickBooks throttles the next 6 API calls.
		await qbo.admin('faults', { count: 6, mode: 'fail', status: 429, match: { pathIncludes: '/v3/company/' } });
		await deliver('billing', BILL_REQUESTS);
		const executions = await withData(n8n, await waitForFinished(n8n, billingId, BILL_REQUESTS.length));
		expect(executions.map(outcome)).toEqual(BILL_REQUESTS.map(() => 'success'));
		expect(await qbo.admin('faults')).toEqual({ faults: [] });

		// Exactly one invoice per customer that had open estimates.
		const invoices = rows(qbo, realmId, 'SELECT * FROM Invoice');
		expect(invoices.map((invoice) => invoice.CustomerRef.name).sort()).toEqual([ERABLIERE, 'Maple Leaf Café'].sort());
		for (const invoice of invoices) {
			const customer = invoice.CustomerRef.name as string;
			const orders = WORK_ORDERS.filter((order) => order.customer.name === customer);
			const estimates = rows(qbo, realmId, `SELECT * FROM Estimate WHERE CustomerRef = '${invoice.CustomerRef.value}'`);
			expect(estimates.map((estimate) => estimate.DocNumber).sort()).toEqual(orders.map((order) => order.id).sort());
			// Every estimate is closed and linked to the invoice, and the invoice to every estimate.
			for (const estimate of estimates) {
				expect({ estimate: estimate.DocNumber, status: estimate.TxnStatus, links: estimate.LinkedTxn }).toEqual({
					estimate: estimate.DocNumber,
					status: 'Closed',
					links: [{ TxnId: invoice.Id, TxnType: 'Invoice' }],
				});
			}
			const linked = invoice.LinkedTxn.filter((link: Row) => link.TxnType === 'Estimate').map((link: Row) => link.TxnId);
			expect(linked.sort()).toEqual(estimates.map((estimate) => estimate.Id).sort());
			// Each estimate appears as a line naming it, then its work-order description, then every line of it, tax code kept.
			expect(descriptionLines(invoice)).toEqual(orders.flatMap((order) => [`Estimate ${order.id}`, order.description]));
			expect(salesLines(invoice)).toEqual(orders.flatMap((order) => expectedSalesLines(order, TAX_CODE[customer])));
			expect(invoice.EmailStatus).not.toBe('EmailSent');
		}
		const [erabliere] = rows(qbo, realmId, `SELECT * FROM Invoice WHERE CustomerRef = '${customerId(ERABLIERE)}'`);
		expect(erabliere.DocNumber).toBe('BILL-ERA-2026-11');

		// The work-order app hears the outcome of every request, billed or not, and why.
		const reports = app.callsTo('/billing-results').map((call) => call.body as Row);
		expect(reports).toEqual([
			expect.objectContaining({ customer: ERABLIERE, requestId: 'BILL-ERA-2026-11', billed: true, invoiceNumber: 'BILL-ERA-2026-11', total: erabliere.TotalAmt, message: expect.stringContaining('from 3 estimate(s)') }),
			expect.objectContaining({ customer: 'Maple Leaf Café', billed: true, message: expect.stringContaining('from 1 estimate(s)') }),
			expect.objectContaining({ customer: 'Pacific Rim Outfitters', billed: false, message: 'Nothing to bill: Pacific Rim Outfitters has no open estimate (all are invoiced already)' }),
			expect.objectContaining({ customer: 'Acme Facilities Ltd', billed: false, message: 'Nothing to bill: no QuickBooks customer is named "Acme Facilities Ltd"' }),
		]);
		expect(reports[0].estimates).toHaveLength(3);

		// Replay every work order and every bill request: nothing is created or changed in QuickBooks.
		const before = fingerprint(qbo, realmId, ENTITIES);
		await deliver('estimates', WORK_ORDERS);
		await deliver('billing', BILL_REQUESTS);
		const replays = await withData(n8n, (await waitForFinished(n8n, billingId, 2 * BILL_REQUESTS.length)).slice(BILL_REQUESTS.length));
		expect(replays.map(outcome)).toEqual(BILL_REQUESTS.map(() => 'success'));
		expect(fingerprint(qbo, realmId, ENTITIES)).toEqual(before);
		const actions = replays.flatMap((execution) => nodeOutput(execution, 'Convert Open Estimates to Invoice')).map((item) => item._action);
		expect(actions).toEqual(['skipped', 'nothingToInvoice', 'nothingToInvoice']);
		const replayReports = app.callsTo('/billing-results').slice(BILL_REQUESTS.length).map((call) => call.body as Row);
		expect(replayReports.map((report) => [report.customer, report.billed, report.message])).toEqual([
			[ERABLIERE, true, `Already billed: invoice BILL-ERA-2026-11 (this request was handled before)`],
			['Maple Leaf Café', false, 'Nothing to bill: Maple Leaf Café has no open estimate (all are invoiced already)'],
			['Pacific Rim Outfitters', false, expect.stringContaining('no open estimate')],
			['Acme Facilities Ltd', false, expect.stringContaining('no QuickBooks customer')],
		]);

		function customerId(name: string): string {
			return rows(qbo, realmId, `SELECT * FROM Customer WHERE DisplayName = ${quoted(name)}`)[0].Id;
		}
	}, 300_000);
});
