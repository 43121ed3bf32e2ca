/**
 * F5's other two templates in a real n8n. Payments: a CRM payment of an invoice is filtered out of
 * the sales-receipt flow (recorded against the QuickBooks invoice instead), every other payment
 * becomes one sales receipt, and a replay writes nothing. Lookup: the CRM reads an invoice with
 * its payments, or its PDF.
 */
import { e2eVersions } from '../harness';
import { fingerprint, rows, type Row } from './support/qbo-state';
import { importAndActivate, nodeOutput, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';

const PAYMENTS = 'F5-crm-payments-to-sales-receipts.json';
const LOOKUP = 'F5-invoice-lookup.json';
const WRITTEN = ['SalesReceipt', 'Payment', 'Invoice', 'Customer', 'Item'];

function payment(id: string, overrides: Row = {}): Row {
	return {
		eventType: 'payment.succeeded',
		payment: {
			id,
			source: 'payment_link',
			invoiceId: null,
			amount: 149.5,
			currency: 'USD',
			paidAt: '2026-11-20',
			contact: { name: "Élodie O'Connor", email: 'elodie@oconnor.example' },
			lineItems: [{ name: 'Starter kit — édition 2026', quantity: 2, unitPrice: 74.75 }],
			...overrides,
		},
	};
}

describe.each(e2eVersions())('F5 payments and lookup templates on n8n %s', (version) => {
	let env: TemplateEnv;
	let paymentsId: string;
	let paymentsHook: string;
	let lookupHook: string;
	let invoice: Row;

	beforeAll(async () => {
		env = await startTemplateEnv(version, 'us');
		// An invoice the invoice sync already wrote (its number is the CRM invoice id).
		invoice = env.qbo.emulator.accounting.create(env.realmId, 'Invoice', {
			CustomerRef: { value: '1' },
			DocNumber: 'INV-2001',
			Line: [{ DetailType: 'SalesItemLineDetail', Amount: 300, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 300 } }],
		}) as Row;
		const payments = readTemplate(PAYMENTS);
		const lookup = readTemplate(LOOKUP);
		paymentsHook = webhookPaths(payments)['Payment Webhook'];
		lookupHook = webhookPaths(lookup)['Invoice Lookup Webhook'];
		paymentsId = await importAndActivate(env.n8n, configureTemplate(payments, {}, env.credential));
		await importAndActivate(env.n8n, configureTemplate(lookup, {}, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
	}, 60_000);

	async function deliver(list: Row[], alreadyFinished: number): Promise<void> {
		for (let index = 0; index < list.length; index++) {
			expect(await postToWebhook(env.n8n, paymentsHook, list[index])).toBe(200);
			await waitForFinished(env.n8n, paymentsId, alreadyFinished + index + 1, 120_000);
		}
	}

	/** GET on the lookup webhook; retried while n8n has not registered it yet. */
	async function lookup(query: string): Promise<{ status: number; contentType: string; body: Buffer }> {
		for (let tries = 0; ; tries++) {
			const response = await fetch(`${env.n8n.url}/webhook/${lookupHook}?${query}`, { signal: AbortSignal.timeout(60_000) });
			const body = Buffer.from(await response.arrayBuffer());
			const unregistered = response.status === 404 && body.toString('utf8').includes('not registered');
			if (!unregistered || tries > 30) return { status: response.status, contentType: response.headers.get('content-type') ?? '', body };
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
	}

	it('never turns an invoice payment into a sales receipt, records every other payment once, and a replay writes nothing', async () => {
		const { qbo, realmId, n8n } = env;
		const events = [
			payment('PAY-9001', { source: 'invoice', invoiceId: 'INV-2001', amount: 100, contact: { name: "Amy's Bird Sanctuary", email: 'birds@intuit.example' } }),
			payment('PAY-9002'),
			payment('PAY-9003', { source: 'subscription', amount: 49, contact: { name: "Amy's Bird Sanctuary", email: 'birds@intuit.example' }, lineItems: [{ name: 'Monthly plan', quantity: 1, unitPrice: 49 }] }),
			payment('PAY-9004', { source: 'invoice', invoiceId: 'INV-2001', amount: 200 }),
		];
		await deliver(events, 0);
		const executions = await withData(n8n, await waitForFinished(n8n, paymentsId, events.length));
		expect(executions.map(outcome)).toEqual(events.map(() => 'success'));

		// Two sales receipts, for the two payments that did not come from an invoice.
		const receipts = rows(qbo, realmId, 'SELECT * FROM SalesReceipt');
		expect(receipts.map((receipt) => [receipt.DocNumber, receipt.CustomerRef.name, receipt.TotalAmt]).sort()).toEqual([
			['PAY-9002', "Élodie O'Connor", 149.5],
			['PAY-9003', "Amy's Bird Sanctuary", 49],
		]);
		expect(rows(qbo, realmId, "SELECT * FROM Customer WHERE DisplayName = 'Élodie O\\'Connor'")[0].PrimaryEmailAddr.Address).toBe('elodie@oconnor.example');
		// The invoice's two payments are recorded against it, once each; it is paid.
		const [paid] = rows(qbo, realmId, "SELECT * FROM Invoice WHERE DocNumber = 'INV-2001'");
		expect(paid.Balance).toBe(0);
		const onInvoice = rows(qbo, realmId, 'SELECT * FROM Payment').filter((record) =>
			record.Line.some((line: Row) => line.LinkedTxn.some((link: Row) => link.TxnType === 'Invoice' && link.TxnId === String(invoice.Id))),
		);
		expect(onInvoice.map((record) => [record.PaymentRefNum, record.TotalAmt]).sort()).toEqual([
			['PAY-9001', 100],
			['PAY-9004', 200],
		]);
		const reasons = executions.flatMap((execution) => nodeOutput(execution, 'Not a Sales Receipt (reason)')).map((item) => item.reason);
		expect(reasons).toEqual([expect.stringMatching(/PAY-9001 comes from invoice INV-2001/), expect.stringMatching(/PAY-9004 comes from invoice INV-2001/)]);

		// Replay every payment: nothing is written.
		const before = fingerprint(qbo, realmId, WRITTEN);
		await deliver(events, events.length);
		const replays = await withData(n8n, (await waitForFinished(n8n, paymentsId, 2 * events.length)).slice(events.length));
		expect(replays.map(outcome)).toEqual(events.map(() => 'success'));
		expect(fingerprint(qbo, realmId, WRITTEN)).toEqual(before);
		expect(replays.flatMap((execution) => nodeOutput(execution, 'Create Sales Receipt')).map((receipt) => receipt._action)).toEqual(['skipped', 'skipped']);
		expect(replays.flatMap((execution) => nodeOutput(execution, 'Record Payment on the Invoice')).map((record) => record._action)).toEqual(['skipped', 'skipped']);
	}, 420_000);

	it('answers the CRM with the invoice and its payments, its PDF, or a 404 for an unknown number', async () => {
		const answer = await lookup('invoiceId=INV-2001');
		expect(answer.status).toBe(200);
		const body = JSON.parse(answer.body.toString('utf8')) as Row;
		expect(body.invoice).toMatchObject({ number: 'INV-2001', quickbooksId: String(invoice.Id), customer: "Amy's Bird Sanctuary", total: 300, balance: 0, status: 'paid' });
		expect(body.payments.map((entry: Row) => [entry.reference, entry.applied]).sort()).toEqual([
			['PAY-9001', 100],
			['PAY-9004', 200],
		]);

		const pdf = await lookup('invoiceId=INV-2001&format=pdf');
		expect(pdf.status).toBe(200);
		expect(pdf.contentType).toMatch(/application\/pdf/);
		expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

		const missing = await lookup('invoiceId=INV-404');
		expect(missing.status).toBe(404);
		expect(JSON.parse(missing.body.toString('utf8'))).toEqual({ error: 'No QuickBooks invoice has the number INV-404' });
	}, 180_000);
});
