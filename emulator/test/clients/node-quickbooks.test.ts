/**
 * An unmodified, widely used npm client (node-quickbooks) against the emulator. It is pointed at the
 * emulator only through its own settable static fields (V3_ENDPOINT_BASE_URL, TOKEN_URL, REVOKE_URL),
 * exactly as its users point it at Intuit's sandbox or production.
 */
import { startTestEmulator, type TestEmulator } from '../server/http-helpers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const QuickBooks = require('node-quickbooks');

type Callback = (error: unknown, body: any) => void;

/** Calls a node-quickbooks method and resolves with its body (rejects with the Fault body). */
function call<T = any>(qbo: any, method: string, ...args: unknown[]): Promise<T> {
	return new Promise((resolve, reject) => {
		const callback: Callback = (error, body) => (error ? reject(error) : resolve(body));
		qbo[method](...args, callback);
	});
}

let t: TestEmulator;
let qbo: any;
let refreshToken: string;

beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
	QuickBooks.V3_ENDPOINT_BASE_URL = `${t.emu.url}/v3/company/`;
	QuickBooks.TOKEN_URL = `${t.emu.url}/oauth2/v1/tokens/bearer`;
	QuickBooks.REVOKE_URL = `${t.emu.url}/v2/oauth2/tokens/revoke`;
	const tokens = t.emu.issueTokens(t.emu.realms.us);
	refreshToken = tokens.refresh_token;
	qbo = new QuickBooks(
		t.emu.demoClient.clientId,
		t.emu.demoClient.clientSecret,
		tokens.access_token,
		false, // no OAuth 1 token secret
		t.emu.realms.us,
		true, // "sandbox": use V3_ENDPOINT_BASE_URL as it is
		false, // debug
		75, // minorversion
		'2.0',
		refreshToken,
	);
});
afterAll(() => t.emu.stop());

const unique = () => `NQB ${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

describe('node-quickbooks, unmodified, against the emulator', () => {
	test('create, read, update a customer', async () => {
		const name = unique();
		const created = await call(qbo, 'createCustomer', { DisplayName: name, PrimaryEmailAddr: { Address: 'nqb@example.com' } });
		expect(created.DisplayName).toBe(name);
		const read = await call(qbo, 'getCustomer', created.Id);
		expect(read.Id).toBe(created.Id);
		const updated = await call(qbo, 'updateCustomer', { Id: read.Id, SyncToken: read.SyncToken, Notes: 'from node-quickbooks' });
		expect(updated.Notes).toBe('from node-quickbooks');
		expect(Number(updated.SyncToken)).toBe(Number(read.SyncToken) + 1);
	});

	test('findCustomers with criteria (object and array forms)', async () => {
		const name = unique();
		const created = await call(qbo, 'createCustomer', { DisplayName: name });
		const byObject = await call(qbo, 'findCustomers', { DisplayName: name });
		expect(byObject.QueryResponse.Customer.map((c: any) => c.Id)).toEqual([created.Id]);
		const byArray = await call(qbo, 'findCustomers', [{ field: 'DisplayName', value: name, operator: '=' }]);
		expect(byArray.QueryResponse.Customer[0].Id).toBe(created.Id);
		const like = await call(qbo, 'findCustomers', [{ field: 'DisplayName', value: `${name.slice(0, 10)}%`, operator: 'LIKE' }]);
		expect(like.QueryResponse.Customer.length).toBeGreaterThanOrEqual(1);
	});

	test('a QuickBooks fault reaches the client as its error', async () => {
		const name = unique();
		await call(qbo, 'createCustomer', { DisplayName: name });
		// On a 4xx node-quickbooks hands over axios' error, with QuickBooks' Fault as its response data.
		const error: any = await call(qbo, 'createCustomer', { DisplayName: name }).catch((e) => e);
		expect(error.response.status).toBe(400);
		expect(error.response.data.Fault.Error[0].code).toBe('6240');
	});

	test('batch', async () => {
		const name = unique();
		const result = await call(qbo, 'batch', [
			{ bId: '1', operation: 'create', Customer: { DisplayName: name } },
			{ bId: '2', Query: `select * from Customer where DisplayName = '${name}'` },
		]);
		expect(result.BatchItemResponse[0].Customer.DisplayName).toBe(name);
		expect(result.BatchItemResponse[1].bId).toBe('2');
	});

	test('changeDataCapture', async () => {
		const since = new Date(Date.now() - 60_000);
		const created = await call(qbo, 'createCustomer', { DisplayName: unique() });
		const changes = await call(qbo, 'changeDataCapture', ['Customer'], since);
		const customers = changes.CDCResponse[0].QueryResponse[0].Customer;
		expect(customers.map((c: any) => c.Id)).toContain(created.Id);
	});

	test('items: create, read, update, find with sort and limit, count', async () => {
		const accounts = await call(qbo, 'findAccounts', { AccountType: 'Income' });
		const income = accounts.QueryResponse.Account[0];
		const name = unique();
		const item = await call(qbo, 'createItem', { Name: name, Type: 'Service', IncomeAccountRef: { value: income.Id }, UnitPrice: 12.5 });
		expect(item).toMatchObject({ Name: name, Type: 'Service', UnitPrice: 12.5, Active: true });
		expect((await call(qbo, 'getItem', item.Id)).Name).toBe(name);
		const updated = await call(qbo, 'updateItem', { Id: item.Id, SyncToken: item.SyncToken, UnitPrice: 15 });
		expect(updated.UnitPrice).toBe(15);
		const sorted = await call(qbo, 'findItems', [{ field: 'Type', value: 'Service' }, { field: 'desc', value: 'Name' }, { field: 'limit', value: 5 }]);
		const names = sorted.QueryResponse.Item.map((i: any) => i.Name.toLowerCase());
		expect(names.length).toBeLessThanOrEqual(5);
		expect(names).toEqual([...names].sort().reverse());
		const counted = await call(qbo, 'findItems', { count: true });
		expect(counted.QueryResponse.totalCount).toBeGreaterThan(0);
	});

	test('invoices: create, read, update, send, PDF, void, delete', async () => {
		const customer = await call(qbo, 'createCustomer', { DisplayName: unique(), PrimaryEmailAddr: { Address: 'nqb-invoice@example.com' } });
		const item = (await call(qbo, 'findItems', { Type: 'Service', limit: 1 })).QueryResponse.Item[0];
		const line = (amount: number) => ({ Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } });
		const invoice = await call(qbo, 'createInvoice', { CustomerRef: { value: customer.Id }, Line: [line(100)] });
		expect(invoice).toMatchObject({ TotalAmt: 100, Balance: 100, CustomerRef: { value: customer.Id } });
		expect((await call(qbo, 'getInvoice', invoice.Id)).Id).toBe(invoice.Id);
		const updated = await call(qbo, 'updateInvoice', { Id: invoice.Id, SyncToken: invoice.SyncToken, CustomerMemo: { value: 'Thanks' } });
		expect(updated.CustomerMemo.value).toBe('Thanks');
		const found = await call(qbo, 'findInvoices', [{ field: 'CustomerRef', value: customer.Id }, { field: 'TotalAmt', value: '50', operator: '>' }]);
		expect(found.QueryResponse.Invoice.map((i: any) => i.Id)).toEqual([invoice.Id]);

		const sent = await call(qbo, 'sendInvoicePdf', invoice.Id, 'someone@example.com');
		expect(sent).toMatchObject({ EmailStatus: 'EmailSent', BillEmail: { Address: 'someone@example.com' } });
		const pdf: Buffer = await call(qbo, 'getInvoicePdf', invoice.Id);
		expect(Buffer.from(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');

		const voided = await call(qbo, 'voidInvoice', invoice.Id);
		expect(voided.Invoice).toMatchObject({ TotalAmt: 0, Balance: 0 });
		const second = await call(qbo, 'createInvoice', { CustomerRef: { value: customer.Id }, Line: [line(5)] });
		const deleted = await call(qbo, 'deleteInvoice', second.Id);
		expect(deleted.Invoice).toMatchObject({ status: 'Deleted', Id: second.Id });
		const gone: any = await call(qbo, 'getInvoice', second.Id).catch((e) => e);
		expect(gone.response.data.Fault.Error[0].code).toBe('610');
	});

	test('payments: create against an invoice, read, void through update, delete', async () => {
		const customer = await call(qbo, 'createCustomer', { DisplayName: unique() });
		const item = (await call(qbo, 'findItems', { Type: 'Service', limit: 1 })).QueryResponse.Item[0];
		const invoice = await call(qbo, 'createInvoice', {
			CustomerRef: { value: customer.Id },
			Line: [{ Amount: 80, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 2, UnitPrice: 40 } }],
		});
		const payment = await call(qbo, 'createPayment', {
			CustomerRef: { value: customer.Id },
			TotalAmt: 30,
			Line: [{ Amount: 30, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
		});
		expect(payment.TotalAmt).toBe(30);
		expect((await call(qbo, 'getInvoice', invoice.Id)).Balance).toBe(50);
		expect((await call(qbo, 'getPayment', payment.Id)).Id).toBe(payment.Id);
		const voided = await call(qbo, 'voidPayment', { Id: payment.Id, SyncToken: payment.SyncToken });
		expect(voided.TotalAmt).toBe(0);
		expect((await call(qbo, 'getInvoice', invoice.Id)).Balance).toBe(80);
		const another = await call(qbo, 'createPayment', { CustomerRef: { value: customer.Id }, TotalAmt: 10, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] });
		const deleted = await call(qbo, 'deletePayment', another);
		expect(deleted.Payment.status).toBe('Deleted');
	});

	test('sales receipts and estimates: create, PDF, send', async () => {
		const item = (await call(qbo, 'findItems', { Type: 'Service', limit: 1 })).QueryResponse.Item[0];
		const customer = await call(qbo, 'createCustomer', { DisplayName: unique(), PrimaryEmailAddr: { Address: 'nqb-docs@example.com' } });
		const line = { Amount: 20, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: 20 } };
		const receipt = await call(qbo, 'createSalesReceipt', { CustomerRef: { value: customer.Id }, Line: [line] });
		expect((await call(qbo, 'sendSalesReceiptPdf', receipt.Id)).EmailStatus).toBe('EmailSent');
		expect(Buffer.from(await call(qbo, 'getSalesReceiptPdf', receipt.Id)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const estimate = await call(qbo, 'createEstimate', { CustomerRef: { value: customer.Id }, Line: [line] });
		expect(estimate.TxnStatus).toBe('Pending');
		expect((await call(qbo, 'sendEstimatePdf', estimate.Id, 'est@example.com')).EmailStatus).toBe('EmailSent');
		expect(Buffer.from(await call(qbo, 'getEstimatePdf', estimate.Id)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});

	test('queries node-quickbooks builds: get-by-id with a lower-case property, fetchAll paging, IN lists', async () => {
		const created = await call(qbo, 'createCustomer', { DisplayName: unique() });
		const byId = await call(qbo, 'findCustomers', [{ field: 'id', value: created.Id, operator: '=' }]);
		expect(byId.QueryResponse.Customer.map((c: any) => c.Id)).toEqual([created.Id]);
		const all = await call(qbo, 'findCustomers', { fetchAll: true, limit: 2 });
		const ids = all.QueryResponse.Customer.map((c: any) => c.Id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toContain(created.Id);
		const listed = await call(qbo, 'findCustomers', [{ field: 'Id', value: ['1', created.Id], operator: 'IN' }]);
		expect(listed.QueryResponse.Customer.map((c: any) => c.Id).sort()).toEqual(['1', created.Id].sort());
	});

	test('preferences: read, then a sparse update with the SyncToken', async () => {
		const prefs = await call(qbo, 'getPreferences');
		const updated = await call(qbo, 'updatePreferences', { Id: prefs.Id, SyncToken: prefs.SyncToken, EmailMessagesPrefs: { InvoiceMessage: { Subject: 'From node-quickbooks' } } });
		expect(updated.EmailMessagesPrefs.InvoiceMessage.Subject).toBe('From node-quickbooks');
		expect(updated.EmailMessagesPrefs.InvoiceMessage.Message).toBe(prefs.EmailMessagesPrefs.InvoiceMessage.Message);
		expect(Number(updated.SyncToken)).toBe(Number(prefs.SyncToken) + 1);
	});

	test('an invalid token reaches the client as Intuit\'s 401', async () => {
		const stranger = new QuickBooks(t.emu.demoClient.clientId, t.emu.demoClient.clientSecret, 'not-a-token', false, t.emu.realms.us, true, false, 75, '2.0');
		const error: any = await call(stranger, 'getCustomer', '1').catch((e) => e);
		expect(error.response.status).toBe(401);
		expect(error.response.headers['www-authenticate']).toBe('Bearer realm="Intuit", error="invalid_token"');
		expect(error.response.data.fault.error[0].code).toBe('3200');
	});

	test('refreshAccessToken through the emulator\'s token endpoint, then the new token works', async () => {
		const refreshed = await call(qbo, 'refreshAccessToken');
		expect(refreshed.access_token).toBeTruthy();
		expect(qbo.token).toBe(refreshed.access_token);
		const info = await call(qbo, 'getCompanyInfo', t.emu.realms.us);
		expect(info.Id ?? info.CompanyName).toBeTruthy();
	});
});
