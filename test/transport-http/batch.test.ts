import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { qboBatch, qboQueryAll, QboQuery, type BatchOperation } from '../../nodes/shared/transport';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { useFastRetries } from '../support/fast-retries';
import { createTransportContext } from '../support/n8n-context';

useFastRetries();
let qbo: TestEmulator;
let existing: IDataObject;
beforeAll(async () => {
	qbo = await startEmulatorForTests();
	existing = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Batch Existing' }) as IDataObject;
});
afterEach(async () => {
	await fetch(`${qbo.url}/__admin/faults`, { method: 'DELETE' });
});
afterAll(async () => await qbo?.stop());

async function batchRequests(): Promise<number> {
	return (await qbo.admin<{ byEndpoint: Record<string, number> }>('stats')).byEndpoint['POST /batch'] ?? 0;
}

async function customersNamed(prefix: string, context: ReturnType<typeof createTransportContext>['context']): Promise<IDataObject[]> {
	return (await qboQueryAll.call(context, QboQuery.from('Customer').where('DisplayName', 'LIKE', `${prefix}%`))) as IDataObject[];
}

describe('qboBatch', () => {
	it('maps 65 mixed operations back to their items, each fault on its own item', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const operations: BatchOperation[] = Array.from({ length: 65 }, (_, i) => ({
			operation: 'create' as const,
			entity: 'customer',
			body: { DisplayName: `Batch New ${i}` },
			label: `Batch New ${i}`,
		}));
		operations[10] = { operation: 'create', entity: 'Customer', body: { DisplayName: 'Batch Existing' }, label: 'Batch Existing' };
		operations[35] = { operation: 'update', entity: 'Customer', body: { Id: existing.Id, SyncToken: '99', sparse: true, Notes: 'x' } };
		operations[50] = { query: "SELECT * FROM Customer WHERE DisplayName = 'Batch Existing'" };
		operations[64] = { operation: 'create', entity: 'Invoice', body: { CustomerRef: { value: String(existing.Id) } } };
		const itemIndexes = operations.map((_, i) => 100 + i);

		await qbo.admin('stats/reset', {});
		const results = await qboBatch.call(context, operations, { itemIndexes });
		expect(await batchRequests()).toBe(3);
		expect(results).toHaveLength(65);

		const failed = results.flatMap((result, i) => (result.ok ? [] : [i]));
		expect(failed).toEqual([10, 35, 64]);
		for (const [i, result] of results.entries()) {
			if (!result.ok) continue;
			if (i === 50) {
				expect(result.entity).toBeUndefined();
				expect((result.data.Customer as IDataObject[])[0].Id).toBe(existing.Id);
			} else {
				expect(result.entity).toBe('Customer');
				expect(result.data.DisplayName).toBe(`Batch New ${i}`);
			}
		}

		const clash = results[10];
		if (clash.ok) throw new Error('expected a fault');
		expect(clash.codes).toEqual(['6240']);
		expect(clash.error).toBeInstanceOf(NodeApiError);
		expect(clash.error.context.itemIndex).toBe(110);
		expect(clash.error.message).toContain('QuickBooks error 6240');
		expect(clash.error.message).toContain('item 110 "Batch Existing"');
		expect(clash.error.description).toContain('customers, vendors AND employees');

		const stale = results[35];
		if (stale.ok) throw new Error('expected a fault');
		expect(stale.codes).toEqual(['5010']);
		expect(stale.error.context.itemIndex).toBe(135);

		const invalid = results[64];
		if (invalid.ok) throw new Error('expected a fault');
		expect(invalid.error.context.itemIndex).toBe(164);

		expect(await customersNamed('Batch New ', context)).toHaveLength(61);
	});

	it('voids and deletes documents through the batch', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const { accounting } = qbo.emulator;
		const item = accounting.create(qbo.realms.us, 'Item', { Name: 'Batch Service', Type: 'Service', IncomeAccountRef: { value: '1' } });
		const invoice = (): IDataObject =>
			accounting.create(qbo.realms.us, 'Invoice', {
				CustomerRef: { value: String(existing.Id) },
				Line: [{ Amount: 20, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: String(item.Id) }, Qty: 2, UnitPrice: 10 } }],
			}) as IDataObject;
		const [toVoid, toDelete] = [invoice(), invoice()];
		const results = await qboBatch.call(context, [
			{ operation: 'void', entity: 'invoice', body: { Id: toVoid.Id, SyncToken: toVoid.SyncToken } },
			{ operation: 'delete', entity: 'invoice', body: { Id: toDelete.Id, SyncToken: toDelete.SyncToken } },
		]);
		expect(results.map((result) => result.ok)).toEqual([true, true]);
		const [voided, deleted] = results as Array<{ ok: true; entity?: string; data: IDataObject }>;
		expect(voided.entity).toBe('Invoice');
		expect(voided.data.Balance).toBe(0);
		expect(deleted.data.status).toBe('Deleted');
	});

	it('gives every item of a batch that keeps failing its own error, losing none', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qbo.admin('faults', { count: 100, mode: 'fail', status: 503, match: { pathIncludes: '/batch' } });
		const operations: BatchOperation[] = Array.from({ length: 35 }, (_, i) => ({ operation: 'create' as const, entity: 'Customer', body: { DisplayName: `Batch Down ${i}` } }));
		const results = await qboBatch.call(context, operations, { itemIndexes: operations.map((_, i) => i) });
		expect(results).toHaveLength(35);
		for (const [i, result] of results.entries()) {
			expect(result.ok).toBe(false);
			if (result.ok) continue;
			expect(result.error).toBeInstanceOf(NodeApiError);
			expect(result.error.context.itemIndex).toBe(i);
			expect(result.error.context.wholeBatchFailed).toBe(true);
			expect(result.error.message).toContain(`(item ${i})`);
		}
		expect(await customersNamed('Batch Down ', context)).toHaveLength(0);
	});

	it('repeats a batch whose answer was lost with the same requestid: nothing is written twice', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qbo.admin('faults', { count: 1, mode: 'drop', match: { pathIncludes: '/batch' } });
		await qbo.admin('stats/reset', {});
		const operations: BatchOperation[] = Array.from({ length: 5 }, (_, i) => ({ operation: 'create' as const, entity: 'Customer', body: { DisplayName: `Batch Dropped ${i}` } }));
		const results = await qboBatch.call(context, operations);
		expect(results.every((result) => result.ok)).toBe(true);
		const stats = await qbo.admin<{ dropped: number }>('stats');
		expect(stats.dropped).toBe(1);
		expect(await batchRequests()).toBe(2);
		expect(await customersNamed('Batch Dropped ', context)).toHaveLength(5);
	});
});
