import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import * as listSearch from '../../../nodes/QuickBooksSync/methods/listSearch';
import * as loadOptions from '../../../nodes/QuickBooksSync/methods/loadOptions';
import type { TestEmulator } from '../../support/emulator';
import { createLoadOptionsContext } from '../../support/n8n-context';
import { emulatorForFile, jsonOf, runSync } from './helpers';

// Loopback runs share 2 cores with other suites; a generous bound keeps them from flaking.
jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

describe('Query, API Request and Company', () => {
	it('runs a raw query with automatic paging past 1,000 rows', async () => {
		const names = Array.from({ length: 1100 }, (_, i) => `Paged Customer ${String(i).padStart(4, '0')}`);
		for (const name of names) qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: name });
		const all = jsonOf(await runSync(qbo, { resource: 'other', operation: 'query', query: "SELECT * FROM Customer WHERE DisplayName LIKE 'Paged %'", returnAll: true }));
		expect(all).toHaveLength(1100);
		const some = jsonOf(await runSync(qbo, { resource: 'other', operation: 'query', query: "SELECT * FROM Customer WHERE DisplayName LIKE 'Paged %'", returnAll: false, limit: 5 }));
		expect(some).toHaveLength(5);
		const escaped = jsonOf(await runSync(qbo, { resource: 'other', operation: 'query', query: "SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s Bird Sanctuary'", returnAll: true }));
		expect(escaped[0].DisplayName).toBe("Amy's Bird Sanctuary");
	});

	it('reports a query parser error as a QuickBooks 4000 fault on the item', async () => {
		const out = jsonOf(
			await runSync(qbo, { resource: 'other', operation: 'query', query: 'SELECT * FROM Customer WHERE DisplayName IN (Amy)', returnAll: true }, [{}], { continueOnFail: true }),
		);
		expect(out[0].code).toBe('4000');
	});

	it('sends API requests through the credential (GET and POST)', async () => {
		const got = jsonOf(await runSync(qbo, { resource: 'other', operation: 'apiRequest', method: 'GET', path: '/customer/1', queryParameters: {} }));
		expect((got[0].Customer as IDataObject).Id).toBe('1');
		const posted = jsonOf(
			await runSync(qbo, { resource: 'other', operation: 'apiRequest', method: 'POST', path: '/customer', queryParameters: {}, body: '{"DisplayName":"Via API Request"}' }),
		);
		expect((posted[0].Customer as IDataObject).DisplayName).toBe('Via API Request');
	});

	it('gets company info and preferences', async () => {
		const info = jsonOf(await runSync(qbo, { resource: 'company', operation: 'getInfo' }, [{}, {}]));
		expect(info).toHaveLength(1);
		expect(info[0].CompanyName).toBeTruthy();
		const preferences = jsonOf(await runSync(qbo, { resource: 'company', operation: 'getPreferences' }));
		expect(preferences[0].SalesFormsPrefs).toBeDefined();
	});
});

describe('list search and load options', () => {
	function context(realmId?: string) {
		return createLoadOptionsContext(QuickBooksSync, { credentials: qbo.credentials(realmId), parameters: { resource: 'invoice', operation: 'create' } }).context;
	}

	it('searches customers and items by text', async () => {
		const customers = await listSearch.searchCustomers.call(context(), "Amy's");
		expect(customers.results.map((r) => r.name)).toEqual(["Amy's Bird Sanctuary"]);
		const items = await listSearch.searchItems.call(context(), 'Design');
		expect(items.results[0]).toMatchObject({ name: 'Design' });
		const invoices = await listSearch.searchInvoices.call(context());
		expect(Array.isArray(invoices.results)).toBe(true);
		const estimates = await listSearch.searchEstimates.call(context());
		expect(Array.isArray(estimates.results)).toBe(true);
	});

	it('loads income accounts, tax codes, terms, payment methods, classes and the declared custom fields', async () => {
		expect((await loadOptions.getIncomeAccounts.call(context())).map((o) => o.name)).toEqual(expect.arrayContaining(['Services', 'Sales of Product Income']));
		expect((await loadOptions.getTerms.call(context())).map((o) => o.name)).toContain('Net 30');
		expect((await loadOptions.getPaymentMethods.call(context())).map((o) => o.name)).toContain('Check');
		expect(Array.isArray(await loadOptions.getClasses.call(context()))).toBe(true);
		expect((await loadOptions.getCustomFields.call(context())).map((o) => o.name)).toEqual(['PO Number', 'Tracking No', 'Shipping Method']);
		const caCodes = (await loadOptions.getTaxCodes.call(context(qbo.realms.ca))).map((o) => String(o.name));
		expect(caCodes.some((name) => name.startsWith('HST ON'))).toBe(true);
	});
});
