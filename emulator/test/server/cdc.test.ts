import { createInvoice, faultCodes, newCustomer, startTestEmulator, type TestEmulator } from './http-helpers';

jest.setTimeout(60_000);

let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());

const DAY = 24 * 60 * 60 * 1000;

function cdc(entities: string | undefined, since: string | undefined) {
	const params = new URLSearchParams();
	if (entities !== undefined) params.set('entities', entities);
	if (since !== undefined) params.set('changedSince', since);
	return t.api('GET', `/cdc?${params}&minorversion=75`);
}

describe('GET /cdc', () => {
	test('entities and changedSince are required; unknown entities are refused', async () => {
		const since = new Date(t.emu.clock.now() - DAY).toISOString();
		const noEntities = await cdc(undefined, since);
		expect(noEntities.status).toBe(400);
		expect(noEntities.json.Fault.Error[0]).toMatchObject({ code: '10000', Detail: 'entities is required' });
		const unknown = await cdc('Customer,Widget', since);
		expect(faultCodes(unknown.json)).toEqual(['10000']);
		expect(unknown.json.Fault.Error[0].Detail).toMatch(/^Invalid entity supplied/);
		const noSince = await cdc('Customer', undefined);
		expect(faultCodes(noSince.json)).toEqual(['10000']);
		const garbage = await cdc('Customer', 'yesterday');
		expect(faultCodes(garbage.json)).toEqual(['10000']);
	});

	test('changed and deleted objects, one QueryResponse per entity asked for', async () => {
		const since = new Date(t.emu.clock.now() - 1000).toISOString();
		const customer = (await t.api('POST', '/customer', { json: newCustomer('CDC') })).json.Customer;
		const invoice = await createInvoice(t);
		await t.api('POST', '/invoice?operation=delete', { json: { Id: invoice.Id, SyncToken: invoice.SyncToken } });
		const res = await cdc('Customer,Invoice,Estimate', since);
		expect(res.status).toBe(200);
		const [customers, invoices, estimates] = res.json.CDCResponse[0].QueryResponse;
		expect(customers.Customer.map((c: any) => c.Id)).toContain(customer.Id);
		expect(customers.startPosition).toBe(1);
		expect(customers.maxResults).toBe(customers.Customer.length);
		const deleted = invoices.Invoice.find((i: any) => i.Id === invoice.Id);
		expect(deleted).toMatchObject({ domain: 'QBO', status: 'Deleted', Id: invoice.Id });
		expect(deleted.MetaData.LastUpdatedTime).toBeDefined();
		expect(estimates).toEqual({});
	});

	test('at most 30 days back', async () => {
		const now = t.emu.clock.now();
		expect((await cdc('Customer', new Date(now - 29 * DAY).toISOString())).status).toBe(200);
		const old = await cdc('Customer', new Date(now - 31 * DAY).toISOString());
		expect(old.status).toBe(400);
		expect(old.json.Fault.Error[0].Detail).toMatch(/older than 30 days/);
	});

	test('the 30-day window moves with the emulated clock', async () => {
		const fresh = await startTestEmulator({ limits: false });
		try {
			const since = new Date(fresh.emu.clock.now() - 1000).toISOString();
			await fresh.admin('POST', 'clock/advance', { ms: 31 * DAY });
			const res = await fresh.api('GET', `/cdc?entities=Customer&changedSince=${encodeURIComponent(since)}`, { token: fresh.emu.issueTokens(fresh.emu.realms.us).access_token });
			expect(res.status).toBe(400);
			expect(faultCodes(res.json)).toEqual(['10000']);
		} finally {
			await fresh.emu.stop();
		}
	});

	test('at most 1000 objects per answer: the oldest changes over all entities are kept', async () => {
		const since = new Date(t.emu.clock.now() - 1000).toISOString();
		const invoice = await createInvoice(t);
		// Second-precision LastUpdatedTime: make sure the customers below are newer than the invoice.
		await t.admin('POST', 'clock/advance', { ms: 2_000 });
		const names: string[] = [];
		for (let batch = 0; batch < 34; batch++) {
			const items = Array.from({ length: 30 }, (_, i) => {
				const customer = newCustomer(`CDC bulk ${batch}`);
				names.push(customer.DisplayName);
				return { bId: String(i), operation: 'create', Customer: customer };
			});
			const res = await t.api('POST', '/batch', { json: { BatchItemRequest: items } });
			expect(res.json.BatchItemResponse.every((item: any) => item.Customer)).toBe(true);
		}
		const res = await cdc('Customer,Invoice', since);
		const [customers, invoices] = res.json.CDCResponse[0].QueryResponse;
		const total = (customers.Customer?.length ?? 0) + (invoices.Invoice?.length ?? 0);
		expect(total).toBe(1000);
		expect(customers.maxResults).toBe(customers.Customer.length);
		expect(invoices.Invoice.map((i: any) => i.Id)).toContain(invoice.Id);
		const returned = new Set(customers.Customer.map((c: any) => c.DisplayName));
		expect(returned.has(names[0])).toBe(true);
		expect(returned.has(names[names.length - 1])).toBe(false);
	});
});
