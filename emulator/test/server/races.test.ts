import { createInvoice, faultCodes, newCustomer, request, startTestEmulator, type TestEmulator } from './http-helpers';

/**
 * Races answered as QuickBooks answers them: the company's duplicate document-number setting, 6140
 * under concurrent writes, requestid replay across connections (a repeat after the first finished gets
 * its answer; two in flight at once are both processed), a closed estimate refused as a link, and the
 * write latency that makes concurrent writes overlap.
 */
let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());
beforeEach(async () => {
	await t.admin('POST', 'reset', {});
	await t.admin('POST', 'config', { writeLatencyMs: 0, duplicateDocNumbers: 'refuse' });
});

let counter = 0;
const freshNumber = () => `N-${process.pid % 1000}-${++counter}`;

async function invoiceBody(docNumber?: string): Promise<Record<string, unknown>> {
	const invoice = await createInvoice(t);
	return { CustomerRef: invoice.CustomerRef, Line: [invoice.Line[0]], ...(docNumber ? { DocNumber: docNumber } : {}) };
}

async function invoicesNumbered(docNumber: string, realmId = t.emu.realms.us): Promise<number> {
	const text = encodeURIComponent(`select count(*) from Invoice where DocNumber = '${docNumber}'`);
	return (await t.api('GET', `/query?query=${text}`, { realmId })).json.QueryResponse.totalCount;
}

describe('duplicate document numbers: a company setting', () => {
	test('by default a second invoice with a used number is refused with 6140 naming the holder', async () => {
		const docNumber = freshNumber();
		const body = await invoiceBody(docNumber);
		const first = await t.api('POST', '/invoice', { json: body });
		const second = await t.api('POST', '/invoice', { json: body });
		expect(second.status).toBe(400);
		expect(faultCodes(second.json)).toEqual(['6140']);
		expect(second.json.Fault.Error[0].Detail).toContain(`TxnId=${first.json.Invoice.Id}`);
		expect(await invoicesNumbered(docNumber)).toBe(1);
	});

	test('with the check off for one company, its second invoice is stored silently; the other company still refuses', async () => {
		const set = await t.admin('POST', 'config', { duplicateDocNumbers: { [t.emu.realms.us]: 'allow' } });
		expect(set.json.companyDuplicateDocNumbers).toEqual({ [t.emu.realms.us]: 'allow' });
		const docNumber = freshNumber();
		const body = await invoiceBody(docNumber);
		expect((await t.api('POST', '/invoice', { json: body })).status).toBe(200);
		expect((await t.api('POST', '/invoice', { json: body })).status).toBe(200);
		// Batch creates follow the same setting.
		const batch = await t.api('POST', '/batch', { json: { BatchItemRequest: [{ bId: '1', operation: 'create', Invoice: body }] } });
		expect(batch.json.BatchItemResponse[0].Invoice.DocNumber).toBe(docNumber);
		expect(await invoicesNumbered(docNumber)).toBe(3);

		const caCustomer = (await t.api('POST', '/customer', { json: newCustomer('CA'), realmId: t.emu.realms.ca })).json.Customer;
		const caItem = (await t.api('GET', `/query?query=${encodeURIComponent("select * from Item where Type = 'Service'")}`, { realmId: t.emu.realms.ca })).json.QueryResponse.Item[0];
		const caBody = {
			CustomerRef: { value: caCustomer.Id },
			DocNumber: docNumber,
			Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: caItem.Id }, Qty: 1, UnitPrice: 10, TaxCodeRef: { value: '3' } } }],
		};
		const caFirst = await t.api('POST', '/invoice', { json: caBody, realmId: t.emu.realms.ca });
		expect(caFirst.status).toBe(200);
		const caSecond = await t.api('POST', '/invoice', { json: caBody, realmId: t.emu.realms.ca });
		expect(faultCodes(caSecond.json)).toEqual(['6140']);
	});

	test('deleting one of two invoices with the same number leaves the number held by the other (a later duplicate is refused again)', async () => {
		await t.admin('POST', 'config', { duplicateDocNumbers: 'allow' });
		const docNumber = freshNumber();
		const body = await invoiceBody(docNumber);
		const a = (await t.api('POST', '/invoice', { json: body })).json.Invoice;
		const b = (await t.api('POST', '/invoice', { json: body })).json.Invoice;
		expect((await t.api('POST', '/invoice?operation=delete', { json: { Id: a.Id, SyncToken: a.SyncToken } })).status).toBe(200);
		await t.admin('POST', 'config', { duplicateDocNumbers: 'refuse' });
		const third = await t.api('POST', '/invoice', { json: body });
		expect(faultCodes(third.json)).toEqual(['6140']);
		expect(third.json.Fault.Error[0].Detail).toContain(`TxnId=${b.Id}`);
	});

	test('bad values are refused', async () => {
		expect((await t.admin('POST', 'config', { duplicateDocNumbers: 'maybe' })).status).toBe(400);
		expect((await t.admin('POST', 'config', { duplicateDocNumbers: { 'no-such-realm': 'allow' } })).status).toBe(400);
		expect((await t.admin('POST', 'config', { writeLatencyMs: -1 })).status).toBe(400);
	});

	test('start options set both', async () => {
		const other = await startTestEmulator({ limits: false, duplicateDocNumbers: 'allow', writeLatencyMs: 50 });
		try {
			const config = (await other.admin('GET', 'config')).json;
			expect(config).toMatchObject({ duplicateDocNumbers: 'allow', writeLatencyMs: 50 });
		} finally {
			await other.emu.stop();
		}
	});
});

describe('concurrent writes with a write latency', () => {
	test('five invoices with one number at the same moment: one stored, four 6140, and they really overlapped', async () => {
		await t.admin('POST', 'config', { writeLatencyMs: 150 });
		const docNumber = freshNumber();
		const body = await invoiceBody(docNumber);
		const started = Date.now();
		const answers = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', '/invoice', { json: body })));
		const elapsed = Date.now() - started;
		expect(answers.map((a) => a.status).sort()).toEqual([200, 400, 400, 400, 400]);
		expect(answers.filter((a) => a.status === 400).every((a) => faultCodes(a.json)[0] === '6140')).toBe(true);
		expect(await invoicesNumbered(docNumber)).toBe(1);
		// Five writes of 150 ms each in well under 5 × 150 ms: they waited side by side.
		expect(elapsed).toBeGreaterThanOrEqual(150);
		expect(elapsed).toBeLessThan(700);
	});

	test('the same with the company check off: five invoices, as QuickBooks would store them', async () => {
		await t.admin('POST', 'config', { writeLatencyMs: 100, duplicateDocNumbers: 'allow' });
		const docNumber = freshNumber();
		const body = await invoiceBody(docNumber);
		const answers = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', '/invoice', { json: body })));
		expect(answers.every((a) => a.status === 200)).toBe(true);
		expect(await invoicesNumbered(docNumber)).toBe(5);
	});

	test('reads are not delayed', async () => {
		await t.admin('POST', 'config', { writeLatencyMs: 1000 });
		const started = Date.now();
		await t.api('GET', `/query?query=${encodeURIComponent('select * from Customer')}`);
		expect(Date.now() - started).toBeLessThan(900);
	});
});

describe('requestid under concurrency', () => {
	test('a repeat after the first finished gets the original answer, on a new connection too', async () => {
		const body = await invoiceBody();
		const url = (rid: string) => `${t.emu.url}/v3/company/${t.emu.realms.us}/invoice?requestid=${rid}`;
		const headers = { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${t.usToken}` };
		const first = await request(url('race-seq-1'), { method: 'POST', headers, body: JSON.stringify(body), fresh: true });
		const again = await request(url('race-seq-1'), { method: 'POST', headers, body: JSON.stringify(body), fresh: true });
		expect(first.status).toBe(200);
		expect(again.text).toBe(first.text);
	});

	test('two requests with one requestid in flight at the same moment are both processed; a later repeat gets the first answer', async () => {
		await t.admin('POST', 'config', { writeLatencyMs: 150 });
		const body = await invoiceBody();
		const before = (await t.api('GET', `/query?query=${encodeURIComponent('select count(*) from Invoice')}`)).json.QueryResponse.totalCount;
		const [a, b] = await Promise.all([
			t.api('POST', '/invoice?requestid=race-inflight-1', { json: body }),
			t.api('POST', '/invoice?requestid=race-inflight-1', { json: body }),
		]);
		expect([a.status, b.status]).toEqual([200, 200]);
		expect(a.json.Invoice.Id).not.toBe(b.json.Invoice.Id);
		const after = (await t.api('GET', `/query?query=${encodeURIComponent('select count(*) from Invoice')}`)).json.QueryResponse.totalCount;
		expect(after - before).toBe(2);
		const later = await t.api('POST', '/invoice?requestid=race-inflight-1', { json: body });
		expect([a.json.Invoice.Id, b.json.Invoice.Id]).toContain(later.json.Invoice.Id);
	});
});

describe('an estimate already closed by an invoice', () => {
	test('can not be linked to a second invoice (6000), and the first invoice can still be updated', async () => {
		const invoice = await createInvoice(t);
		const estimate = (
			await t.api('POST', '/estimate', { json: { CustomerRef: invoice.CustomerRef, Line: [invoice.Line[0]] } })
		).json.Estimate;
		const linked = { CustomerRef: invoice.CustomerRef, Line: [invoice.Line[0]], LinkedTxn: [{ TxnId: estimate.Id, TxnType: 'Estimate' }] };
		const first = await t.api('POST', '/invoice', { json: linked });
		expect(first.status).toBe(200);
		const second = await t.api('POST', '/invoice', { json: linked });
		expect(second.status).toBe(400);
		expect(faultCodes(second.json)).toEqual(['6000']);
		expect(second.json.Fault.Error[0].Detail).toContain(`Estimate ${estimate.Id} is already Closed by Invoice ${first.json.Invoice.Id}`);
		const update = await t.api('POST', '/invoice', {
			json: { ...linked, Id: first.json.Invoice.Id, SyncToken: first.json.Invoice.SyncToken, PrivateNote: 'still linked' },
		});
		expect(update.status).toBe(200);
	});
});
