/**
 * QuickBooks ids are numeric strings: an id field given a name ("Net 30", "Cash", "Sales") fails its
 * own item with an error naming the item and the field, before any request writes it; the other
 * items of the run go through under Continue On Fail. And the API Request's path stays below the
 * company's API (no `..`, no scheme or host of its own).
 */
import type { IDataObject } from 'n8n-workflow';

import type { TestEmulator } from '../../support/emulator';
import { emulatorForFile, jsonOf, line, locator, query, runSync } from './helpers';

jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

const cof = { continueOnFail: true };
const count = (entity: string) => query(qbo, `SELECT * FROM ${entity} MAXRESULTS 1000`).length;

function expectFieldError(out: IDataObject, itemIndex: number, field: RegExp): void {
	expect(String(out.error)).toMatch(field);
	expect(String(out.error)).toMatch(new RegExp(`item ${itemIndex}\\b`));
}

describe('id fields of documents', () => {
	it('Class and Payment Method given by name fail only their item, nothing written for it', async () => {
		const before = count('SalesReceipt');
		const out = jsonOf(
			await runSync(
				qbo,
				{
					resource: 'salesReceipt',
					operation: 'create',
					customer: locator('name', "Amy's Bird Sanctuary"),
					docNumber: '={{ $json.doc }}',
					ifExists: 'skip',
					lines: { line: [line('Membership', 1, 10, { classId: '={{ $json.cls }}' })] },
					newItemSettings: { incomeAccountId: '1' },
					additionalFields: { paymentMethodId: '={{ $json.method }}' },
				},
				[
					{ doc: 'ID-2', cls: 'Consulting', method: '' },
					{ doc: 'ID-3', cls: '', method: 'Cash' },
					{ doc: 'ID-4', cls: '', method: '1' },
				],
				cof,
			),
		);
		expectFieldError(out[0], 0, /classId/);
		expectFieldError(out[1], 1, /paymentMethodId/);
		expect(out[2].DocNumber).toBe('ID-4');
		expect(count('SalesReceipt')).toBe(before + 1);
	});

	it('Terms given by name fail only their invoice', async () => {
		const before = count('Invoice');
		const out = jsonOf(
			await runSync(
				qbo,
				{
					resource: 'invoice',
					operation: 'create',
					customer: locator('name', "Amy's Bird Sanctuary"),
					docNumber: '={{ $json.doc }}',
					ifExists: 'skip',
					lines: { line: [line('Membership', 1, 10)] },
					newItemSettings: { incomeAccountId: '1' },
					additionalFields: { termsId: '={{ $json.terms }}' },
				},
				[
					{ doc: 'ID-T1', terms: 'Net 30' },
					{ doc: 'ID-T2', terms: '' },
				],
				cof,
			),
		);
		expectFieldError(out[0], 0, /termsId/);
		expect(out[1].DocNumber).toBe('ID-T2');
		expect(count('Invoice')).toBe(before + 1);
	});

	it("an item to create on an income account given by name fails the item that needed it", async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				{
					resource: 'invoice',
					operation: 'create',
					customer: locator('name', "Amy's Bird Sanctuary"),
					docNumber: 'ID-ACC-1',
					ifExists: 'skip',
					lines: { line: [line('A Brand New Service', 1, 10)] },
					newItemSettings: { incomeAccountId: 'Sales' },
				},
				[{}],
				cof,
			),
		);
		expectFieldError(out[0], 0, /incomeAccountId/);
		expect(query(qbo, "SELECT * FROM Item WHERE Name = 'A Brand New Service'")).toEqual([]);
	});
});

describe('id fields of customers and items', () => {
	it('a parent customer given by name fails its item; a numeric one creates the sub-customer', async () => {
		const parent = query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'Cool Cars'")[0];
		const out = jsonOf(
			await runSync(
				qbo,
				{ resource: 'customer', operation: 'create', displayName: '={{ $json.name }}', additionalFields: { ParentRef: '={{ $json.parent }}' } },
				[
					{ name: 'Project by name', parent: 'Cool Cars' },
					{ name: 'Project by id', parent: String(parent.Id) },
				],
				cof,
			),
		);
		expectFieldError(out[0], 0, /ParentRef/);
		expect((out[1].ParentRef as IDataObject).value).toBe(String(parent.Id));
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'Project by name'")).toEqual([]);
	});

	it('an item whose income account is given by name fails its item, the next is created', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				{ resource: 'item', operation: 'create', name: '={{ $json.name }}', type: 'Service', incomeAccountId: '={{ $json.account }}' },
				[
					{ name: 'Account By Name', account: 'Services' },
					{ name: 'Account By Id', account: '1' },
				],
				cof,
			),
		);
		expectFieldError(out[0], 0, /incomeAccountId/);
		expect(out[1].Name).toBe('Account By Id');
		expect(query(qbo, "SELECT * FROM Item WHERE Name = 'Account By Name'")).toEqual([]);
	});
});

describe('the API Request path', () => {
	it('refuses a path that climbs out of the company or names another host', async () => {
		const paths = ['/invoice/../../../oauth2/v1/tokens/bearer', '/companyinfo/%2e%2e/x', 'http://192.0.2.2/v3', '/customer/1 HTTP/1.1', '/companyinfo/1'];
		const out = jsonOf(
			await runSync(qbo, { resource: 'other', operation: 'apiRequest', method: 'GET', path: '={{ $json.path }}' }, paths.map((path) => ({ path })), cof),
		);
		for (let index = 0; index < 4; index++) expectFieldError(out[index], index, /path/);
		expect(out[4].CompanyInfo).toBeDefined();
	});
});

describe('Find by ID', () => {
	it('a value that is not an id fails its item; a real id is found', async () => {
		const out = jsonOf(
			await runSync(qbo, { resource: 'customer', operation: 'find', findField: 'Id', findOperator: 'equals', findValue: '={{ $json.id }}' }, [{ id: "1' OR '2" }, { id: '1' }], cof),
		);
		expectFieldError(out[0], 0, /findValue/);
		expect(out[1].Id).toBe('1');
	});
});

describe('Get Many filtered by a customer id', () => {
	it('a customer given by name fails its item, naming the filter; an id lists the documents', async () => {
		const customerId = '1';
		qbo.emulator.accounting.create(qbo.realms.us, 'Invoice', {
			CustomerRef: { value: customerId },
			Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 10 } }],
		});
		const out = jsonOf(
			await runSync(qbo, { resource: 'invoice', operation: 'getAll', returnAll: true, filters: { customerId: '={{ $json.customer }}' } }, [{ customer: "Amy's Bird Sanctuary" }, { customer: customerId }], cof),
		);
		expectFieldError(out[0], 0, /filters\.customerId/);
		expect(out.length).toBeGreaterThan(1);
		expect(out.slice(1).every((invoice) => (invoice.CustomerRef as IDataObject).value === customerId)).toBe(true);
	});
});
