import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { TestEmulator } from '../../support/emulator';
import { emulatorForFile, jsonOf, locator, query, resetStats, runSync, stats } from './helpers';

// Loopback runs share 2 cores with other suites; a generous bound keeps them from flaking.
jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

describe('Customer', () => {
	it('creates customers with apostrophes, accents and emoji in one batch and reads them back', async () => {
		const names = ["O'Brien & Sons", 'Café Zoë — Montréal', 'Rocket 🚀 Repairs'];
		const out = jsonOf(
			await runSync(
				qbo,
				{ resource: 'customer', operation: 'create', displayName: '={{ $json.name }}', additionalFields: { PrimaryEmailAddr: '={{ $json.email }}' } },
				names.map((name, i) => ({ name, email: `c${i}@example.com` })),
			),
		);
		expect(out.map((c) => c.DisplayName)).toEqual(names);
		expect((out[0].PrimaryEmailAddr as { Address: string }).Address).toBe('c0@example.com');
		const stored = query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien & Sons'");
		expect(stored).toHaveLength(1);

		const got = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'get', customerId: locator('id', String(out[2].Id)) }));
		expect(got[0].DisplayName).toBe('Rocket 🚀 Repairs');
	});

	it('finds or creates by display name and by email, creating each distinct customer once per run', async () => {
		await resetStats(qbo);
		const items = [
			{ name: "Amy's Bird Sanctuary" }, // seeded
			{ name: 'New Plumbing Co' },
			{ name: 'new plumbing co' }, // same customer, other case
			{ name: 'Zoë Ünïcode 😀' },
		];
		const out = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: '={{ $json.name }}' }, items));
		expect(out.map((c) => c._created)).toEqual([false, true, false, true]);
		expect(out[1].Id).toBe(out[2].Id);
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'New Plumbing Co'")).toHaveLength(1);
		// One IN query for all names + one batch for the two creations.
		const counted = await stats(qbo);
		expect(counted.requests).toBe(2);

		const byEmail = jsonOf(
			await runSync(
				qbo,
				{ resource: 'customer', operation: 'findOrCreate', matchOn: 'PrimaryEmailAddr', email: '={{ $json.email }}', displayName: '={{ $json.name }}' },
				[{ email: 'birds@intuit.example', name: 'ignored' }, { email: 'fresh@example.com', name: 'Fresh Customer' }],
			),
		);
		expect(byEmail[0].DisplayName).toBe("Amy's Bird Sanctuary");
		expect(byEmail[0]._created).toBe(false);
		expect(byEmail[1]._created).toBe(true);
		expect(byEmail[1].DisplayName).toBe('Fresh Customer');
	});

	it('names the vendor that holds a name (6240) and still creates the rest of the run', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				{ resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: '={{ $json.name }}' },
				[{ name: 'Acme Facilities Ltd' }, { name: 'Good Name Ltd' }],
				{ continueOnFail: true },
			),
		);
		expect(out[0].error).toMatch(/Acme Facilities Ltd/);
		expect(out[0].error).toMatch(/Vendor \d+/);
		expect(out[0].code).toBe('6240');
		expect(out[1]._created).toBe(true);

		await expect(
			runSync(qbo, { resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: 'Acme Facilities Ltd' }),
		).rejects.toThrow(NodeApiError);
	});

	it('with "Continue (using error output)" hands each failed item its error, so n8n routes it to the error branch', async () => {
		const output = await runSync(
			qbo,
			{ resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: '={{ $json.name }}' },
			[{ name: 'Hicks Hardware' }, { name: 'Error Branch Test Co' }],
			{ continueOnFail: 'errorOutput' },
		);
		// n8n sends an item to the error output when it has `error` (its json alone would not do: it has more than `error`).
		expect(output[0].error).toBeInstanceOf(NodeApiError);
		expect(output[0].error?.message).toMatch(/Vendor \d+ \("Hicks Hardware"\).*6240/);
		expect(output[0].json).toMatchObject({ error: expect.stringMatching(/Vendor \d+ \("Hicks Hardware"\)/), code: '6240' });
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(output[1].error).toBeUndefined();
		expect(output[1].json._created).toBe(true);

		// "Continue" on the regular output: no `error` on the item, so n8n 2.x keeps the json's code and detail.
		const regular = await runSync(qbo, { resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: 'Hicks Hardware' }, [{}], { continueOnFail: true });
		expect(regular[0].error).toBeUndefined();
		expect(regular[0].json).toMatchObject({ code: '6240', description: expect.stringContaining('unique across customers, vendors and employees') });
	});

	it('with a suffix configured, a name held by a vendor becomes "name + suffix", found again on replay', async () => {
		const parameters = { resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: '={{ $json.name }}', nameClashSuffix: ' (Customer)' };
		const first = jsonOf(await runSync(qbo, parameters, [{ name: 'Acme Facilities Ltd' }, { name: 'Plain New Co' }]));
		expect(first[0]).toMatchObject({ DisplayName: 'Acme Facilities Ltd (Customer)', _created: true });
		// The output says who holds the name, so a template can report why the customer got the suffix.
		expect(first[0]._nameTakenBy).toMatch(/^Vendor \d+ \("Acme Facilities Ltd"\)$/);
		expect(first[1]).toMatchObject({ DisplayName: 'Plain New Co', _created: true });
		expect(first[1]).not.toHaveProperty('_nameTakenBy');
		const replay = jsonOf(await runSync(qbo, parameters, [{ name: 'Acme Facilities Ltd' }]));
		expect(replay[0]).toMatchObject({ Id: first[0].Id, _created: false });
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName LIKE 'Acme Facilities%'")).toHaveLength(1);

		// The same way out on a document's customer.
		const [invoice] = jsonOf(
			await runSync(qbo, {
				resource: 'invoice',
				operation: 'create',
				customer: locator('name', 'Books by Bessie'),
				createCustomerIfMissing: true,
				nameClashSuffix: ' (Customer)',
				docNumber: 'SFX-1',
				ifExists: 'skip',
				lines: { line: [{ lineType: 'item', itemBy: 'id', itemId: '2', quantity: 1, rate: 75, amount: 0 }] },
			}),
		);
		expect((invoice.CustomerRef as { name: string }).name).toBe('Books by Bessie (Customer)');
	});

	it('rejects a display name over 500 characters before writing anything', async () => {
		await resetStats(qbo);
		const long = 'x'.repeat(501);
		await expect(runSync(qbo, { resource: 'customer', operation: 'create', displayName: long })).rejects.toThrow(NodeOperationError);
		expect((await stats(qbo)).requests).toBe(0);
		const out = jsonOf(
			await runSync(qbo, { resource: 'customer', operation: 'create', displayName: '={{ $json.name }}' }, [{ name: long }, { name: 'Short Name' }], {
				continueOnFail: true,
			}),
		);
		expect(out[0].error).toMatch(/501 characters/);
		expect(out[0].parameter).toBe('displayName');
		expect(out[1].DisplayName).toBe('Short Name');
	});

	it('gets many with filters, finds by email, updates sparsely and makes inactive', async () => {
		const many = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'getAll', returnAll: true, filters: { displayNameContains: 'Bird' } }));
		expect(many.map((c) => c.DisplayName)).toEqual(["Amy's Bird Sanctuary"]);
		const limited = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 2, filters: {} }));
		expect(limited).toHaveLength(2);

		const found = jsonOf(
			await runSync(qbo, { resource: 'customer', operation: 'find', findField: 'PrimaryEmailAddr', findOperator: 'equals', findValue: '={{ $json.e }}', outputWhenNotFound: true }, [
				{ e: 'cool_cars@intuit.example' },
				{ e: 'nobody@example.com' },
			]),
		);
		expect(found[0].DisplayName).toBe('Cool Cars');
		expect(found[1]).toEqual({ found: false });

		const id = String(found[0].Id);
		const updated = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'update', updateCustomerId: locator('id', id), updateFields: { Notes: 'VIP' } }));
		expect(updated[0].Notes).toBe('VIP');
		expect(updated[0].DisplayName).toBe('Cool Cars');

		const inactive = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'makeInactive', customerId: locator('id', id) }));
		expect(inactive[0].Active).toBe(false);
	});

	it('creates a project (sub-customer) under a parent and invoices it', async () => {
		const parent = query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'Cool Cars'")[0];
		const out = jsonOf(
			await runSync(qbo, {
				resource: 'customer',
				operation: 'create',
				displayName: 'Cool Cars — Project Alpha',
				additionalFields: { ParentRef: String(parent.Id), Job: true, IsProject: true },
			}),
		);
		expect(out[0]).toMatchObject({ Job: true, IsProject: true });
		expect((out[0].ParentRef as { value: string }).value).toBe(String(parent.Id));

		const [invoice] = jsonOf(
			await runSync(qbo, {
				resource: 'invoice',
				operation: 'create',
				customer: locator('id', String(parent.Id)),
				docNumber: 'PRJ-1',
				ifExists: 'skip',
				lines: { line: [{ lineType: 'item', itemBy: 'name', itemName: 'Design', quantity: 2, rate: 75, amount: 0 }] },
				additionalFields: { projectId: String(out[0].Id) },
			}),
		);
		expect((invoice.ProjectRef as { value: string }).value).toBe(String(out[0].Id));
	});
});

describe('Item', () => {
	it('finds or creates items by exact name with a chosen income account, once per distinct name', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				{ resource: 'item', operation: 'findOrCreate', name: '={{ $json.name }}', newItemSettings: { incomeAccountId: '2', type: 'NonInventory' } },
				[{ name: 'Design' }, { name: "Plumber's Labour" }, { name: "Plumber's Labour" }],
			),
		);
		expect(out.map((i) => i._created)).toEqual([false, true, false]);
		expect(out[1].Type).toBe('NonInventory');
		expect((out[1].IncomeAccountRef as { value: string }).value).toBe('2');
		expect(query(qbo, "SELECT * FROM Item WHERE Name = 'Plumber\\'s Labour'")).toHaveLength(1);
	});

	it('creates service and inventory items, rejects a name over 100 characters, updates and finds', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				{
					resource: 'item',
					operation: 'create',
					name: '={{ $json.name }}',
					type: '={{ $json.type }}',
					incomeAccountId: '1',
					expenseAccountId: '3',
					assetAccountId: '4',
					qtyOnHand: 12,
					invStartDate: '2026-01-01',
					additionalFields: { UnitPrice: 20 },
				},
				[
					{ name: 'Hourly Support', type: 'Service' },
					{ name: 'Widget 3000', type: 'Inventory' },
					{ name: 'y'.repeat(101), type: 'Service' },
				],
				{ continueOnFail: true },
			),
		);
		expect(out[0].Type).toBe('Service');
		expect(out[1].Type).toBe('Inventory');
		expect(out[1].QtyOnHand).toBe(12);
		expect(out[2].error).toMatch(/at most 100/);

		const updated = jsonOf(await runSync(qbo, { resource: 'item', operation: 'update', itemId: locator('id', String(out[0].Id)), updateFields: { UnitPrice: 95 } }));
		expect(updated[0].UnitPrice).toBe(95);
		const found = jsonOf(await runSync(qbo, { resource: 'item', operation: 'find', findField: 'Name', findOperator: 'startsWith', findValue: 'Widget' }));
		expect(found.map((i) => i.Name)).toEqual(['Widget 3000']);
		const all = jsonOf(await runSync(qbo, { resource: 'item', operation: 'getAll', returnAll: true, filters: { nameContains: 'Hourly' } }));
		expect(all).toHaveLength(1);
		const got = jsonOf(await runSync(qbo, { resource: 'item', operation: 'get', itemId: locator('list', String(out[1].Id)) }));
		expect(got[0].Name).toBe('Widget 3000');
	});
});
