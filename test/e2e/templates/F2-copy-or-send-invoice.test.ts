/**
 * F2 in a real n8n: the help desk's "Copy" and "Send invoice" events create or update one QuickBooks
 * invoice each, with one line per task, QuickBooks emails only invoices with a billing email, and the
 * help desk hears the outcome.
 */
import { e2eVersions } from '../harness';
import { fingerprint, rows, type Row } from './support/qbo-state';
import { startStubServer, type StubServer } from './support/stub-server';
import { deliverOneByOne, importAndActivate, sendCalls, outcome, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';

const TEMPLATE = 'F2-copy-or-send-invoice.json';

interface Task {
	serviceType: string;
	description: string;
	hours: number;
	rate: number;
}

const PRINTER: Task = { serviceType: 'Support Hours', description: 'Ticket #88: printer «Zoë» offline', hours: 3, rate: 95.5 };
const VISIT: Task = { serviceType: 'On-site Visit — Montréal', description: "Ticket #91: O'Brien's café router", hours: 1, rate: 120 };
const BACKUP: Task = { serviceType: 'Support Hours', description: 'Ticket #93: nightly backup restore', hours: 1.25, rate: 95.5 };
const LICENCE: Task = { serviceType: 'Licence Renewal', description: 'Antivirus, 5 seats', hours: 5, rate: 12 };

function helpDeskInvoice(id: number, overrides: Row = {}): Row {
	return {
		id,
		number: `HD-${id}`,
		state: 'Open',
		organisation: "O'Brien & Søn Café",
		billingEmail: 'factures@obrien.example',
		subject: `Support contract — March (#${id})`,
		tasks: [PRINTER, VISIT, BACKUP],
		...overrides,
	};
}

/** 501 is copied, then edited (a task dropped, one changed, one added) and copied again. */
const RECOPIED_TASKS: Task[] = [{ ...PRINTER, hours: 4 }, LICENCE];

const EVENTS: Row[] = [
	{ action: 'copy', invoice: helpDeskInvoice(501) },
	{ action: 'copy', invoice: helpDeskInvoice(501, { tasks: RECOPIED_TASKS }) },
	{ action: 'send', invoice: helpDeskInvoice(502, { organisation: 'Cool Cars', billingEmail: 'cool_cars@intuit.example', tasks: [LICENCE] }) },
	{ action: 'send', invoice: helpDeskInvoice(503, { organisation: 'Freeman Sporting Goods', billingEmail: '' }) },
	{ action: 'copy', invoice: helpDeskInvoice(504, { state: 'Draft' }) },
];

const total = (tasks: Task[]) => tasks.reduce((sum, task) => sum + task.hours * task.rate, 0);

/** The invoice's lines as the help desk would read them back: the subject line, then one line per task. */
function invoiceLines(invoice: Row): Row[] {
	return (invoice.Line as Row[])
		.filter((line) => line.DetailType === 'DescriptionOnly' || line.DetailType === 'SalesItemLineDetail')
		.map((line) =>
			line.DetailType === 'DescriptionOnly'
				? { description: line.Description }
				: {
						serviceType: line.SalesItemLineDetail.ItemRef.name,
						description: line.Description,
						hours: line.SalesItemLineDetail.Qty,
						rate: line.SalesItemLineDetail.UnitPrice,
						amount: line.Amount,
					},
		);
}

function expectedLines(invoice: Row): Row[] {
	return [{ description: invoice.subject }, ...(invoice.tasks as Task[]).map((task) => ({ ...task, amount: expect.closeTo(task.hours * task.rate, 2) }))];
}

describe.each(e2eVersions())('F2 copy/send template on n8n %s', (version) => {
	let env: TemplateEnv;
	let helpDesk: StubServer;
	let workflowId: string;
	let hookPath: string;

	beforeAll(async () => {
		helpDesk = await startStubServer();
		env = await startTemplateEnv(version, 'us');
		const template = readTemplate(TEMPLATE);
		hookPath = webhookPaths(template)['Help Desk Invoice Webhook'];
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, { helpDeskUrl: `${helpDesk.url}/api` }, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
		await helpDesk?.stop();
	}, 60_000);

	async function deliver(events: Row[], alreadyFinished: number): Promise<void> {
		await deliverOneByOne(env.n8n, hookPath, workflowId, events, alreadyFinished);
	}

	it('copies, updates on re-copy, sends only with a billing email, reports back; a replay creates nothing and sends nothing again', async () => {
		const { qbo, realmId, n8n } = env;
		await qbo.admin('faults', { count: 6, mode: 'fail', status: 429, match: { pathIncludes: '/v3/company/' } });
		await deliver(EVENTS, 0);
		const executions = await withData(n8n, await waitForFinished(n8n, workflowId, EVENTS.length));
		expect(executions.map(outcome)).toEqual(EVENTS.map(() => 'success'));

		const invoice = (docNumber: string) => rows(qbo, realmId, `SELECT * FROM Invoice WHERE DocNumber = '${docNumber}'`);
		// Every task is a line, in order; re-copying 501 after edits replaced its lines in the same invoice.
		expect(invoice('HD-501')).toHaveLength(1);
		expect(invoiceLines(invoice('HD-501')[0])).toEqual(expectedLines(EVENTS[1].invoice));
		expect(invoice('HD-501')[0].TotalAmt).toBeCloseTo(total(RECOPIED_TASKS), 2);
		expect(invoice('HD-501')[0].CustomerRef.name).toBe("O'Brien & Søn Café");
		expect(invoiceLines(invoice('HD-502')[0])).toEqual(expectedLines(EVENTS[2].invoice));
		expect(invoice('HD-502')[0].EmailStatus).toBe('EmailSent');
		expect(invoice('HD-503')).toHaveLength(1);
		expect(invoiceLines(invoice('HD-503')[0])).toEqual(expectedLines(EVENTS[3].invoice));
		expect(invoice('HD-503')[0].TotalAmt).toBeCloseTo(total([PRINTER, VISIT, BACKUP]), 2);
		expect(invoice('HD-503')[0].EmailStatus).not.toBe('EmailSent');
		expect(invoice('HD-504')).toEqual([]);
		// Each service type is one product/service, created once on the configured income account.
		for (const name of ['Support Hours', 'On-site Visit — Montréal', 'Licence Renewal']) {
			const item = rows(qbo, realmId, `SELECT * FROM Item WHERE Name = '${name}'`);
			expect(item.map((row) => row.IncomeAccountRef.value)).toEqual(['1']);
		}

		const told: Row[] = helpDesk.callsTo('/api/invoices/').map((call) => ({ path: call.path, ...(call.body as Row) }));
		expect(told).toEqual([
			expect.objectContaining({ path: '/api/invoices/501/quickbooks', status: 'copied', quickbooksDocNumber: 'HD-501' }),
			expect.objectContaining({ path: '/api/invoices/501/quickbooks', status: 'copied', quickbooksInvoiceId: told[0].quickbooksInvoiceId }),
			expect.objectContaining({ path: '/api/invoices/502/quickbooks', status: 'sent', note: expect.stringContaining('cool_cars@intuit.example') }),
			expect.objectContaining({ path: '/api/invoices/503/quickbooks', status: 'copied', note: expect.stringContaining('no billing contact email') }),
		]);

		// Replay everything: no new invoice, customer or item, the same totals, and no second email.
		const documents = () => rows(qbo, realmId, 'SELECT * FROM Invoice MAXRESULTS 1000').map((row) => `${row.Id} ${row.DocNumber} ${row.TotalAmt} ${row.EmailStatus}`).sort();
		const before = { ...fingerprint(qbo, realmId, ['Customer', 'Item']), invoices: documents() };
		const sendsBefore = await sendCalls(env);
		await deliver(EVENTS, EVENTS.length);
		const replays = await withData(n8n, (await waitForFinished(n8n, workflowId, 2 * EVENTS.length)).slice(EVENTS.length));
		expect(replays.map(outcome)).toEqual(EVENTS.map(() => 'success'));
		expect({ ...fingerprint(qbo, realmId, ['Customer', 'Item']), invoices: documents() }).toEqual(before);
		expect(await sendCalls(env)).toBe(sendsBefore);
		const replayed = helpDesk.callsTo('/api/invoices/').slice(4).map((call) => call.body as Row);
		expect(replayed[2]).toMatchObject({ status: 'copied', note: expect.stringContaining('already emailed') });
	}, 300_000);
});
