/**
 * The query endpoint answers as QuickBooks does (issue 21). Each test names where QuickBooks' behaviour
 * is known from: Intuit's API reference, or recorded real answers in public repositories.
 */
import { createInvoice, newCustomer, startTestEmulator, type TestEmulator } from '../server/http-helpers';

let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());

const query = (text: string) => t.api('GET', `/query?query=${encodeURIComponent(text)}`);

describe('queries', () => {
	test('TotalAmt is filterable and sortable on Invoice, SalesReceipt and Estimate (Intuit API reference: "filterable, sortable")', async () => {
		const invoice = await createInvoice(t);
		const exact = await query(`select * from Invoice where TotalAmt = '${invoice.TotalAmt}' and Id = '${invoice.Id}'`);
		expect(exact.status).toBe(200);
		expect(exact.json.QueryResponse.Invoice.map((i: any) => i.Id)).toEqual([invoice.Id]);
		const above = await query(`select * from Invoice where TotalAmt > '0' orderby TotalAmt desc maxresults 1000`);
		expect(above.status).toBe(200);
		const totals = above.json.QueryResponse.Invoice.map((i: any) => i.TotalAmt);
		expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a));
		for (const entity of ['SalesReceipt', 'Estimate']) {
			const res = await query(`select * from ${entity} where TotalAmt >= '0' orderby TotalAmt`);
			expect(res.status).toBe(200);
		}
	});

	test('a projection returns only the properties asked for', async () => {
		const invoice = await createInvoice(t);
		const res = await query(`select Id, TotalAmt, MetaData.CreateTime from Invoice where Id = '${invoice.Id}'`);
		expect(res.status).toBe(200);
		const [row] = res.json.QueryResponse.Invoice;
		expect(row).toEqual({
			domain: 'QBO',
			sparse: true,
			Id: invoice.Id,
			TotalAmt: invoice.TotalAmt,
			MetaData: { CreateTime: invoice.MetaData.CreateTime },
		});
		// A property the entity does not have is still refused.
		const unknown = await query('select Id, NoSuchThing from Invoice');
		expect(unknown.status).toBe(400);
		expect(unknown.json.Fault.Error[0]).toMatchObject({ code: '4001', Detail: 'QueryValidationError: Property NoSuchThing not found for Entity Invoice' });
	});

	test("property names match without regard to case: `where id = '…'` (node-quickbooks' get-by-id) works", async () => {
		const byLower = await query("select * from Customer where id = '1'");
		expect(byLower.status).toBe(200);
		expect(byLower.json.QueryResponse.Customer.map((c: any) => c.Id)).toEqual(['1']);
		const mixed = await query("SELECT * FROM customer WHERE DISPLAYNAME LIKE 'Amy%' ORDERBY metadata.lastupdatedtime");
		expect(mixed.status).toBe(200);
		expect(mixed.json.QueryResponse.Customer[0].DisplayName).toMatch(/^Amy/);
		// Not filterable stays not filterable, named as QuickBooks spells the property.
		const notQueryable = await query("select * from Customer where customertyperef = '1'");
		expect(notQueryable.json.Fault.Error[0].Detail).toBe("QueryValidationError: property 'CustomerTypeRef' is not queryable");
	});

	test('name lists without ORDERBY come back sorted by name, not in creation order (recorded: qbo_api spec/vcr/all/vendors_by_5.yml)', async () => {
		const stamp = `${process.pid}${Date.now()}`;
		for (const name of [`Zulu ${stamp}`, `alpha ${stamp}`, `Mike ${stamp}`]) {
			expect((await t.api('POST', '/customer', { json: { DisplayName: name } })).status).toBe(200);
		}
		const res = await query(`select * from Customer where DisplayName like '%${stamp}'`);
		expect(res.json.QueryResponse.Customer.map((c: any) => c.DisplayName)).toEqual([`alpha ${stamp}`, `Mike ${stamp}`, `Zulu ${stamp}`]);
		const all = (await query('select * from Vendor maxresults 1000')).json.QueryResponse.Vendor.map((v: any) => v.DisplayName.toLowerCase());
		expect(all).toEqual([...all].sort());
	});

	test('malformed queries get the parser fault 4000 "Error parsing query" (recorded bodies: node-quickbooks#56, qbo_api#37)', async () => {
		for (const text of [
			'',
			'select',
			'select * from',
			'select * from Customer where',
			"select * from Customer where DisplayName = 'unterminated",
			"select * from Customer where Id = '1' or Id = '2'",
			'select * from Customer where Id in (1, 2)',
			'select Id, from Customer',
			'select * from Customer;',
			'select * from Customer maxresults',
		]) {
			const res = await query(text);
			expect({ text, status: res.status, code: res.json?.Fault?.Error?.[0]?.code, message: res.json?.Fault?.Error?.[0]?.Message }).toEqual({
				text,
				status: 400,
				code: '4000',
				message: 'Error parsing query',
			});
			expect(res.json.Fault.Error[0].Detail).toMatch(/^QueryParserError: /);
		}
	});
});

describe('requests', () => {
	test('an empty requestid= is treated as absent: the write happens, and twice means twice', async () => {
		const first = await t.api('POST', '/customer?requestid=', { json: newCustomer('Empty requestid') });
		expect(first.status).toBe(200);
		const second = await t.api('POST', '/customer?requestid=', { json: newCustomer('Empty requestid') });
		expect(second.status).toBe(200);
		expect(second.json.Customer.Id).not.toBe(first.json.Customer.Id);
	});

	test('a non-numeric id is 2030 Invalid ID, not "object not found" (Intuit error code list: 2030 Invalid ID)', async () => {
		for (const path of ['/customer/1.5', '/invoice/abc', '/invoice/-1/pdf']) {
			const res = await t.api('GET', path);
			expect(res.status).toBe(400);
			expect(res.json.Fault.Error[0]).toMatchObject({ code: '2030', Message: 'Invalid ID' });
		}
		const update = await t.api('POST', '/customer', { json: { Id: 'x1', SyncToken: '0', sparse: true, Notes: 'n' } });
		expect(update.json.Fault.Error[0].code).toBe('2030');
		// A well-formed id that does not exist is still 610.
		expect((await t.api('GET', '/customer/999999')).json.Fault.Error[0].code).toBe('610');
	});
});

describe('authentication', () => {
	test('an invalid or expired token gets Intuit\'s 401: lower-case fault envelope, AUTHENTICATION, 3200, WWW-Authenticate', async () => {
		const invalid = await t.api('GET', '/customer/1', { token: 'not-a-token' });
		expect(invalid.status).toBe(401);
		expect(invalid.headers['www-authenticate']).toBe('Bearer realm="Intuit", error="invalid_token"');
		expect(invalid.json.Fault).toBeUndefined();
		expect(invalid.json.fault.type).toBe('AUTHENTICATION');
		expect(invalid.json.fault.error[0]).toMatchObject({ code: '3200', message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401' });
		expect(typeof invalid.json.time).toBe('number');

		const expiring = await startTestEmulator({ limits: false });
		try {
			await expiring.admin('POST', 'clock/advance', { ms: 3601_000 });
			const expired = await expiring.api('GET', '/customer/1');
			expect(expired.status).toBe(401);
			expect(expired.json.fault.error[0].code).toBe('3200');
			expect(expired.json.fault.error[0].detail).toMatch(/^Token expired/);
		} finally {
			await expiring.emu.stop();
		}
	});
});
