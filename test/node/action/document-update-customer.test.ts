/**
 * Update → Change Customer on invoices, estimates and sales receipts: the customer is given like on
 * Create (list/ID, name or email, created if missing) and resolved for the whole run.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TestEmulator } from '../../support/emulator';
import { emulatorForFile, jsonOf, line, locator, query, runSync } from './helpers';

jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

const documents = [
	{ resource: 'invoice', entity: 'Invoice' },
	{ resource: 'estimate', entity: 'Estimate' },
	{ resource: 'salesReceipt', entity: 'SalesReceipt' },
] as const;

/** Creates one document per DocNumber for "Old Customer" and returns their Ids. */
async function createDocuments(resource: string, docNumbers: string[]): Promise<string[]> {
	const out = jsonOf(
		await runSync(
			qbo,
			{
				resource,
				operation: 'create',
				customer: locator('name', 'Old Customer'),
				docNumber: '={{ $json.doc }}',
				ifExists: 'skip',
				lines: { line: [line('Service', 1, 100)] },
				newItemSettings: { incomeAccountId: '1' },
			},
			docNumbers.map((doc) => ({ doc })),
		),
	);
	return out.map((record) => String(record.Id));
}

function updateParameters(resource: string, extra: INodeParameters): INodeParameters {
	return { resource, operation: 'update', updateDocumentId: locator('id', '={{ $json.id }}'), changeCustomer: true, ...extra };
}

describe.each(documents)('$entity Update → Change Customer', ({ resource, entity }) => {
	it('moves each document to its own customer by name, creating a missing one once for the run, and keeps the lines', async () => {
		const ids = await createDocuments(resource, ['CC-1', 'CC-2', 'CC-3']);
		const existing = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Existing Customer' }) as IDataObject;
		const items = [
			{ id: ids[0], to: 'Existing Customer' },
			{ id: ids[1], to: 'Brand New Customer' },
			{ id: ids[2], to: 'Brand New Customer' },
		];
		const out = jsonOf(await runSync(qbo, updateParameters(resource, { customer: locator('name', '={{ $json.to }}') }), items));
		expect(out.map((record) => record._action)).toEqual(['updated', 'updated', 'updated']);
		expect((out[0].CustomerRef as IDataObject).value).toBe(String(existing.Id));
		const created = query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'Brand New Customer'");
		expect(created).toHaveLength(1);
		expect(out.slice(1).map((record) => (record.CustomerRef as IDataObject).value)).toEqual([String(created[0].Id), String(created[0].Id)]);
		expect(out[1]._createdReferences).toEqual([`Customer ${String(created[0].Id)} "Brand New Customer"`]);
		expect(out[2]._createdReferences).toBeUndefined();
		// What QuickBooks holds now: the new customer, the old line, the same document.
		const stored = query(qbo, `SELECT * FROM ${entity} WHERE Id = '${ids[1]}'`)[0];
		expect((stored.CustomerRef as IDataObject).value).toBe(String(created[0].Id));
		expect(stored.DocNumber).toBe('CC-2');
		expect(stored.TotalAmt).toBe(100);
	});

	it('by ID and by email; without "create if missing" an unknown email fails only its item', async () => {
		const ids = await createDocuments(resource, ['CE-1', 'CE-2', 'CE-3']);
		const byEmail = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Mail Customer', PrimaryEmailAddr: { Address: 'mail@example.com' } }) as IDataObject;
		const byId = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Id Customer' }) as IDataObject;

		const viaId = jsonOf(await runSync(qbo, updateParameters(resource, { customer: locator('id', String(byId.Id)) }), [{ id: ids[0] }]));
		expect((viaId[0].CustomerRef as IDataObject).value).toBe(String(byId.Id));

		const out = jsonOf(
			await runSync(
				qbo,
				updateParameters(resource, { customer: locator('email', '={{ $json.email }}'), createCustomerIfMissing: false }),
				[
					{ id: ids[1], email: 'mail@example.com' },
					{ id: ids[2], email: 'nobody@example.com' },
				],
				{ continueOnFail: true },
			),
		);
		expect((out[0].CustomerRef as IDataObject).value).toBe(String(byEmail.Id));
		expect(out[1].error).toEqual(expect.stringContaining('nobody@example.com'));
		const untouched = query(qbo, `SELECT * FROM ${entity} WHERE Id = '${ids[2]}'`)[0];
		expect((untouched.CustomerRef as IDataObject).name).toBe('Old Customer');
	});

	it('off (the default) keeps the customer', async () => {
		const [id] = await createDocuments(resource, ['CK-1']);
		const out = jsonOf(await runSync(qbo, { resource, operation: 'update', updateDocumentId: locator('id', id), updateFields: { privateNote: 'kept' } }));
		expect((out[0].CustomerRef as IDataObject).name).toBe('Old Customer');
		expect(out[0].PrivateNote).toBe('kept');
	});
});
