import { createInvoice, faultCodes, newCustomer, request, startTestEmulator, type TestEmulator } from './http-helpers';

let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());

describe('QuickBooks-shaped routes and wrapping', () => {
	test('create, read, sparse update and query a customer, each wrapped as QuickBooks wraps it', async () => {
		const created = await t.api('POST', '/customer?minorversion=75', { json: newCustomer() });
		expect(created.status).toBe(200);
		expect(created.headers['content-type']).toMatch(/^application\/json/);
		expect(created.headers.intuit_tid).toMatch(/^[0-9a-f-]{36}$/);
		// QuickBooks writes `time` company-local with milliseconds and the offset.
		expect(created.json.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-07:00$/);
		const customer = created.json.Customer;
		expect(customer.Id).toBeTruthy();
		expect(customer.SyncToken).toBe('0');

		const read = await t.api('GET', `/customer/${customer.Id}?minorversion=75`);
		expect(read.status).toBe(200);
		expect(read.json.Customer.DisplayName).toBe(customer.DisplayName);

		const updated = await t.api('POST', '/customer', {
			json: { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: 'updated over HTTP' },
		});
		expect(updated.status).toBe(200);
		expect(updated.json.Customer.SyncToken).toBe('1');
		expect(updated.json.Customer.Notes).toBe('updated over HTTP');

		const query = `select * from Customer where DisplayName = '${customer.DisplayName}'`;
		const byGet = await t.api('GET', `/query?query=${encodeURIComponent(query)}&minorversion=75`);
		expect(byGet.status).toBe(200);
		expect(byGet.json.QueryResponse.Customer).toHaveLength(1);
		expect(byGet.json.QueryResponse.Customer[0].Id).toBe(customer.Id);

		const byPost = await t.api('POST', '/query', { body: query, headers: { 'Content-Type': 'application/text' } });
		expect(byPost.status).toBe(200);
		expect(byPost.json.QueryResponse.Customer[0].Id).toBe(customer.Id);
	});

	test('a stale SyncToken is the accounting layer\'s 5010, passed through with its status', async () => {
		const created = (await t.api('POST', '/customer', { json: newCustomer() })).json.Customer;
		const stale = await t.api('POST', '/customer?operation=update', { json: { Id: created.Id, SyncToken: '7', sparse: true, Notes: 'x' } });
		expect(stale.status).toBe(400);
		expect(faultCodes(stale.json)).toEqual(['5010']);
		expect(stale.json.Fault.type).toBe('ValidationFault');
	});

	test('companyinfo and preferences are served', async () => {
		const info = await t.api('GET', `/companyinfo/${t.emu.realms.us}`);
		expect(info.status).toBe(200);
		expect(info.json.CompanyInfo).toBeDefined();
		const prefs = await t.api('GET', '/preferences');
		expect(prefs.status).toBe(200);
		expect(prefs.json.Preferences).toBeDefined();
	});

	test('invoice: create, send, pdf, void and delete through the URL forms QuickBooks uses', async () => {
		const invoice = await createInvoice(t);
		const sent = await t.api('POST', `/invoice/${invoice.Id}/send?sendTo=${encodeURIComponent('billing@example.com')}`, {
			headers: { 'Content-Type': 'application/octet-stream' },
		});
		expect(sent.status).toBe(200);
		expect(sent.json.Invoice.EmailStatus).toBe('EmailSent');

		const pdf = await t.api('GET', `/invoice/${invoice.Id}/pdf`, { headers: { Accept: 'application/pdf' } });
		expect(pdf.status).toBe(200);
		expect(pdf.headers['content-type']).toBe('application/pdf');
		expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');

		const current = (await t.api('GET', `/invoice/${invoice.Id}`)).json.Invoice;
		const voided = await t.api('POST', '/invoice?operation=void', { json: { Id: current.Id, SyncToken: current.SyncToken } });
		expect(voided.status).toBe(200);
		expect(voided.json.Invoice).toBeDefined();

		const latest = (await t.api('GET', `/invoice/${invoice.Id}`)).json.Invoice;
		const deleted = await t.api('POST', '/invoice?operation=delete', { json: { Id: latest.Id, SyncToken: latest.SyncToken } });
		expect(deleted.status).toBe(200);
		expect(deleted.json.Invoice).toMatchObject({ status: 'Deleted', Id: invoice.Id });
	});
});

describe('faults at the HTTP layer', () => {
	test('no token → 401 AuthenticationFault 3200; another company\'s token → 403', async () => {
		const none = await t.api('GET', '/customer/1', { token: null });
		expect(none.status).toBe(401);
		expect(faultCodes(none.json)).toEqual(['3200']);
		const otherRealm = await t.api('GET', '/customer/1', { token: t.caToken });
		expect(otherRealm.status).toBe(403);
	});

	test('an unknown realm is refused with 403 3100', async () => {
		const res = await t.api('GET', '/customer/1', { realmId: '123456789' });
		expect(res.status).toBe(403);
		expect(res.json.Fault.Error[0].code).toBe('3100');
	});

	test('unknown entity paths and methods get "Unsupported Operation"', async () => {
		for (const [method, path] of [['GET', '/nosuchthing/1'], ['POST', '/nosuchthing'], ['GET', '/customer'], ['DELETE', '/customer/1'], ['GET', '/customer/1/2/3']]) {
			const res = await t.api(method, path);
			expect(res.status).toBe(400);
			expect(res.json.Fault.Error[0].Message).toBe('Unsupported Operation');
		}
		const offApi = await request(`${t.emu.url}/v2/nothing`);
		expect(offApi.status).toBe(404);
	});

	test('minorversion: missing or old is accepted as 75, a non-number is refused', async () => {
		expect((await t.api('GET', '/customer/1')).status).not.toBe(400);
		expect((await t.api('GET', `/companyinfo/${t.emu.realms.us}?minorversion=4`)).status).toBe(200);
		const bad = await t.api('GET', `/companyinfo/${t.emu.realms.us}?minorversion=abc`);
		expect(bad.status).toBe(400);
		expect(faultCodes(bad.json)).toEqual(['2010']);
	});

	test('malformed JSON, a JSON array and a wrong Content-Type are refused QuickBooks-style', async () => {
		const malformed = await t.api('POST', '/customer', { body: '{"DisplayName": ', headers: { 'Content-Type': 'application/json' } });
		expect(malformed.status).toBe(400);
		expect(malformed.json.Fault.Error[0]).toMatchObject({ code: '2010', Message: 'Request has invalid or unsupported property' });
		const array = await t.api('POST', '/customer', { body: '[1,2]', headers: { 'Content-Type': 'application/json' } });
		expect(faultCodes(array.json)).toEqual(['2010']);
		const xmlBody = await t.api('POST', '/customer', { body: '<Customer/>', headers: { 'Content-Type': 'application/xml' } });
		expect(xmlBody.status).toBe(415);
		const queryAsJson = await t.api('POST', '/query', { body: 'select * from Customer', headers: { 'Content-Type': 'application/json' } });
		expect(queryAsJson.status).toBe(415);
	});

	test('a query with no text and a write with no body are refused, not crashed on', async () => {
		const noQuery = await t.api('GET', '/query');
		expect(noQuery.status).toBe(400);
		expect(faultCodes(noQuery.json)).toEqual(['4000']);
		const noBody = await t.api('POST', '/customer', { body: '', headers: { 'Content-Type': 'application/json' } });
		expect(faultCodes(noBody.json)).toEqual(['2010']);
	});

	test('a client that only accepts XML gets 406', async () => {
		const res = await t.api('GET', `/companyinfo/${t.emu.realms.us}`, { headers: { Accept: 'application/xml' } });
		expect(res.status).toBe(406);
		expect(res.json.Fault).toBeDefined();
	});

	test('a body over the size limit gets 413 and the server keeps serving', async () => {
		const big = Buffer.alloc(t.emu.settings.maxBodyBytes + 1, 'a');
		const res = await t.api('POST', '/customer', { body: big, headers: { 'Content-Type': 'application/json' } });
		expect(res.status).toBe(413);
		expect(res.json.Fault).toBeDefined();
		expect((await t.api('GET', `/companyinfo/${t.emu.realms.us}`)).status).toBe(200);
	});

	test('an unexpected exception becomes 500 SystemFault 10000 and the next request is served', async () => {
		const original = t.emu.accounting.read;
		t.emu.accounting.read = () => {
			throw new Error('boom');
		};
		try {
			const res = await t.api('GET', '/customer/1');
			expect(res.status).toBe(500);
			expect(res.json.Fault).toMatchObject({ type: 'SystemFault' });
			expect(faultCodes(res.json)).toEqual(['10000']);
		} finally {
			t.emu.accounting.read = original;
		}
		expect((await t.api('GET', `/companyinfo/${t.emu.realms.us}`)).status).toBe(200);
	});
});
