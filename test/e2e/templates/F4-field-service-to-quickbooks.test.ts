/**
 * F4, field service → QuickBooks, in a real n8n: companies become customers (found first), projects become
 * sub-customers of their company and follow renames, service invoices become single-line QuickBooks invoices
 * that follow amount changes; a vendor holding a company's name is met with the suffix and reported, other
 * refusals reach the app's problem endpoint. A 429 storm is ridden out; replaying every event changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { e2eVersions } from '../harness';
import { fingerprint, rows, type Row } from './support/qbo-state';
import { startStubServer, type StubServer } from './support/stub-server';
import { deliverOneByOne, importAndActivate, nodeOutput, outcome, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { configureTemplate, readTemplate, webhookPaths, type TemplateWorkflow } from './support/template-workflow';

const TEMPLATE = 'F4-field-service-to-quickbooks.json';
const MARKER = 'Created by the field-service sync';

const obrien = { id: 'C-100', name: "O'Brien & Fils Rénovations", email: 'compta@obrien-fils.example', phone: '418 555 0199', address: { line1: "22 rue d'Auteuil", city: 'Québec', region: 'QC', postalCode: 'G1R 4C2', country: 'CA' } };
const acme = { id: 'C-101', name: 'Acme Facilities Ltd', email: 'ap@acme-facilities.example', address: { line1: '9 Dock Rd', city: 'Oakland', region: 'CA', postalCode: '94607', country: 'US' } };
const coolCars = { id: 'C-102', name: 'Cool Cars' };

const ticket = (number: string, company: Row, invoice: Row, siteAddress = '14 Harbour St, Oakland') => ({ company, ticket: { id: `T-${number}`, number, summary: 'Boiler annual service – Zoë', siteAddress }, invoice });

const FIRST: Row[] = [
	{ event: 'company.created', data: obrien },
	{ event: 'company.created', data: acme },
	{ event: 'company.created', data: coolCars },
	{ event: 'project.created', data: { id: 'P-200', name: 'Cuisine Lévesque', address: obrien.address, company: obrien } },
	{ event: 'project.created', data: { id: 'P-201', name: 'Lobby refit', address: acme.address, company: acme } },
	// A project named like an existing top-level customer: the name is taken, the app is told.
	{ event: 'project.created', data: { id: 'P-202', name: "Bill's Windsurf Shop", address: {}, company: coolCars } },
	{ event: 'invoice.created', data: ticket('55', obrien, { id: 'INV-9001', amount: 1234.56, date: '2026-11-02', dueDate: '2026-12-02' }) },
	{ event: 'invoice.created', data: ticket('56', acme, { id: 'INV-9002', amount: 89.9, date: '2026-11-03' }) },
	{ event: 'ticket.created', data: { id: 'T-57', company: coolCars } },
];

describe.each(e2eVersions())('F4 field service → QuickBooks template on n8n %s', (version) => {
	let env: TemplateEnv;
	let app: StubServer;
	let workflowId: string;
	let hookPath: string;

	beforeAll(async () => {
		app = await startStubServer();
		env = await startTemplateEnv(version, 'us');
		const template = readTemplate(TEMPLATE);
		hookPath = webhookPaths(template)['Field Service Webhook'];
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, { fieldServiceUrl: `${app.url}/api` }, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
		await app?.stop();
	}, 60_000);

	/** Posts each event and waits for its execution before the next, as the app sends them. */
	async function deliver(events: Row[], alreadyFinished: number, path = hookPath, workflow = workflowId): Promise<void> {
		await deliverOneByOne(env.n8n, path, workflow, events, alreadyFinished);
	}

	const bodies = (prefix: string) => app.callsTo(prefix).map((call) => call.body as Row);
	const customer = (name: string) => rows(env.qbo, env.realmId, `SELECT * FROM Customer WHERE DisplayName = '${name.replace(/'/g, "\\'")}'`);

	it('syncs companies, projects and service invoices through a 429 storm, reports name clashes, and a replay changes nothing', async () => {
		const { qbo, realmId, n8n } = env;
		await qbo.admin('faults', { count: 6, mode: 'fail', status: 429, match: { pathIncludes: '/v3/company/' } });
		await deliver(FIRST, 0);
		expect(await qbo.admin('faults')).toEqual({ faults: [] });

		// The app keeps the QuickBooks ids it is given, and sends them with later changes.
		const projectLinks = Object.fromEntries(app.callsTo('/api/projects/').map((call) => [call.path.split('/')[3], call.body as Row]));
		const CHANGES: Row[] = [
			{ event: 'project.updated', data: { id: 'P-200', quickbooksId: projectLinks['P-200'].quickbooksCustomerId, name: 'Cuisine Lévesque – phase 2', address: { ...obrien.address, line1: '5 côte de la Fabrique' }, company: obrien } },
			// Renamed to a vendor's name: QuickBooks refuses (6240) and the app learns which record holds it.
			{ event: 'project.updated', data: { id: 'P-201', quickbooksId: projectLinks['P-201'].quickbooksCustomerId, name: 'Hicks Hardware', address: acme.address, company: acme } },
			{ event: 'invoice.updated', data: ticket('55', obrien, { id: 'INV-9001', amount: 1300.05, date: '2026-11-02', dueDate: '2026-12-02' }) },
			{ event: 'ticket.updated', data: ticket('56', acme, { id: 'INV-9002', amount: 89.9, date: '2026-11-03' }, '1 Pier 39, San Francisco') },
		];
		await deliver(CHANGES, FIRST.length);
		const EVENTS = [...FIRST, ...CHANGES];
		const executions = await withData(n8n, await waitForFinished(n8n, workflowId, EVENTS.length));
		expect(executions.map(outcome)).toEqual(EVENTS.map(() => 'success'));

		// Companies: created once (address, marker), the vendor's name met with the suffix, an existing one found.
		const [created] = customer(obrien.name);
		expect(created).toMatchObject({ CompanyName: obrien.name, PrimaryEmailAddr: { Address: obrien.email }, BillAddr: { City: 'Québec', CountrySubDivisionCode: 'QC' } });
		expect(created.Notes).toBe(`${MARKER} (company C-100)`);
		const [acmeCustomer] = customer('Acme Facilities Ltd (Customer)');
		expect(acmeCustomer).toBeDefined();
		expect(customer('Cool Cars')).toHaveLength(1);
		// The first link of each company (project and ticket events link their company again, as found).
		const companyLinks = Object.fromEntries(app.callsTo('/api/companies/').reverse().map((call) => [call.path.split('/')[3], call.body as Row]));
		expect(companyLinks['C-100']).toMatchObject({ quickbooksCustomerId: created.Id, created: true, note: '' });
		expect(companyLinks['C-101']).toMatchObject({ quickbooksCustomerId: acmeCustomer.Id, quickbooksDisplayName: 'Acme Facilities Ltd (Customer)' });
		expect(companyLinks['C-101'].note).toMatch(/"Acme Facilities Ltd" is already used in QuickBooks by Vendor \d+ \("Acme Facilities Ltd"\).*created as "Acme Facilities Ltd \(Customer\)"/);
		expect(companyLinks['C-102']).toMatchObject({ quickbooksCustomerId: '2', created: false });

		// Projects: sub-customers of their company; the first followed its rename and new address.
		const [kitchen] = customer('Cuisine Lévesque – phase 2');
		expect(kitchen).toMatchObject({ Id: projectLinks['P-200'].quickbooksCustomerId, Job: true, ParentRef: { value: created.Id }, BillAddr: { Line1: '5 côte de la Fabrique' } });
		expect(customer('Cuisine Lévesque')).toEqual([]);
		expect(customer('Lobby refit')[0]).toMatchObject({ ParentRef: { value: acmeCustomer.Id }, Job: true });

		// Problems reach the app, each naming the name and the record that holds it.
		const problems = bodies('/api/sync-problems');
		expect(problems).toEqual([
			expect.objectContaining({ event: 'project.created', recordId: 'P-202', code: 'name-taken', problem: expect.stringMatching(/"Bill's Windsurf Shop" is already used by Customer 3 .*not a project of "Cool Cars"/) }),
			expect.objectContaining({ event: 'project.updated', recordId: 'P-201', code: '6240', problem: expect.stringMatching(/"Hicks Hardware" is already used by Vendor \d+ \("Hicks Hardware"\)/) }),
		]);
		expect(rows(qbo, realmId, "SELECT * FROM Customer WHERE DisplayName LIKE 'Bill%'")).toHaveLength(1);

		// Service invoices: one per field-service invoice, a single line on the configured service, amounts followed.
		const invoice = (doc: string) => rows(qbo, realmId, `SELECT * FROM Invoice WHERE DocNumber = '${doc}'`);
		const [first] = invoice('INV-9001');
		expect(invoice('INV-9001')).toHaveLength(1);
		const sales = (inv: Row) => inv.Line.filter((line: Row) => line.DetailType === 'SalesItemLineDetail');
		expect(first.CustomerRef.value).toBe(created.Id);
		expect(sales(first)).toHaveLength(1);
		expect(sales(first)[0]).toMatchObject({ Amount: 1300.05, SalesItemLineDetail: { ItemRef: { name: 'Services' }, Qty: 1 } });
		expect(first).toMatchObject({ TxnDate: '2026-11-02', DueDate: '2026-12-02' });
		const [second] = invoice('INV-9002');
		expect(second.CustomerRef.value).toBe(acmeCustomer.Id);
		expect(second.PrivateNote).toBe('Field-service ticket #56 at 1 Pier 39, San Francisco');
		expect(sales(second)[0].Amount).toBe(89.9);
		expect(bodies('/api/invoices/').map((body) => [body.quickbooksDocNumber, body.action])).toEqual([
			['INV-9001', 'created'],
			['INV-9002', 'created'],
			['INV-9001', 'updated'],
			['INV-9002', 'updated'],
		]);
		const reasons = executions.flatMap((execution) => nodeOutput(execution, 'Ignored (reason)')).map((item) => item.reason);
		expect(reasons).toEqual([expect.stringContaining('"ticket.created"')]);

		// Replay every event: QuickBooks is untouched, no invoice is written again.
		const before = fingerprint(qbo, realmId, ['Customer', 'Invoice', 'Item']);
		const invoiceLinks = app.callsTo('/api/invoices/').length;
		await deliver(EVENTS, EVENTS.length);
		const replays = await withData(n8n, (await waitForFinished(n8n, workflowId, 2 * EVENTS.length)).slice(EVENTS.length));
		expect(replays.map(outcome)).toEqual(EVENTS.map(() => 'success'));
		expect(fingerprint(qbo, realmId, ['Customer', 'Invoice', 'Item'])).toEqual(before);
		expect(app.callsTo('/api/invoices/')).toHaveLength(invoiceLinks);
		expect(replays.flatMap((execution) => nodeOutput(execution, 'Write Service Invoice'))).toEqual([]);
	}, 400_000);

	it('with companies "never", projects "no" and service invoices "when sent": only sent invoices of companies already in QuickBooks are written', async () => {
		const { qbo, realmId, n8n } = env;
		// The same template as a second user would set it up (its own webhook path).
		const copy = configureTemplate(
			readTemplate(TEMPLATE),
			{ fieldServiceUrl: `${app.url}/strict`, syncCompaniesToQuickBooks: 'never', createProjectsInQuickBooks: 'no', createServiceInvoicesInQuickBooks: 'whenSent' },
			env.credential,
		) as TemplateWorkflow;
		const hook = copy.nodes.find((node) => node.name === 'Field Service Webhook')!;
		hook.parameters.path = 'field-service-events-when-sent';
		hook.webhookId = randomUUID();
		const strictId = await importAndActivate(n8n, { ...copy, name: `${copy.name} (when sent)` });
		const nowhere = { id: 'C-900', name: 'Nowhere Ltd' };
		const events: Row[] = [
			{ event: 'company.created', data: { id: 'C-901', name: 'Never Sent Co' } },
			{ event: 'project.created', data: { id: 'P-901', name: 'Never a project', company: coolCars } },
			{ event: 'invoice.created', data: ticket('80', coolCars, { id: 'INV-9080', amount: 310, sent: false }) },
			// Sent before any other change: created now, on the company QuickBooks already has.
			{ event: 'invoice.sent', data: ticket('80', coolCars, { id: 'INV-9080', amount: 310, sent: true }) },
			{ event: 'invoice.sent', data: ticket('81', nowhere, { id: 'INV-9081', amount: 42.5, sent: true }) },
		];
		await deliver(events, 0, 'field-service-events-when-sent', strictId);
		const executions = await withData(n8n, await waitForFinished(n8n, strictId, events.length));
		expect(executions.map(outcome)).toEqual(events.map(() => 'success'));

		expect(rows(qbo, realmId, "SELECT * FROM Customer WHERE DisplayName IN ('Never Sent Co', 'Never a project', 'Nowhere Ltd')")).toEqual([]);
		expect(rows(qbo, realmId, "SELECT * FROM Invoice WHERE DocNumber = 'INV-9081'")).toEqual([]);
		const [sent] = rows(qbo, realmId, "SELECT * FROM Invoice WHERE DocNumber = 'INV-9080'");
		expect(sent).toMatchObject({ CustomerRef: { value: '2' }, TotalAmt: 310 });
		expect(executions.flatMap((execution) => nodeOutput(execution, 'Ignored (reason)')).map((item) => item.reason)).toEqual([
			expect.stringContaining('"company.created"'),
			expect.stringContaining('"project.created"'),
			expect.stringContaining('"invoice.created"'),
		]);
		expect(app.callsTo('/strict/sync-problems').map((call) => call.body)).toEqual([
			expect.objectContaining({ event: 'invoice.sent', recordId: 'INV-9081', code: 'company-missing', problem: expect.stringContaining('"Nowhere Ltd"') }),
		]);
		expect(app.callsTo('/strict/invoices/').map((call) => call.path)).toEqual(['/strict/invoices/INV-9080/quickbooks']);
	}, 300_000);
});
