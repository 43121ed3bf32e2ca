/**
 * F5 in a real n8n: invoices finalized in the sales CRM pass the eligibility filters or are skipped
 * with a reason, become QuickBooks invoices (discount, tax and fee lines, custom fields), and every
 * outcome — synced, skipped, failed with its category — lands in the sync health Data Table. A
 * replay of every event changes nothing: no second invoice, no second row, no second PDF.
 */
import { e2eVersions } from '../harness';
import { createDataTable, type DataTable } from './support/data-table';
import { fingerprint, rows, type Row } from './support/qbo-state';
import { startStubServer, type StubServer } from './support/stub-server';
import { importAndActivate, nodeOutput, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';

const TEMPLATE = 'F5-finalized-invoices-to-quickbooks.json';

const SYNC_HEALTH_COLUMNS = {
	crmInvoiceId: 'string',
	status: 'string',
	category: 'string',
	explanation: 'string',
	detail: 'string',
	customer: 'string',
	amount: 'number',
	qboInvoiceId: 'string',
} as const;

/** A finalized invoice as the CRM posts it; `amount` is the CRM's own total (after discount, with tax and fees). */
function crmInvoice(id: string, overrides: Row = {}): Row {
	return {
		id,
		status: 'open',
		currency: 'USD',
		pipeline: 'New business',
		owner: 'ana.lima@salesco.example',
		dueDate: '2026-12-31',
		company: { name: "Zoë's Crème Brûlée Co.", email: 'compta@creme-brulee.example', street: '12 Rue de l’Église', city: 'Burlingame', state: 'CA', postalCode: '94010', country: 'US' },
		lineItems: [
			{ name: 'Onboarding workshop', description: 'Half-day, remote', quantity: 1, unitPrice: 1200, taxRate: 'Standard' },
			{ name: "Licence — Zoë's team (seat)", quantity: 12, unitPrice: 39.99, taxRate: 'Standard' },
		],
		discount: { type: 'percent', value: 10 },
		tax: { label: 'Sales tax 8.5%', amount: 128.51 },
		fees: [{ type: 'shipping', label: 'Shipping — UPS Ground', amount: 25 }],
		// 1,679.88 of line items − 167.99 (10 %) + 128.51 tax + 25.00 shipping
		amount: 1665.4,
		properties: { po_number: 'PO-7731/β', tracking_number: '1Z999AA10123456784', shipping_method: 'UPS Ground', qbo_do_not_sync: false },
		...overrides,
	};
}

describe.each(e2eVersions())('F5 finalized-invoices template on n8n %s', (version) => {
	let env: TemplateEnv;
	let crm: StubServer;
	let table: DataTable;
	let workflowId: string;
	let hookPath: string;
	let designItemId: string;

	beforeAll(async () => {
		crm = await startStubServer();
		env = await startTemplateEnv(version, 'us');
		table = await createDataTable(env.n8n, 'QuickBooks sync health', SYNC_HEALTH_COLUMNS);
		designItemId = String(rows(env.qbo, env.realmId, "SELECT * FROM Item WHERE Name = 'Design'")[0].Id);
		const template = readTemplate(TEMPLATE);
		hookPath = webhookPaths(template)['Invoice Finalized Webhook'];
		const config = {
			crmBaseUrl: `${crm.url}/api/v1`,
			syncHealthTableId: table.id,
			minimumAmount: 10,
			allowedPipelines: '={{ ["New business", "Renewals"] }}',
		};
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, config, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
		await crm?.stop();
	}, 60_000);

	function events(): Row[] {
		return [
			{ eventType: 'invoice.finalized', invoice: crmInvoice('INV-1001') },
			{
				eventType: 'invoice.finalized',
				invoice: crmInvoice('INV-1002', {
					status: 'paid',
					pipeline: 'Renewals',
					company: { name: "Amy's Bird Sanctuary" },
					lineItems: [{ name: 'Design', quantity: 3, unitPrice: 75, quickbooksItemId: designItemId, taxRate: 'Exempt' }],
					discount: { type: 'amount', value: 25 },
					tax: { label: 'No tax', amount: 0 },
					fees: [{ type: 'card', label: 'Card fee 2.9 %', amount: 5.8 }],
					amount: 205.8,
					properties: { po_number: 'PO-42' },
				}),
			},
			{ eventType: 'invoice.finalized', invoice: crmInvoice('INV-1003', { currency: 'EUR', pipeline: 'Partners' }) },
			{ eventType: 'invoice.finalized', invoice: crmInvoice('INV-1004', { properties: { qbo_do_not_sync: true } }) },
			{ eventType: 'invoice.finalized', invoice: crmInvoice('INV-1005', { company: { name: 'Acme Facilities Ltd', email: 'ap@acme.example' } }) },
			{
				eventType: 'invoice.finalized',
				invoice: crmInvoice('INV-1006', { lineItems: [{ name: 'Onboarding workshop', quantity: 1, unitPrice: 1200, taxRate: 'Reduced' }], discount: null, fees: [], tax: null, amount: 1200 }),
			},
			{
				eventType: 'invoice.finalized',
				invoice: crmInvoice('INV-1007', { lineItems: [{ name: 'Retired bundle', quantity: 1, unitPrice: 300, quickbooksItemId: '9999' }], discount: null, fees: [], tax: null, amount: 300 }),
			},
		];
	}

	async function deliver(list: Row[], alreadyFinished: number): Promise<void> {
		for (let index = 0; index < list.length; index++) {
			expect(await postToWebhook(env.n8n, hookPath, list[index])).toBe(200);
			await waitForFinished(env.n8n, workflowId, alreadyFinished + index + 1, 120_000);
		}
	}

	/** The report without n8n's own columns (id, createdAt, updatedAt), one entry per row. */
	async function report(): Promise<Row[]> {
		return (await table.rows()).map((row) => Object.fromEntries(Object.keys(SYNC_HEALTH_COLUMNS).map((column) => [column, row[column]])));
	}

	it('syncs eligible invoices through a 429 storm, skips the rest with reasons, reports failures by category; a replay changes nothing', async () => {
		const { qbo, realmId, n8n } = env;
		const list = events();
		await qbo.admin('faults', { count: 6, mode: 'fail', status: 429, match: { pathIncludes: '/v3/company/' } });
		await deliver(list, 0);
		const executions = await withData(n8n, await waitForFinished(n8n, workflowId, list.length));
		expect(executions.map(outcome)).toEqual(list.map(() => 'success'));
		expect(await qbo.admin('faults')).toEqual({ faults: [] }); // the storm was met and survived

		// INV-1001: new customer, items created, discount / tax / fee lines, custom fields, the CRM total.
		const [first] = rows(qbo, realmId, "SELECT * FROM Invoice WHERE DocNumber = 'INV-1001'");
		expect(first.CustomerRef.name).toBe("Zoë's Crème Brûlée Co.");
		expect(first.TotalAmt).toBeCloseTo(1665.4, 2);
		const sales = first.Line.filter((line: Row) => line.DetailType === 'SalesItemLineDetail');
		expect(sales.map((line: Row) => [line.SalesItemLineDetail.ItemRef.name, line.Amount])).toEqual([
			['Onboarding workshop', 1200],
			["Licence — Zoë's team (seat)", 479.88],
			['Sales tax (CRM)', 128.51],
			['Shipping', 25],
		]);
		expect(sales.map((line: Row) => line.SalesItemLineDetail.TaxCodeRef?.value)).toEqual(['TAX', 'TAX', 'NON', 'NON']);
		expect(first.Line.find((line: Row) => line.DetailType === 'DiscountLineDetail')).toMatchObject({ Amount: 167.99 });
		const customFields = Object.fromEntries(first.CustomField.map((field: Row) => [field.Name, field.StringValue]));
		expect(customFields).toMatchObject({ 'PO Number': 'PO-7731/β', 'Tracking No': '1Z999AA10123456784', 'Shipping Method': 'UPS Ground' });
		expect(rows(qbo, realmId, "SELECT * FROM Customer WHERE DisplayName = 'Zoë\\'s Crème Brûlée Co.'")).toHaveLength(1);

		// INV-1002: existing customer, a product given by its QuickBooks id, an amount discount, a card fee.
		const [second] = rows(qbo, realmId, "SELECT * FROM Invoice WHERE DocNumber = 'INV-1002'");
		expect(second.CustomerRef.name).toBe("Amy's Bird Sanctuary");
		expect(second.TotalAmt).toBeCloseTo(205.8, 2);
		expect(second.Line.filter((line: Row) => line.DetailType === 'SalesItemLineDetail').map((line: Row) => line.SalesItemLineDetail.ItemRef.value)).toEqual([
			designItemId,
			rows(qbo, realmId, "SELECT * FROM Item WHERE Name = 'Card processing fee'")[0].Id,
		]);
		for (const notSynced of ['INV-1003', 'INV-1004', 'INV-1005', 'INV-1006', 'INV-1007']) {
			expect({ notSynced, found: rows(qbo, realmId, `SELECT * FROM Invoice WHERE DocNumber = '${notSynced}'`).length }).toEqual({ notSynced, found: 0 });
		}
		// The vendor's name was not taken over by a customer.
		expect(rows(qbo, realmId, "SELECT * FROM Customer WHERE DisplayName = 'Acme Facilities Ltd'")).toHaveLength(0);

		// The sync health table: one row per CRM invoice, failures with their category and what to do.
		const health = await report();
		expect(health.map((row) => [row.crmInvoiceId, row.status, row.category])).toEqual([
			['INV-1001', 'synced', ''],
			['INV-1002', 'synced', ''],
			['INV-1003', 'skipped', 'ineligible'],
			['INV-1004', 'skipped', 'ineligible'],
			['INV-1005', 'failed', 'duplicate name'],
			['INV-1006', 'failed', 'missing tax code'],
			['INV-1007', 'failed', 'invalid reference'],
		]);
		const byId = Object.fromEntries(health.map((row) => [row.crmInvoiceId, row]));
		expect(byId['INV-1001']).toMatchObject({ qboInvoiceId: first.Id, amount: 1665.4, customer: "Zoë's Crème Brûlée Co.", explanation: expect.stringContaining('as in the CRM') });
		expect(byId['INV-1003'].explanation).toMatch(/currency EUR is not synced.*pipeline "Partners" is not synced/);
		expect(byId['INV-1004'].explanation).toMatch(/do not sync/);
		expect(byId['INV-1005'].detail).toMatch(/6240/);
		expect(byId['INV-1005'].detail).toMatch(/Vendor \d+ \("Acme Facilities Ltd"\)/);
		expect(byId['INV-1005'].explanation).toMatch(/unique across customers, vendors and employees/);
		expect(byId['INV-1006'].detail).toMatch(/Unknown tax code "Reduced"/);
		expect(byId['INV-1007'].detail).toMatch(/2500/);
		// The reasons are visible in the executions too.
		const skippedReasons = executions.flatMap((execution) => nodeOutput(execution, 'Skipped (reason)')).map((row) => row.crmInvoiceId);
		expect(skippedReasons).toEqual(['INV-1003', 'INV-1004']);

		// The CRM received each new invoice's PDF once.
		const pdfs = crm.callsTo('/api/v1/invoices/');
		expect(pdfs.map((call) => call.path.replace(/\?.*/, ''))).toEqual(['/api/v1/invoices/INV-1001/attachments', '/api/v1/invoices/INV-1002/attachments']);
		for (const call of pdfs) expect(String(call.body).startsWith('%PDF-')).toBe(true);

		// Replay every event: nothing changes in QuickBooks, in the table or in the CRM.
		const before = fingerprint(qbo, realmId, ['Invoice', 'Customer', 'Item']);
		await deliver(list, list.length);
		const replays = await withData(n8n, (await waitForFinished(n8n, workflowId, 2 * list.length)).slice(list.length));
		expect(replays.map(outcome)).toEqual(list.map(() => 'success'));
		expect(fingerprint(qbo, realmId, ['Invoice', 'Customer', 'Item'])).toEqual(before);
		expect(await report()).toEqual(health);
		expect(crm.callsTo('/api/v1/invoices/')).toHaveLength(2);
		const actions = replays.flatMap((execution) => nodeOutput(execution, 'Create Invoice in QuickBooks')).map((invoice) => invoice._action);
		expect(actions).toEqual(['skipped', 'skipped']);

		// Someone disconnects the app in QuickBooks (the grant is revoked): the next invoice fails as "auth".
		const exported = await n8n.exportCredential(env.credential.id);
		const token = (exported.data as Row).oauthTokenData.access_token as string;
		const { clientId, clientSecret } = qbo.emulator.demoClient;
		const revoked = await fetch(`${qbo.url}/v2/oauth2/tokens/revoke`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}` },
			body: JSON.stringify({ token }),
		});
		expect(revoked.status).toBe(200);
		await deliver([{ eventType: 'invoice.finalized', invoice: crmInvoice('INV-1008', { company: { name: 'Cool Cars' } }) }], 2 * list.length);
		const [disconnected] = await withData(n8n, (await waitForFinished(n8n, workflowId, 2 * list.length + 1)).slice(-1));
		expect(outcome(disconnected)).toBe('success');
		const authRow = (await report()).find((row) => row.crmInvoiceId === 'INV-1008');
		expect(authRow).toMatchObject({ status: 'failed', category: 'auth', explanation: expect.stringMatching(/Reconnect/) });
		// The node says what happened (n8n 2.x's revoked-grant error once read as a lost connection).
		expect(authRow?.detail).toMatch(/refused to renew the connection's access/);
		expect(authRow?.detail).not.toMatch(/could not be reached/);
		expect(rows(qbo, realmId, "SELECT * FROM Invoice WHERE DocNumber = 'INV-1008'")).toHaveLength(0);
	}, 420_000);
});
