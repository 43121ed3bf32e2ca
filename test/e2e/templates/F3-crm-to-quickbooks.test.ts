/**
 * F3 (CRM → QuickBooks) in a real n8n, Canadian company: CRM payments become sales receipts (customer
 * matched by email, any case, or created), CRM invoices are created, updated and paid in QuickBooks with
 * their taxes and discounts, a payment of a synced invoice is applied to it and never makes a sales
 * receipt, older invoices are left alone; replaying every event changes nothing.
 */
import { e2eVersions } from '../harness';
import { fingerprint, rows, type Row } from './support/qbo-state';
import { startStubServer, type StubServer } from './support/stub-server';
import { deliverOneByOne, importAndActivate, nodeOutput, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';

const TEMPLATE = 'F3-crm-to-quickbooks.json';
const SYNC_START = '2026-06-01T00:00:00Z';
// CRM tax names → the emulated Canadian company's tax codes; untaxed lines get Zero-rated (14).
const TAX_CODES = { 'HST ON': '4', 'GST/QST QC': '11' };

function payment(id: string, fields: Row): Row {
	return { event: 'payment.received', payment: { id, date: '2026-06-15', ...fields } };
}

const darcy = { name: "D'Arcy & Fils Rénovation", email: 'darcy@renovation.example' };
const inv2001v1 = {
	id: '65f0c2a1e4b0a1b2c3d42001',
	number: 'INV-2001',
	status: 'sent',
	createdAt: '2026-06-10T09:00:00Z',
	updatedAt: '2026-06-10T09:00:00Z',
	issueDate: '2026-06-10',
	dueDate: '2026-07-10',
	contact: darcy,
	items: [
		{ name: 'Consultation', description: 'Kitchen plan «Été»', qty: 3, price: 95.5, taxName: 'HST ON' },
		{ name: 'Site visit', qty: 1, price: 60, taxName: 'HST ON' },
	],
	discount: { type: 'percentage', value: 10 },
};
// Edited after it was sent: 4 hours instead of 3, a fixed 25.00 discount instead of 10 %.
const inv2001v2 = {
	...inv2001v1,
	updatedAt: '2026-06-11T16:30:00Z',
	items: [{ ...inv2001v1.items[0], qty: 4 }, inv2001v1.items[1]],
	discount: { type: 'fixed', value: 25 },
};
const inv2002 = {
	id: '65f0c2a1e4b0a1b2c3d42002',
	number: 'INV-2002',
	status: 'sent',
	createdAt: '2026-06-12T10:00:00Z',
	updatedAt: '2026-06-12T10:00:00Z',
	contact: { name: 'Maple Leaf Café', email: 'orders@mapleleafcafe.example' },
	items: [{ name: 'Catering — 25 guests', qty: 25, price: 18.4, taxName: 'HST ON' }],
};
// Created before the sync was switched on: never synced, and its payment makes no sales receipt.
const inv1990 = { ...inv2002, id: '65f0c2a1e4b0a1b2c3d41990', number: 'INV-1990', createdAt: '2026-05-20T08:00:00Z', updatedAt: '2026-05-20T08:00:00Z' };

const EVENTS: Row[] = [
	payment('pay_1001', {
		source: 'order_form',
		amount: 56.48,
		contact: { name: "Zoë O'Brien 🎉", email: 'zoe.obrien@example.com' },
		items: [{ name: "Atelier d'été — billet", qty: 2, price: 24.99, taxName: 'HST ON' }],
	}),
	// An existing customer, its email in another case.
	payment('pay_1002', {
		source: 'subscription',
		amount: 89.27,
		contact: { name: 'Maple Leaf Café', email: 'ORDERS@MapleLeafCafe.EXAMPLE' },
		items: [{ name: 'Monthly plan — Pro', qty: 1, price: 79, taxName: 'HST ON' }],
	}),
	// Matched by email to "Chez Jacques Bistro", whatever the contact's name.
	payment('pay_1003', {
		source: 'membership',
		amount: 137.97,
		contact: { name: 'Jacques Bélanger', email: 'jacques@chezjacques.example' },
		items: [{ name: 'Adhésion annuelle', qty: 1, price: 120, taxName: 'GST/QST QC' }],
	}),
	// A calendar booking with no items: one line with the source's item.
	payment('pay_1004', { source: 'calendar', amount: 75.5, contact: { name: 'Siobhán Ní Bhriain', email: 'siobhan@example.ie' } }),
	{ event: 'invoice.sent', invoice: inv2001v1 },
	{ event: 'invoice.updated', invoice: inv2001v2 },
	{ event: 'invoice.paid', invoice: { ...inv2001v2, status: 'paid' }, payment: { id: 'pay_2001', amount: 471.21, date: '2026-06-20' } },
	// The CRM also reports that payment as a payment: it must not become a sales receipt.
	payment('pay_2001', { source: 'invoice', invoiceNumber: 'INV-2001', amount: 471.21, contact: darcy }),
	{ event: 'invoice.sent', invoice: inv2002 },
	payment('pay_2002', { source: 'invoice', invoiceNumber: 'INV-2002', amount: 200, contact: inv2002.contact }),
	payment('pay_2003', { source: 'invoice', invoiceNumber: 'INV-2002', amount: 319.8, contact: inv2002.contact }),
	{ event: 'invoice.paid', invoice: { ...inv2002, status: 'paid' }, payment: { id: 'pay_2003', amount: 319.8 } },
	{ event: 'invoice.sent', invoice: inv1990 },
	payment('pay_1990', { source: 'invoice', invoiceNumber: 'INV-1990', amount: 519.8, contact: inv1990.contact }),
	{ event: 'contact.created', contact: { name: 'Ignored Person' } },
];
// INV-2003 is sent, then the CRM fires "invoice paid" (no payment id) and the payment itself AT ONCE.
const inv2003 = { ...inv2002, id: '65f0c2a1e4b0a1b2c3d42003', number: 'INV-2003', items: [{ name: 'Catering — 25 guests', qty: 10, price: 18.4, taxName: 'HST ON' }] };
const SENT_2003: Row = { event: 'invoice.sent', invoice: inv2003 };
const AT_ONCE: Row[] = [
	{ event: 'invoice.paid', invoice: { ...inv2003, status: 'paid' } },
	payment('pay_2005', { source: 'invoice', invoiceNumber: 'INV-2003', amount: 207.92, contact: inv2003.contact }),
];
const ALL = EVENTS.length + 1 + AT_ONCE.length;
const ENTITIES = ['Invoice', 'SalesReceipt', 'Payment', 'Customer', 'Item'];

describe.each(e2eVersions())('F3 CRM → QuickBooks template on n8n %s', (version) => {
	let env: TemplateEnv;
	let crm: StubServer;
	let workflowId: string;
	let hookPath: string;

	beforeAll(async () => {
		crm = await startStubServer();
		env = await startTemplateEnv(version, 'ca');
		const template = readTemplate(TEMPLATE);
		hookPath = webhookPaths(template)['CRM Webhook'];
		const config = {
			crmUrl: `${crm.url}/api`,
			syncInvoicesCreatedAfter: SYNC_START,
			taxCodes: `={{ ${JSON.stringify(TAX_CODES)} }}`,
			defaultTaxCodeId: '14',
		};
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, config, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
		await crm?.stop();
	}, 60_000);

	/** Posts each event and waits for its execution before the next (the CRM sends them as they happen). */
	async function deliver(events: Row[], alreadyFinished: number): Promise<void> {
		await deliverOneByOne(env.n8n, hookPath, workflowId, events, alreadyFinished);
	}

	/** Everything the CRM sends: the events one by one, then the two simultaneous ones. */
	async function deliverAll(alreadyFinished: number): Promise<void> {
		await deliver([...EVENTS, SENT_2003], alreadyFinished);
		const statuses = await Promise.all(AT_ONCE.map((event) => postToWebhook(env.n8n, hookPath, event)));
		expect(statuses).toEqual([200, 200]);
		await waitForFinished(env.n8n, workflowId, alreadyFinished + ALL, 120_000);
	}

	it('records sales receipts, creates/updates/pays invoices, never doubles an invoice payment, skips old invoices; a replay changes nothing', async () => {
		const { qbo, realmId, n8n } = env;
		const query = (text: string) => rows(qbo, realmId, text);
		const seeded = { receipts: query('SELECT * FROM SalesReceipt').length, payments: query('SELECT * FROM Payment').length, customers: query('SELECT * FROM Customer').length };

		await qbo.admin('faults', { count: 6, mode: 'fail', status: 429, match: { pathIncludes: '/v3/company/' } });
		await deliverAll(0);
		const executions = await withData(n8n, await waitForFinished(n8n, workflowId, ALL));
		expect(executions.map(outcome)).toEqual(Array(ALL).fill('success'));
		expect(await qbo.admin('faults')).toEqual({ faults: [] });

		// Sales receipts: one per payment that pays no invoice, numbered with the CRM payment id, taxes included.
		const receipt = (id: string) => query(`SELECT * FROM SalesReceipt WHERE DocNumber = '${id}'`);
		expect(query('SELECT * FROM SalesReceipt').length - seeded.receipts).toBe(4);
		for (const id of ['pay_2001', 'pay_2002', 'pay_2003', 'pay_1990']) expect(receipt(id)).toEqual([]);
		const expected: Record<string, { customer: string; total: number }> = {
			pay_1001: { customer: "Zoë O'Brien 🎉", total: 56.48 },
			pay_1002: { customer: 'Maple Leaf Café', total: 89.27 },
			pay_1003: { customer: 'Chez Jacques Bistro', total: 137.97 },
			pay_1004: { customer: 'Siobhán Ní Bhriain', total: 75.5 },
		};
		for (const [id, want] of Object.entries(expected)) {
			const found = receipt(id);
			expect(found).toHaveLength(1);
			expect({ id, customer: found[0].CustomerRef.name, total: found[0].TotalAmt }).toEqual({ id, ...want });
		}
		expect(receipt('pay_1004')[0].Line.find((line: Row) => line.DetailType === 'SalesItemLineDetail').SalesItemLineDetail.ItemRef.name).toBe('Booking');
		// New customers (by email) were created once each; Maple Leaf Café and Chez Jacques were matched.
		expect(query('SELECT * FROM Customer').length - seeded.customers).toBe(3);
		expect(query("SELECT * FROM Customer WHERE DisplayName = 'Maple Leaf Café'")).toHaveLength(1);
		const zoe = query("SELECT * FROM Customer WHERE DisplayName = 'Zoë O\\'Brien 🎉'");
		expect(zoe.map((customer) => customer.PrimaryEmailAddr?.Address)).toEqual(['zoe.obrien@example.com']);

		// INV-2001: created, then updated in place (4 h, fixed 25.00 discount, HST 13 %), then paid once.
		const invoice = (number: string) => query(`SELECT * FROM Invoice WHERE DocNumber = '${number}'`);
		expect(invoice('INV-2001')).toHaveLength(1);
		const [i2001] = invoice('INV-2001');
		expect(i2001.CustomerRef.name).toBe(darcy.name);
		// As first sent: 10 % discount, then HST 13 % on the discounted subtotal.
		const asSent = nodeOutput(executions[4], 'Create or Update Invoice')[0];
		expect({ action: asSent._action, total: asSent.TotalAmt, tax: (asSent.TxnTaxDetail as Row).TotalTax }).toEqual({ action: 'created', total: 352.39, tax: 40.54 });
		expect(i2001.Line.find((line: Row) => line.DetailType === 'DiscountLineDetail')?.Amount).toBe(25);
		expect(i2001.Line.find((line: Row) => line.SalesItemLineDetail?.ItemRef?.name === 'Consultation')?.SalesItemLineDetail.Qty).toBe(4);
		expect(i2001.TxnTaxDetail.TotalTax).toBeCloseTo(54.21, 2);
		expect(i2001.TotalAmt).toBeCloseTo(471.21, 2);
		expect(i2001.Balance).toBe(0);
		// INV-2002: two partial CRM payments applied to it, balance 0; the "paid" event added nothing.
		const [i2002] = invoice('INV-2002');
		expect(i2002.TotalAmt).toBeCloseTo(519.8, 2);
		expect(i2002.Balance).toBe(0);
		expect(invoice('INV-1990')).toEqual([]);
		// INV-2003, paid twice at once (the "paid" event and the payment): ONE payment, no sales receipt.
		const [i2003] = invoice('INV-2003');
		expect({ total: i2003.TotalAmt, balance: i2003.Balance }).toEqual({ total: 207.92, balance: 0 });
		const paying2003 = query('SELECT * FROM Payment').filter((p) => p.Line.some((line: Row) => line.LinkedTxn[0].TxnId === i2003.Id));
		expect(paying2003.map((p) => p.TotalAmt)).toEqual([207.92]);
		expect(receipt('pay_2005')).toEqual([]);

		const payments = query('SELECT * FROM Payment').filter((p) => ['pay_2001', 'pay_2002', 'pay_2003'].includes(p.PaymentRefNum));
		expect(query('SELECT * FROM Payment').length - seeded.payments).toBe(4);
		expect(query('SELECT * FROM Payment').filter((p) => Number(p.UnappliedAmt ?? 0) !== 0)).toEqual([]);
		const applied = payments.map((p) => ({ ref: p.PaymentRefNum, amount: p.TotalAmt, invoice: p.Line[0].LinkedTxn[0].TxnId })).sort((a, b) => a.ref.localeCompare(b.ref));
		expect(applied).toEqual([
			{ ref: 'pay_2001', amount: 471.21, invoice: i2001.Id },
			{ ref: 'pay_2002', amount: 200, invoice: i2002.Id },
			{ ref: 'pay_2003', amount: 319.8, invoice: i2002.Id },
		]);

		// Why nothing was written is visible in the executions.
		const reasons = (node: string) => executions.flatMap((execution) => nodeOutput(execution, node)).map((item) => String(item.reason));
		expect(reasons('No Sales Receipt (reason)').slice(0, 2)).toEqual([expect.stringContaining('already paid'), expect.stringContaining('not synced')]);
		expect(reasons('Not Synced (reason)')).toEqual([expect.stringContaining('INV-1990')]);
		expect(reasons('Ignored (reason)')).toEqual([expect.stringContaining('contact.created')]);

		// The CRM heard about every write.
		const told = crm.calls.map((call) => `${call.path} ${(call.body as Row).step} ${(call.body as Row).action}`);
		expect(told.slice(0, 12)).toEqual([
			'/api/payments/pay_1001/quickbooks Record Sales Receipt created',
			'/api/payments/pay_1002/quickbooks Record Sales Receipt created',
			'/api/payments/pay_1003/quickbooks Record Sales Receipt created',
			'/api/payments/pay_1004/quickbooks Record Sales Receipt created',
			`/api/invoices/${inv2001v1.id}/quickbooks Create or Update Invoice created`,
			`/api/invoices/${inv2001v1.id}/quickbooks Create or Update Invoice updated`,
			`/api/invoices/${inv2001v1.id}/quickbooks Mark Invoice Paid created`,
			`/api/invoices/${inv2002.id}/quickbooks Create or Update Invoice created`,
			'/api/payments/pay_2002/quickbooks Record Payment on the Invoice created',
			'/api/payments/pay_2003/quickbooks Record Payment on the Invoice created',
			`/api/invoices/${inv2002.id}/quickbooks Mark Invoice Paid skipped`,
			`/api/invoices/${inv2003.id}/quickbooks Create or Update Invoice created`,
		]);
		// Of the simultaneous pair, exactly one recorded the payment; the other found the invoice settled.
		// (the "paid" event always reports; the payment reports only if it found the invoice still open).
		const pair = crm.calls.slice(12).map((call) => (call.body as Row).action);
		console.log(`F3 CRM → QuickBooks on n8n ${version}: the simultaneous "paid" + payment pair reported ${JSON.stringify(pair)}`);
		expect(pair.length).toBeLessThanOrEqual(2);
		expect(pair.filter((action) => action === 'created')).toEqual(['created']);

		// Replay every event, in order: nothing is created or changed in QuickBooks.
		const before = fingerprint(qbo, realmId, ENTITIES);
		const toldBefore = crm.calls.length;
		await deliverAll(ALL);
		const replays = await withData(n8n, (await waitForFinished(n8n, workflowId, 2 * ALL)).slice(ALL));
		expect(replays.map(outcome)).toEqual(Array(ALL).fill('success'));
		expect(fingerprint(qbo, realmId, ENTITIES)).toEqual(before);
		// Only the writing steps report back, each saying it found its document: skipped, or invoice already paid.
		expect(crm.calls.slice(toldBefore).map((call) => (call.body as Row).action)).toEqual([...Array(6).fill('skipped'), 'alreadyPaid']);
	}, 420_000);
});
