/**
 * F1 in a real n8n: work orders posted to the template's webhook become invoices in the emulated
 * Canadian company; replaying every work order changes nothing.
 */
import { e2eVersions } from '../harness';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';
import { deliverOneByOne, importAndActivate, nodeOutput, outcome, sendCalls, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { fingerprint, rows, type Row } from './support/qbo-state';
import { descriptionLines, expectedSalesLines, quoted, salesLines, workOrder } from './support/work-orders';

const TEMPLATE = 'F1-work-orders-to-invoices.json';

const EVENTS: Row[] = [
	workOrder('WO-1001'),
	workOrder('WO-1002', { customer: { name: 'Maple Leaf Café', province: 'ON', country: 'CA' }, parts: [{ name: 'Gasket', quantity: 1, unitPrice: 3.1 }], otherCosts: [] }),
	workOrder('WO-1003', { status: 'open' }),
	workOrder('WO-1004', { category: 'Warranty' }),
	// No parts at all: labour and one other cost only.
	workOrder('WO-1005', { customer: { name: 'Pacific Rim Outfitters', province: 'BC', country: 'CA' }, labourHours: 1, parts: [], otherCosts: [{ description: 'Parking', amount: 12 }] }),
];
const INVOICED: Record<string, string> = { 'WO-1001': '11', 'WO-1002': '4', 'WO-1005': '9' };

describe.each(e2eVersions())('F1 template on n8n %s', (version) => {
	let env: TemplateEnv;
	let workflowId: string;
	let hookPath: string;

	beforeAll(async () => {
		env = await startTemplateEnv(version, 'ca');
		const template = readTemplate(TEMPLATE);
		hookPath = webhookPaths(template)['Work Order Webhook'];
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, {}, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
	}, 60_000);

	/** Posts each event and waits for its execution before the next (a work-order app sends them one by one). */
	async function deliver(events: Row[], alreadyFinished: number): Promise<void> {
		await deliverOneByOne(env.n8n, hookPath, workflowId, events, alreadyFinished);
	}

	it('invoices completed "Invoice" work orders through a 429 storm, ignores the rest with a reason, and a replay changes nothing', async () => {
		const { qbo, realmId, n8n } = env;
		// A 429 storm: QuickBooks throttles the next 6 API calls.
		await qbo.admin('faults', { count: 6, mode: 'fail', status: 429, match: { pathIncludes: '/v3/company/' } });
		await deliver(EVENTS, 0);

		const executions = await withData(n8n, await waitForFinished(n8n, workflowId, EVENTS.length));
		expect(executions.map(outcome)).toEqual(EVENTS.map(() => 'success'));
		expect(await qbo.admin('faults')).toEqual({ faults: [] }); // the whole storm was met and ridden out

		for (const [docNumber, taxCode] of Object.entries(INVOICED)) {
			const invoices = rows(qbo, realmId, `SELECT * FROM Invoice WHERE DocNumber = '${docNumber}'`);
			expect(invoices).toHaveLength(1);
			const [invoice] = invoices;
			const event = EVENTS.find((e) => e.id === docNumber)!;
			expect(invoice.CustomerRef.name).toBe(event.customer.name);
			expect(invoice.PrivateNote).toBe(event.notes);
			expect(invoice.EmailStatus).not.toBe('EmailSent');
			expect(salesLines(invoice)).toEqual(expectedSalesLines(event, taxCode));
			expect(descriptionLines(invoice)).toEqual([event.description]);
		}
		for (const ignored of ['WO-1003', 'WO-1004']) {
			expect(rows(qbo, realmId, `SELECT * FROM Invoice WHERE DocNumber = '${ignored}'`)).toEqual([]);
		}
		// The reason is visible in the execution of each ignored work order.
		const reasons = executions.flatMap((execution) => nodeOutput(execution, 'Ignored (reason)')).map((item) => item.reason);
		expect(reasons).toEqual([expect.stringContaining('"open"'), expect.stringContaining('"Warranty"')]);

		// The new customer was created once, with its Québec address; the existing ones were matched.
		const created = rows(qbo, realmId, "SELECT * FROM Customer WHERE DisplayName = 'L\\'Érablière d\\'Été'");
		expect(created).toHaveLength(1);
		expect(created[0].BillAddr).toMatchObject({ City: 'Québec', CountrySubDivisionCode: 'QC' });
		expect(rows(qbo, realmId, "SELECT * FROM Customer WHERE DisplayName = 'Maple Leaf Café'")).toHaveLength(1);
		// New items were created once, on the configured income account.
		for (const name of ['Labour', 'Other costs', 'Gasket', "Thermostat d'ambiance", 'Valve ¾" brass']) {
			const items = rows(qbo, realmId, `SELECT * FROM Item WHERE Name = ${quoted(name)}`);
			expect({ name, count: items.length, account: items[0]?.IncomeAccountRef?.value }).toEqual({ name, count: 1, account: '1' });
		}

		// Replay every work order: nothing is created or changed.
		const before = fingerprint(qbo, realmId, ['Invoice', 'Customer', 'Item']);
		await deliver(EVENTS, EVENTS.length);
		const replays = await withData(n8n, (await waitForFinished(n8n, workflowId, 2 * EVENTS.length)).slice(EVENTS.length));
		expect(replays.map(outcome)).toEqual(EVENTS.map(() => 'success'));
		expect(fingerprint(qbo, realmId, ['Invoice', 'Customer', 'Item'])).toEqual(before);
		const actions = replays.flatMap((execution) => nodeOutput(execution, 'Create Invoice')).map((invoice) => invoice._action);
		expect(actions).toEqual(['skipped', 'skipped', 'skipped']);
	}, 300_000);

	it('with sendInvoice on, QuickBooks emails a new invoice once, and a replayed work order does not email it again', async () => {
		const { qbo, realmId, n8n } = env;
		// A second copy of the template, as a user who wants invoices emailed would configure it.
		const template = readTemplate(TEMPLATE);
		template.name = `${template.name} (sending)`;
		const hook = template.nodes.find((node) => node.name === 'Work Order Webhook')!;
		hook.parameters = { ...hook.parameters, path: 'work-orders-sending' };
		hook.webhookId = 'f1-sending-e2e';
		const sendingId = await importAndActivate(n8n, configureTemplate(template, { sendInvoice: true }, env.credential));
		const order = workOrder('WO-2001', { customer: { name: 'Maple Leaf Café', email: 'ap@mapleleaf.example', province: 'ON', country: 'CA' } });

		const sendsBefore = await sendCalls(env);
		await deliverOneByOne(n8n, 'work-orders-sending', sendingId, [order, order], 0);
		const executions = await withData(n8n, await waitForFinished(n8n, sendingId, 2));
		expect(executions.map(outcome)).toEqual(['success', 'success']);
		const invoices = rows(qbo, realmId, "SELECT * FROM Invoice WHERE DocNumber = 'WO-2001'");
		expect(invoices).toHaveLength(1);
		expect(invoices[0].EmailStatus).toBe('EmailSent');
		expect(await sendCalls(env)).toBe(sendsBefore + 1);
		expect(executions.map((execution) => nodeOutput(execution, 'Email Invoice from QuickBooks').length)).toEqual([1, 0]);
	}, 300_000);
});
