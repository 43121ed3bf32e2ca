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

	test('refreshAccessToken through the emulator\'s token endpoint, then the new token works', async () => {
		const refreshed = await call(qbo, 'refreshAccessToken');
		expect(refreshed.access_token).toBeTruthy();
		expect(qbo.token).toBe(refreshed.access_token);
		const info = await call(qbo, 'getCompanyInfo', t.emu.realms.us);
		expect(info.Id ?? info.CompanyName).toBeTruthy();
	});
});
