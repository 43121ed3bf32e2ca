import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import * as listSearch from '../../../nodes/QuickBooksSync/methods/listSearch';
import * as loadOptions from '../../../nodes/QuickBooksSync/methods/loadOptions';
import type { TestEmulator } from '../../support/emulator';
import { createLoadOptionsContext } from '../../support/n8n-context';
import { emulatorForFile, query } from './helpers';

// The editor's dropdowns and searchable lists, through n8n-core's real LoadOptionsContext and real HTTP.
// Loopback runs share 2 cores with other suites; a generous bound keeps them from flaking.
jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

function context(realmId?: string): ILoadOptionsFunctions {
	return createLoadOptionsContext(QuickBooksSync, { credentials: qbo.credentials(realmId), parameters: { resource: 'invoice', operation: 'create' } }).context;
}

type Search = (this: ILoadOptionsFunctions, filter?: string, token?: string) => Promise<INodeListSearchResult>;

/** Every page of a list search, following paginationToken (at most 20 pages). */
async function allPages(search: Search, filter?: string): Promise<{ names: string[]; values: string[]; pages: number[] }> {
	const names: string[] = [];
	const values: string[] = [];
	const pages: number[] = [];
	let token: string | undefined;
	for (let page = 0; page < 20; page++) {
		const result = await search.call(context(), filter, token);
		names.push(...result.results.map((r) => r.name));
		values.push(...result.results.map((r) => String(r.value)));
		pages.push(result.results.length);
		token = result.paginationToken as string | undefined;
		if (!token) return { names, values, pages };
	}
	throw new Error('more than 20 pages');
}

function createCustomer(name: string): IDataObject {
	return qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: name }) as IDataObject;
}

function createItem(name: string): IDataObject {
	return qbo.emulator.accounting.create(qbo.realms.us, 'Item', { Name: name, Type: 'Service', IncomeAccountRef: { value: '1' } }) as IDataObject;
}

function createDocument(entity: 'Invoice' | 'Estimate', docNumber: string, customer: IDataObject, item: IDataObject, amount: number): IDataObject {
	return qbo.emulator.accounting.create(qbo.realms.us, entity, {
		DocNumber: docNumber,
		CustomerRef: { value: String(customer.Id) },
		Line: [{ Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: String(item.Id) }, Qty: 1, UnitPrice: amount } }],
	}) as IDataObject;
}

/** A seeded record by exact name. */
function seeded(entity: string, field: string, name: string): IDataObject {
	const rows = query(qbo, `SELECT * FROM ${entity} WHERE ${field} = '${name.replace(/'/g, "\\'")}'`);
	expect(rows).toHaveLength(1);
	return rows[0];
}

describe('listSearch: customers and items', () => {
	it('finds a customer whose name has an apostrophe, by a filter that has one too', async () => {
		const amy = seeded('Customer', 'DisplayName', "Amy's Bird Sanctuary");
		const found = await listSearch.searchCustomers.call(context(), "Amy's Bird");
		expect(found.results).toEqual([{ name: "Amy's Bird Sanctuary", value: String(amy.Id) }]);
		expect(found.paginationToken).toBeUndefined();

		const bills = await listSearch.searchCustomers.call(context(), "'s W");
		expect(bills.results.map((r) => r.name)).toEqual(["Bill's Windsurf Shop"]);
		expect((await listSearch.searchCustomers.call(context(), 'No such customer zz')).results).toEqual([]);
		// QuickBooks' LIKE ignores case: what the user types in lower case still finds the customer.
		expect((await listSearch.searchCustomers.call(context(), "amy's")).results.map((r) => r.name)).toEqual(["Amy's Bird Sanctuary"]);
	});

	it('lists every customer without a filter, sorted by name, values are the QuickBooks ids', async () => {
		const listed = await allPages(listSearch.searchCustomers);
		const stored = query(qbo, 'SELECT * FROM Customer MAXRESULTS 1000');
		expect(listed.names).toHaveLength(stored.length);
		expect(new Set(listed.values)).toEqual(new Set(stored.map((c) => String(c.Id))));
		// QuickBooks' ORDERBY compares case-insensitively; compare that way too.
		const lower = listed.names.map((name) => name.toLowerCase());
		expect(lower).toEqual([...lower].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
	});

	it('pages customers 100 at a time with a pagination token, no record twice or missed', async () => {
		for (let i = 0; i < 230; i++) createCustomer(`Paging Client ${String(i).padStart(3, '0')}`);
		const listed = await allPages(listSearch.searchCustomers, 'Paging Client');
		expect(listed.pages).toEqual([100, 100, 30]);
		expect(new Set(listed.values).size).toBe(230);
		expect(listed.names[0]).toBe('Paging Client 000');
		expect(listed.names[229]).toBe('Paging Client 229');
	});

	it('a page of exactly 100 ends with an empty page, not a missing record', async () => {
		for (let i = 0; i < 100; i++) createCustomer(`Exact Hundred ${String(i).padStart(3, '0')}`);
		const listed = await allPages(listSearch.searchCustomers, 'Exact Hundred');
		expect(listed.pages).toEqual([100, 0]);
		expect(new Set(listed.values).size).toBe(100);
	});

	it('finds items by part of the name, apostrophes included, and pages them', async () => {
		const design = seeded('Item', 'Name', 'Design');
		expect((await listSearch.searchItems.call(context(), 'Desig')).results).toEqual([{ name: 'Design', value: String(design.Id) }]);
		const obrien = createItem("O'Brien's Widget");
		expect((await listSearch.searchItems.call(context(), "O'Brien")).results).toEqual([{ name: "O'Brien's Widget", value: String(obrien.Id) }]);

		for (let i = 0; i < 120; i++) createItem(`Paged Item ${String(i).padStart(3, '0')}`);
		const listed = await allPages(listSearch.searchItems, 'Paged Item');
		expect(listed.pages).toEqual([100, 20]);
		expect(new Set(listed.names).size).toBe(120);
	});
});

describe('listSearch: invoices and estimates', () => {
	it('finds invoices by part of the document number; the label names the number, customer and total', async () => {
		const amy = seeded('Customer', 'DisplayName', "Amy's Bird Sanctuary");
		const cars = seeded('Customer', 'DisplayName', 'Cool Cars');
		const design = seeded('Item', 'Name', 'Design');
		const first = createDocument('Invoice', 'WO-1001', amy, design, 150);
		const second = createDocument('Invoice', 'WO-1002', cars, design, 75);
		createDocument('Invoice', 'OTHER-9', cars, design, 10);

		const found = await listSearch.searchInvoices.call(context(), 'WO-100');
		expect(found.results).toHaveLength(2);
		expect(found.results).toEqual(
			expect.arrayContaining([
				{ name: "WO-1001 — Amy's Bird Sanctuary (150)", value: String(first.Id) },
				{ name: 'WO-1002 — Cool Cars (75)', value: String(second.Id) },
			]),
		);
		expect((await listSearch.searchInvoices.call(context(), 'NOPE-')).results).toEqual([]);
	});

	it('lists invoices newest first (by last update) and pages them', async () => {
		const cars = seeded('Customer', 'DisplayName', 'Cool Cars');
		const design = seeded('Item', 'Name', 'Design');
		for (let i = 0; i < 105; i++) {
			createDocument('Invoice', `P-${String(i).padStart(3, '0')}`, cars, design, 1 + i);
			qbo.emulator.clock.advance(1000);
		}
		const listed = await allPages(listSearch.searchInvoices, 'P-');
		expect(listed.pages).toEqual([100, 5]);
		expect(listed.names[0]).toBe('P-104 — Cool Cars (105)');
		expect(listed.names[104]).toBe('P-000 — Cool Cars (1)');
	});

	it('finds estimates by document number, including one for a customer with an apostrophe', async () => {
		const amy = seeded('Customer', 'DisplayName', "Amy's Bird Sanctuary");
		const design = seeded('Item', 'Name', 'Design');
		const estimate = createDocument('Estimate', 'EST-77', amy, design, 300);
		createDocument('Invoice', 'EST-78', amy, design, 5); // an invoice with a look-alike number is not an estimate
		const found = await listSearch.searchEstimates.call(context(), 'EST-7');
		expect(found.results).toEqual([{ name: "EST-77 — Amy's Bird Sanctuary (300)", value: String(estimate.Id) }]);
		const all = await allPages(listSearch.searchEstimates);
		expect(all.values).toContain(String(estimate.Id));
		expect(all.values).toHaveLength(query(qbo, 'SELECT * FROM Estimate MAXRESULTS 1000').length);
	});
});

describe('loadOptions', () => {
	/** Names of a query's rows, sorted as the dropdown sorts them. */
	function namesOf(text: string, realmId?: string, label: (row: IDataObject) => string = (row) => String(row.FullyQualifiedName ?? row.Name)): string[] {
		return query(qbo, text, realmId ?? qbo.realms.us)
			.map(label)
			.sort((a, b) => a.localeCompare(b));
	}

	it('income accounts: exactly the Income accounts of the company, values are ids', async () => {
		const options = await loadOptions.getIncomeAccounts.call(context());
		expect(options.map((o) => o.name)).toEqual(namesOf("SELECT * FROM Account WHERE AccountType = 'Income'"));
		expect(options.map((o) => o.name)).toEqual(expect.arrayContaining(['Services', 'Sales of Product Income']));
		expect(options.find((o) => o.name === 'Services')?.value).toBe('1');
		expect(options.map((o) => o.name)).not.toContain('Checking');
	});

	it('expense and asset accounts for inventory items', async () => {
		expect((await loadOptions.getExpenseAccounts.call(context())).map((o) => o.name)).toEqual(['Cost of Goods Sold']);
		const assets = (await loadOptions.getAssetAccounts.call(context())).map((o) => o.name);
		expect(assets).toEqual(namesOf("SELECT * FROM Account WHERE AccountType = 'Other Current Asset'"));
		expect(assets).toContain('Inventory Asset');
	});

	it('tax codes of a US company: TAX and NON (and whatever else it has), by id', async () => {
		const options = await loadOptions.getTaxCodes.call(context());
		const stored = query(qbo, 'SELECT * FROM TaxCode');
		expect(options).toHaveLength(stored.length);
		expect(options.map((o) => String(o.value))).toEqual(expect.arrayContaining(['TAX', 'NON']));
		expect(new Set(options.map((o) => String(o.value)))).toEqual(new Set(stored.map((code) => String(code.Id))));
	});

	it('tax codes of a Canadian company: the provincial codes, with descriptions', async () => {
		const options = await loadOptions.getTaxCodes.call(context(qbo.realms.ca));
		const stored = query(qbo, 'SELECT * FROM TaxCode', qbo.realms.ca);
		expect(options).toHaveLength(stored.length);
		const names = options.map((o) => o.name);
		expect(names.some((name) => name.startsWith('HST ON'))).toBe(true);
		expect(names).not.toContain('TAX');
		const hst = stored.find((code) => String(code.Name).startsWith('HST ON')) as IDataObject;
		expect(options.find((o) => o.value === String(hst.Id))?.name).toBe(hst.Description ? `${String(hst.Name)} — ${String(hst.Description)}` : String(hst.Name));
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
	});

	it('terms and payment methods, sorted by name', async () => {
		expect((await loadOptions.getTerms.call(context())).map((o) => o.name)).toEqual(['Due on receipt', 'Net 15', 'Net 30', 'Net 60']);
		const terms = await loadOptions.getTerms.call(context());
		expect(terms.find((o) => o.name === 'Net 30')?.value).toBe(String(seeded('Term', 'Name', 'Net 30').Id));
		expect((await loadOptions.getPaymentMethods.call(context())).map((o) => o.name)).toEqual(['Cash', 'Check', 'Credit Card', 'MasterCard', 'Visa']);
	});

	it('a term added in QuickBooks shows up on the next load', async () => {
		qbo.emulator.accounting.create(qbo.realms.us, 'Term', { Name: "Net 45 (Bob's)", DueDays: 45 });
		expect((await loadOptions.getTerms.call(context())).map((o) => o.name)).toContain("Net 45 (Bob's)");
	});

	it('classes and items', async () => {
		expect((await loadOptions.getClasses.call(context())).map((o) => o.name)).toEqual(namesOf('SELECT * FROM Class'));
		const items = (await loadOptions.getItems.call(context())).map((o) => o.name);
		// Only sellable items (services, non-inventory, inventory) are offered, sorted by name: a category on a line is refused.
		expect([...items].sort()).toEqual(namesOf("SELECT * FROM Item WHERE Type IN ('Service', 'NonInventory', 'Inventory') MAXRESULTS 1000").sort());
		expect(items).not.toContain('Landscaping');
		expect(items).toEqual([...items].sort((a, b) => a.localeCompare(b)));
		expect(items).toEqual(expect.arrayContaining(['Design', 'Installation', 'Pump']));
	});

	it('custom fields: the three declared sales-form fields, by name, in both companies', async () => {
		const expected = [
			{ name: 'PO Number', value: 'PO Number' },
			{ name: 'Tracking No', value: 'Tracking No' },
			{ name: 'Shipping Method', value: 'Shipping Method' },
		];
		expect(await loadOptions.getCustomFields.call(context())).toEqual(expected);
		expect(await loadOptions.getCustomFields.call(context(qbo.realms.ca))).toEqual(expected);
	});

	it('the node description names only methods that exist', async () => {
		const methods = new QuickBooksSync().methods as { listSearch: Record<string, unknown>; loadOptions: Record<string, unknown> };
		const json = JSON.stringify(new QuickBooksSync().description.properties);
		for (const [, name] of json.matchAll(/"searchListMethod":"(\w+)"/g)) expect(typeof methods.listSearch[name]).toBe('function');
		for (const [, name] of json.matchAll(/"loadOptionsMethod":"(\w+)"/g)) expect(typeof methods.loadOptions[name]).toBe('function');
	});
});
