import { createInvoice, faultCodes, newCustomer, startTestEmulator, type TestEmulator } from './http-helpers';

let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());

describe('POST /batch', () => {
	test('mixed items: each answers under its bId, a failing item does not fail the others', async () => {
		const fresh = newCustomer('Batch');
		const taken = newCustomer('Batch taken');
		await t.api('POST', '/customer', { json: taken });
		const invoice = await createInvoice(t);
		const res = await t.api('POST', '/batch?minorversion=75', {
			json: {
				BatchItemRequest: [
					{ bId: 'c1', operation: 'create', Customer: fresh },
					{ bId: 'c2', operation: 'create', Customer: taken },
					{ bId: 'q1', Query: `select * from Customer where DisplayName = '${fresh.DisplayName}'` },
					{ bId: 'q2', Query: 'select * from' },
					{ bId: 'd1', operation: 'delete', Invoice: { Id: invoice.Id, SyncToken: invoice.SyncToken } },
					{ bId: 'x1', operation: 'frobnicate', Customer: newCustomer() },
				],
			},
		});
		expect(res.status).toBe(200);
		const byId = Object.fromEntries(res.json.BatchItemResponse.map((item: any) => [item.bId, item]));
		expect(res.json.BatchItemResponse.map((item: any) => item.bId)).toEqual(['c1', 'c2', 'q1', 'q2', 'd1', 'x1']);
		expect(byId.c1.Customer.DisplayName).toBe(fresh.DisplayName);
		expect(faultCodes(byId.c2)).toEqual(['6240']);
		// Items run one after another: the query sees nothing of c1? QuickBooks says items cannot rely on
		// each other; the emulator runs them in order, so c1 is already stored.
		expect(byId.q1.QueryResponse).toBeDefined();
		expect(faultCodes(byId.q2)).toEqual(['4000']);
		expect(byId.d1.Invoice).toMatchObject({ status: 'Deleted', Id: invoice.Id });
		expect(byId.x1.Fault).toBeDefined();
		expect(typeof res.json.time).toBe('string');
	});

	test('update, void (update + optionsData) and a CDCQuery item', async () => {
		const customer = (await t.api('POST', '/customer', { json: newCustomer('Batch update') })).json.Customer;
		const invoice = await createInvoice(t);
		const res = await t.api('POST', '/batch', {
			json: {
				BatchItemRequest: [
					{ bId: 'u1', operation: 'update', Customer: { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: 'via batch' } },
					{ bId: 'v1', operation: 'update', optionsData: 'void', Invoice: { Id: invoice.Id, SyncToken: invoice.SyncToken } },
					{ bId: 'cdc', CDCQuery: { Entities: 'Customer', ChangedSince: new Date(t.emu.clock.now() - 60_000).toISOString() } },
				],
			},
		});
		const [u1, v1, cdc] = res.json.BatchItemResponse;
		expect(u1.Customer.Notes).toBe('via batch');
		expect(v1.Invoice).toBeDefined();
		expect(v1.Fault).toBeUndefined();
		const changed = cdc.CDCResponse.QueryResponse[0].Customer.map((c: any) => c.Id);
		expect(changed).toContain(customer.Id);
	});

	test('31 items are refused whole (30 is the cap), and the cap is configurable', async () => {
		const items = (n: number) => Array.from({ length: n }, (_, i) => ({ bId: String(i), Query: 'select * from CompanyInfo' }));
		const ok = await t.api('POST', '/batch', { json: { BatchItemRequest: items(30) } });
		expect(ok.status).toBe(200);
		expect(ok.json.BatchItemResponse).toHaveLength(30);
		const refused = await t.api('POST', '/batch', { json: { BatchItemRequest: items(31) } });
		expect(refused.status).toBe(400);
		expect(refused.json.Fault.Error[0]).toMatchObject({ code: '400', Message: 'MalformedRequest' });
		await t.admin('POST', 'config', { batchMaxItems: 31 });
		try {
			expect((await t.api('POST', '/batch', { json: { BatchItemRequest: items(31) } })).status).toBe(200);
		} finally {
			await t.admin('POST', 'config', { batchMaxItems: 30 });
		}
	});

	test('an empty or malformed envelope is a MalformedRequest', async () => {
		for (const json of [{ BatchItemRequest: [] }, {}, { BatchItemRequest: [{ operation: 'create', Customer: {} }] }, { BatchItemRequest: [{ bId: '1', Query: 'x' }, { bId: '1', Query: 'y' }] }]) {
			const res = await t.api('POST', '/batch', { json });
			expect(res.status).toBe(400);
			expect(faultCodes(res.json)).toEqual(['400']);
		}
	});

	test('items with an unknown entity key or no operation fail alone', async () => {
		const res = await t.api('POST', '/batch', {
			json: { BatchItemRequest: [{ bId: 'a', operation: 'create', Widget: {} }, { bId: 'b', Customer: newCustomer() }, { bId: 'c', Query: 'select * from CompanyInfo' }] },
		});
		const [a, b, c] = res.json.BatchItemResponse;
		expect(a.Fault).toBeDefined();
		expect(b.Fault).toBeDefined();
		expect(c.QueryResponse).toBeDefined();
	});
});
