/**
 * Search text is matched literally: QuickBooks' LIKE reads `%` as a wildcard and has no escape, so a
 * user's "50%" must not find "50 Cent Store", nor Starts With "%" every customer. Find (Contains,
 * Starts With, Ends With), Get Many's "… Contains" filters and the editor's searchable lists all match
 * the text as typed (ignoring case, as QuickBooks does), and limits count only true matches.
 */
import type { IDataObject, ILoadOptionsFunctions } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import * as listSearch from '../../../nodes/QuickBooksSync/methods/listSearch';
import type { TestEmulator } from '../../support/emulator';
import { createLoadOptionsContext } from '../../support/n8n-context';
import { emulatorForFile, jsonOf, runSync } from './helpers';

jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

const NAMES = ['50% Off Store', '50 Cent Store', '%Percent First', 'Deal 100% Pure', 'Deal 100 Purer', 'A_B Supplies', 'AxB Supplies', 'Back\\Slash Ltd', 'Sale 50%'];

beforeEach(() => {
	for (const name of NAMES) qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: name });
});

async function find(operator: string, value: string): Promise<string[]> {
	const out = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'find', findField: 'DisplayName', findOperator: operator, findValue: value }));
	return out.map((customer) => String(customer.DisplayName)).sort();
}

describe('Find matches the text as typed', () => {
	it('Contains "50%" finds the names with "50%", not "50 Cent Store"', async () => {
		expect(await find('contains', '50%')).toEqual(['50% Off Store', 'Sale 50%']);
	});

	it('Starts With "%" finds only the name that starts with a percent sign', async () => {
		expect(await find('startsWith', '%')).toEqual(['%Percent First']);
	});

	it('Ends With "%" and Ends With "% pure" (any case) match the end literally', async () => {
		expect(await find('endsWith', '%')).toEqual(['Sale 50%']);
		expect(await find('endsWith', '% pure')).toEqual(['Deal 100% Pure']);
	});

	it('an underscore and a backslash are ordinary characters', async () => {
		expect(await find('contains', 'A_B')).toEqual(['A_B Supplies']);
		expect(await find('contains', 'k\\S')).toEqual(['Back\\Slash Ltd']);
	});

	it('Contains ignores case, as QuickBooks does, and finds nothing when nothing matches', async () => {
		expect(await find('contains', '0% OFF')).toEqual(['50% Off Store']);
		expect(await find('contains', '%%')).toEqual([]);
	});
});

describe('Get Many "Display Name Contains" and the list search match literally', () => {
	it('returns exactly the matches, and the limit counts only them', async () => {
		// Rows the widened query reads but the literal text does not match come first (newest-first order):
		for (let i = 0; i < 5; i++) qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: `Later 50 Decoy ${i}` });
		const all = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'getAll', returnAll: true, filters: { displayNameContains: '50%' } }));
		expect(all.map((c) => c.DisplayName).sort()).toEqual(['50% Off Store', 'Sale 50%']);
		const limited = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'getAll', returnAll: false, limit: 1, filters: { displayNameContains: '50%' } }));
		expect(limited).toHaveLength(1);
		expect(['50% Off Store', 'Sale 50%']).toContain(limited[0].DisplayName);
	});

	it("the editor's customer search for \"50%\" lists only names containing it", async () => {
		const context: ILoadOptionsFunctions = createLoadOptionsContext(QuickBooksSync, {
			credentials: qbo.credentials(),
			parameters: { resource: 'invoice', operation: 'create' },
		}).context;
		const found = await listSearch.searchCustomers.call(context, '50%');
		expect(found.results.map((r) => r.name).sort()).toEqual(['50% Off Store', 'Sale 50%']);
		const percentOnly = await listSearch.searchCustomers.call(context, '%');
		expect(percentOnly.results.map((r) => r.name).sort()).toEqual(['%Percent First', '50% Off Store', 'Deal 100% Pure', 'Sale 50%']);
	});
});

describe('an empty search value fails only its item', () => {
	it('names the item and the field, other items still searched', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				{ resource: 'customer', operation: 'find', findField: 'DisplayName', findOperator: 'contains', findValue: '={{ $json.v }}' },
				[{ v: '   ' }, { v: '50%' }],
				{ continueOnFail: true },
			),
		);
		expect(out[0].error).toMatch(/findValue.*item 0/);
		expect(out.slice(1).map((c: IDataObject) => c.DisplayName).sort()).toEqual(['50% Off Store', 'Sale 50%']);
	});
});
