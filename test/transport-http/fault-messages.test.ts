import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { qboQueryAll, qboRequest, type QboRequestOptions } from '../../nodes/shared/transport';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { useFastRetries } from '../support/fast-retries';
import { createTransportContext } from '../support/n8n-context';

useFastRetries();
let qbo: TestEmulator;
let us: IExecuteFunctions;
let ca: IExecuteFunctions;
const ids: Record<string, string> = {};

beforeAll(async () => {
	qbo = await startEmulatorForTests();
	us = createTransportContext({ credentials: qbo.credentials(qbo.realms.us) }).context;
	ca = createTransportContext({ credentials: qbo.credentials(qbo.realms.ca) }).context;
	const { accounting } = qbo.emulator;
	ids.customer = String(accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Fault Tester' }).Id);
	ids.inactive = String(accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Gone Away', Active: false }).Id);
	ids.item = String(accounting.create(qbo.realms.us, 'Item', { Name: 'Fault Service', Type: 'Service', IncomeAccountRef: { value: '1' } }).Id);
	ids.caCustomer = String(accounting.create(qbo.realms.ca, 'Customer', { DisplayName: 'Toronto Buyer' }).Id);
	ids.caItem = String(accounting.create(qbo.realms.ca, 'Item', { Name: 'CA Service', Type: 'Service', IncomeAccountRef: { value: '1' } }).Id);
	accounting.create(qbo.realms.us, 'Invoice', {
		DocNumber: 'DUP-1',
		CustomerRef: { value: ids.customer },
		Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: ids.item }, Qty: 1, UnitPrice: 10 } }],
	});
});
afterAll(async () => await qbo?.stop());

const line = (item: string) => ({ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item }, Qty: 1, UnitPrice: 10 } });

async function failureOf(context: IExecuteFunctions, request: QboRequestOptions | (() => Promise<unknown>)): Promise<NodeApiError> {
	const run = typeof request === 'function' ? request : async () => await qboRequest.call(context, request);
	const error = await run().then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	return error as NodeApiError;
}

/** The message a person reads: n8n shows message, then description. */
const shown = (error: NodeApiError) => `${error.message}\n${error.description ?? ''}`;

describe('QuickBooks faults read by a person', () => {
	it('6240: names the name, says names are shared by customers, vendors and employees, suggests a suffix', async () => {
		const error = await failureOf(us, { method: 'POST', path: '/customer', body: { DisplayName: 'Fault Tester' }, itemIndex: 3, itemLabel: 'Fault Tester' });
		expect(error.message).toBe('QuickBooks error 6240: Duplicate Name Exists Error (item 3 "Fault Tester")');
		expect(error.httpCode).toBe('6240');
		expect(error.context.itemIndex).toBe(3);
		expect(shown(error)).toMatch(/customers, vendors AND employees/);
		expect(shown(error)).toContain(`(Id ${ids.customer})`);
		expect(shown(error)).toMatch(/suffix such as "Fault Tester \(Customer\)"/);
	});

	it('5010: stale SyncToken says to read again and retry', async () => {
		const error = await failureOf(us, { method: 'POST', path: '/customer', body: { Id: ids.customer, SyncToken: '42', sparse: true, Notes: 'n' } });
		expect(error.httpCode).toBe('5010');
		expect(shown(error)).toMatch(/Stale Object Error/);
		expect(shown(error)).toMatch(/Read it again to get the current SyncToken/);
	});

	it('6000 (Canada): a line without a tax code says to set one on every line', async () => {
		const error = await failureOf(ca, { method: 'POST', path: '/invoice', body: { CustomerRef: { value: ids.caCustomer }, Line: [line(ids.caItem)] } });
		expect(error.httpCode).toBe('6000');
		expect(shown(error)).toMatch(/GST\/HST|tax/i);
		expect(shown(error)).toMatch(/set a Tax Code on every line/);
	});

	it('610: an inactive reference says to check or reactivate it', async () => {
		const error = await failureOf(us, { method: 'POST', path: '/invoice', body: { CustomerRef: { value: ids.inactive }, Line: [line(ids.item)] } });
		expect(error.httpCode).toBe('610');
		expect(shown(error)).toMatch(/does not exist or is inactive/);
		expect(shown(error)).toMatch(/field: CustomerRef/);
	});

	it('2500: an unknown reference id says so', async () => {
		const error = await failureOf(us, { method: 'POST', path: '/invoice', body: { CustomerRef: { value: '987654' }, Line: [line(ids.item)] } });
		expect(error.httpCode).toBe('2500');
		expect(shown(error)).toMatch(/987654/);
		expect(shown(error)).toMatch(/points to an Id that does not exist/);
	});

	it('6140: a duplicate DocNumber says what to do', async () => {
		const error = await failureOf(us, { method: 'POST', path: '/invoice', body: { DocNumber: 'DUP-1', CustomerRef: { value: ids.customer }, Line: [line(ids.item)] } });
		expect(error.httpCode).toBe('6140');
		expect(shown(error)).toMatch(/DocNumber=DUP-1/);
		expect(shown(error)).toMatch(/already uses this document number/);
	});

	it('4000: a query QuickBooks cannot parse', async () => {
		const error = await failureOf(us, async () => await qboQueryAll.call(us, 'SELECT * FROM Customer WHERE DisplayName = '));
		expect(error.httpCode).toBe('4000');
		expect(shown(error)).toMatch(/could not read the query/);
	});

	it('3200: a token QuickBooks rejects (and cannot be renewed) says to reconnect', async () => {
		const credentials = qbo.credentials();
		const context = createTransportContext({
			credentials: { ...credentials, oauthTokenData: { ...credentials.oauthTokenData, access_token: 'not-a-token', refresh_token: 'not-a-refresh-token' } },
		}).context;
		const error = await failureOf(context, { method: 'GET', path: `/customer/${ids.customer}` });
		expect(shown(error)).toMatch(/reconnect it/);
	});

	it('3001: still throttled after the retries says to run again later', async () => {
		await qbo.admin('faults', { count: 10, mode: 'fail', status: 429, match: { pathIncludes: '/item/' } });
		const error = await failureOf(us, { method: 'GET', path: `/item/${ids.item}`, retry: { maxAttempts: 3 } });
		expect(error.httpCode).toBe('3001');
		expect(shown(error)).toMatch(/throttled.*retries ran out/s);
		expect(error.context.attempts).toBe(3);
		await fetch(`${qbo.url}/__admin/faults`, { method: 'DELETE' });
	});

	it('a Fault inside a 200 answer is an error too', async () => {
		// QuickBooks can answer 200 with a Fault body; a tiny loopback server plays that answer.
		const server = createServer((_req, res) => {
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ Fault: { Error: [{ Message: 'A business validation error has occurred while processing your request', Detail: 'Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.', code: '6000' }], type: 'ValidationFault' }, time: '2026-01-01T00:00:00Z' }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
			const context = createTransportContext({ credentials: { ...qbo.credentials(), customApiBaseUrl: base } }).context;
			const error = await failureOf(context, { method: 'POST', path: '/invoice', body: { Line: [] }, itemIndex: 1 });
			expect(error.message).toBe('QuickBooks error 6000: A business validation error has occurred while processing your request (item 1)');
			expect(error.context.httpStatus).toBe(200);
			expect(shown(error)).toMatch(/set a Tax Code on every line/);
		} finally {
			await new Promise((resolve) => server.close(resolve));
		}
	});
});
