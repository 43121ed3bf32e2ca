import { faultCodes, newCustomer, startTestEmulator, type TestEmulator } from './http-helpers';

let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());

async function countCustomersNamed(name: string): Promise<number> {
	const res = await t.api('GET', `/query?query=${encodeURIComponent(`select count(*) from Customer where DisplayName = '${name}'`)}`);
	return res.json.QueryResponse.totalCount;
}

describe('requestid: a retried write is answered from memory, never written twice', () => {
	test('the same requestid returns the original status and body, and only one customer exists', async () => {
		const customer = newCustomer('Replay');
		const first = await t.api('POST', '/customer?requestid=replay-1&minorversion=75', { json: customer });
		expect(first.status).toBe(200);
		const second = await t.api('POST', '/customer?requestid=replay-1&minorversion=75', { json: customer });
		expect(second.status).toBe(200);
		expect(second.text).toBe(first.text);
		expect(await countCustomersNamed(customer.DisplayName)).toBe(1);
	});

	test('a replayed fault is the original fault (the write is not tried again)', async () => {
		const taken = newCustomer('Taken');
		await t.api('POST', '/customer', { json: taken });
		const first = await t.api('POST', '/customer?requestid=dup-name-1', { json: taken });
		expect(first.status).toBe(400);
		expect(faultCodes(first.json)).toEqual(['6240']);
		const again = await t.api('POST', '/customer?requestid=dup-name-1', { json: newCustomer('Would succeed') });
		expect(again.text).toBe(first.text);
	});

	test('requestids are per company', async () => {
		const us = await t.api('POST', '/customer?requestid=same-id-both-realms', { json: newCustomer('US') });
		const ca = await t.api('POST', '/customer?requestid=same-id-both-realms', { json: newCustomer('CA'), realmId: t.emu.realms.ca });
		expect(us.status).toBe(200);
		expect(ca.status).toBe(200);
		expect(ca.json.Customer.DisplayName).not.toBe(us.json.Customer.DisplayName);
	});

	test('a dropped answer ("drop" fault) then a retry with the same requestid gives exactly one object', async () => {
		const customer = newCustomer('Dropped');
		const armed = await t.admin('POST', 'faults', { count: 1, mode: 'drop', match: { method: 'POST', pathIncludes: '/customer' } });
		expect(armed.status).toBe(200);
		await expect(t.api('POST', '/customer?requestid=drop-retry-1', { json: customer })).rejects.toThrow();
		expect(await countCustomersNamed(customer.DisplayName)).toBe(1);
		const retry = await t.api('POST', '/customer?requestid=drop-retry-1', { json: customer });
		expect(retry.status).toBe(200);
		expect(retry.json.Customer.DisplayName).toBe(customer.DisplayName);
		expect(await countCustomersNamed(customer.DisplayName)).toBe(1);
		expect(t.emu.stats().dropped).toBeGreaterThanOrEqual(1);
	});

	test('without a requestid the same retry after a drop duplicates the object (what requestid prevents)', async () => {
		const customer = { DisplayName: `${newCustomer('NoId').DisplayName}` };
		await t.admin('POST', 'faults', { count: 1, mode: 'drop', match: { pathIncludes: '/customer' } });
		await expect(t.api('POST', '/customer', { json: customer })).rejects.toThrow();
		const retry = await t.api('POST', '/customer', { json: customer });
		// The name is taken by the dropped write: QuickBooks' duplicate-name rule refuses the retry.
		expect(faultCodes(retry.json)).toEqual(['6240']);
	});

	test('longer than 50 characters (36 on a batch) is refused', async () => {
		const long = await t.api('POST', `/customer?requestid=${'x'.repeat(51)}`, { json: newCustomer() });
		expect(long.status).toBe(400);
		expect(faultCodes(long.json)).toEqual(['6000']);
		expect((await t.api('POST', `/customer?requestid=${'y'.repeat(50)}`, { json: newCustomer() })).status).toBe(200);
		const batch = { BatchItemRequest: [{ bId: '1', operation: 'create', Customer: newCustomer() }] };
		const longBatch = await t.api('POST', `/batch?requestid=${'z'.repeat(37)}`, { json: batch });
		expect(faultCodes(longBatch.json)).toEqual(['6000']);
	});

	test('a batch with a requestid is replayed whole, and bIds longer than 10 fail item by item', async () => {
		const customer = newCustomer('Batch replay');
		const batch = { BatchItemRequest: [{ bId: 'b1', operation: 'create', Customer: customer }, { bId: 'b-too-long-1', operation: 'create', Customer: newCustomer() }] };
		const first = await t.api('POST', '/batch?requestid=batch-replay-1', { json: batch });
		expect(first.status).toBe(200);
		expect(first.json.BatchItemResponse[0].Customer.DisplayName).toBe(customer.DisplayName);
		expect(faultCodes(first.json.BatchItemResponse[1])).toEqual(['6000']);
		const second = await t.api('POST', '/batch?requestid=batch-replay-1', { json: batch });
		expect(second.text).toBe(first.text);
		expect(await countCustomersNamed(customer.DisplayName)).toBe(1);
	});

	test('memory is bounded: the least recently used requestids are forgotten', async () => {
		const small = await startTestEmulator({ limits: false });
		try {
			await small.admin('POST', 'config', { requestIdCacheSize: 2 });
			const a = newCustomer('LRU');
			await small.api('POST', '/customer?requestid=lru-a', { json: a });
			await small.api('POST', '/customer?requestid=lru-b', { json: newCustomer() });
			await small.api('POST', '/customer?requestid=lru-c', { json: newCustomer() });
			// lru-a is forgotten: the same body is now a new write, refused as a duplicate name.
			const again = await small.api('POST', '/customer?requestid=lru-a', { json: a });
			expect(faultCodes(again.json)).toEqual(['6240']);
		} finally {
			await small.emu.stop();
		}
	});
});
