import { executeQuery, parseQuery } from '../../src/query';
import { faultOf, quote } from './fault';

type Row = Record<string, unknown>;

/** Parses and runs a query over rows, the way the accounting layer does. */
const run = (query: string, rows: Row[]) => executeQuery(parseQuery(query), rows);

/** The Ids a query returns, in order. */
const ids = (query: string, rows: Row[]) => {
	const body = run(query, rows);
	const entity = parseQuery(query).entity;
	return ((body[entity] as Row[] | undefined) ?? []).map((r) => r.Id);
};

/** The Ids a query returns, as a set in numeric order (for tests about which rows match, not their order). */
const idSet = (query: string, rows: Row[]) => ids(query, rows).sort((a, b) => Number(a) - Number(b));

const customer = (id: number, displayName: string, extra: Row = {}): Row => ({
	Id: String(id),
	SyncToken: '0',
	DisplayName: displayName,
	Active: true,
	Balance: 0,
	MetaData: { CreateTime: '2025-01-01T00:00:00Z', LastUpdatedTime: '2025-01-01T00:00:00Z' },
	...extra,
});

const customers: Row[] = [
	customer(1, "Amy's Bird Sanctuary", { PrimaryEmailAddr: { Address: 'Birds@Intuit.com' }, Balance: 239 }),
	customer(2, "Bill's Windsurf Shop", { Balance: 85 }),
	customer(3, 'Cool Cars', { CompanyName: 'Cool Cars' }),
	customer(9, 'back\\slash & co', { Balance: 12.5 }),
	customer(10, 'Zoë Ünïcödé 東京'),
	customer(11, 'emoji 🎉 party'),
	customer(20, 'Dormant Ltd', { Active: false, Balance: 1000 }),
];

describe('executeQuery: the answer QuickBooks gives', () => {
	it('returns the rows under the entity name with startPosition and the count returned', () => {
		const body = run("SELECT * FROM Customer WHERE Id IN ('1', '2')", customers);
		expect(Object.keys(body).sort()).toEqual(['Customer', 'maxResults', 'startPosition']);
		expect(body).toMatchObject({ startPosition: 1, maxResults: 2 });
		expect((body.Customer as Row[]).map((r) => r.DisplayName)).toEqual(["Amy's Bird Sanctuary", "Bill's Windsurf Shop"]);
	});

	it('answers an empty result with {}', () => {
		expect(run("SELECT * FROM Customer WHERE DisplayName = 'Nobody'", customers)).toEqual({});
		expect(run('SELECT * FROM Invoice', [])).toEqual({});
	});

	it('answers COUNT(*) with totalCount, paging ignored', () => {
		expect(run('SELECT COUNT(*) FROM Customer', customers)).toEqual({ totalCount: 6 });
		expect(run('SELECT COUNT(*) FROM Customer MAXRESULTS 2', customers)).toEqual({ totalCount: 6 });
		expect(run("SELECT COUNT(*) FROM Customer WHERE DisplayName = 'Nobody'", customers)).toEqual({ totalCount: 0 });
	});

	it('without ORDERBY orders a name list by name, and transactions by ascending numeric Id', () => {
		// Recorded: `SELECT * FROM Vendor MAXRESULTS 5` pages come in DisplayName order
		// (minimul/qbo_api spec/vcr/all/vendors_by_5.yml).
		const shuffled = [customers[4], customers[0], customers[3], customers[2], customers[1], customers[5]];
		expect(ids('SELECT * FROM Customer', shuffled)).toEqual(['1', '9', '2', '3', '11', '10']);
		const invoices = [{ Id: '10' }, { Id: '2' }, { Id: '1' }];
		expect(ids('SELECT * FROM Invoice', invoices)).toEqual(['1', '2', '10']);
	});
});

describe('executeQuery: string comparisons', () => {
	it('matches = without regard to case, as QuickBooks does', () => {
		expect(idSet("SELECT * FROM Customer WHERE DisplayName = 'cool cars'", customers)).toEqual(['3']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName = 'COOL CARS'", customers)).toEqual(['3']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName = 'Cool Car'", customers)).toEqual([]);
	});

	it('finds names with apostrophes, backslashes, unicode and emoji through their escaped literal', () => {
		for (const row of customers.filter((r) => r.Active)) {
			expect(idSet(`SELECT * FROM Customer WHERE DisplayName = ${quote(row.DisplayName as string)}`, customers)).toEqual([row.Id]);
		}
	});

	it('matches LIKE prefix, suffix and infix patterns without regard to case', () => {
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE 'amy%'", customers)).toEqual(['1']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE '%SHOP'", customers)).toEqual(['2']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE '%\\'s%'", customers)).toEqual(['1', '2']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE '%🎉%'", customers)).toEqual(['11']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE '%東京'", customers)).toEqual(['10']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE '%\\\\%'", customers)).toEqual(['9']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE 'C%o%s'", customers)).toEqual(['3']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE '%'", customers)).toEqual(['1', '2', '3', '9', '10', '11']);
	});

	it('treats _ and other SQL wildcards literally: only % is a wildcard', () => {
		const rows = [customer(1, 'a_c'), customer(2, 'abc'), customer(3, 'a.c')];
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE 'a_c'", rows)).toEqual(['1']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE 'a.%'", rows)).toEqual(['3']);
	});

	it('a LIKE without % is an exact (case-insensitive) match', () => {
		expect(idSet("SELECT * FROM Customer WHERE DisplayName LIKE 'cool cars'", customers)).toEqual(['3']);
	});

	it('orders strings with < and > case-insensitively', () => {
		expect(idSet("SELECT * FROM Customer WHERE DisplayName < 'c'", customers)).toEqual(['1', '2', '9']);
		expect(idSet("SELECT * FROM Customer WHERE DisplayName >= 'COOL'", customers)).toEqual(['3', '10', '11']);
	});

	it('matches IN over many values', () => {
		const many = Array.from({ length: 5000 }, (_, i) => customer(i + 1, `Name ${i + 1}`));
		const wanted = Array.from({ length: 1000 }, (_, i) => `name ${i * 5 + 1}`);
		const body = run(`SELECT * FROM Customer WHERE DisplayName IN (${wanted.map(quote).join(',')}) MAXRESULTS 1000`, many);
		const matched = (body.Customer as Row[]).map((r) => Number(r.Id)).sort((a, b) => a - b);
		expect(matched).toEqual(Array.from({ length: 1000 }, (_, i) => i * 5 + 1));
	});
});

describe('executeQuery: numbers, booleans, references and nested fields', () => {
	it('compares numbers numerically, quoted or not', () => {
		expect(idSet("SELECT * FROM Customer WHERE Balance > '0'", customers)).toEqual(['1', '2', '9']);
		expect(idSet('SELECT * FROM Customer WHERE Balance > 0', customers)).toEqual(['1', '2', '9']);
		expect(idSet("SELECT * FROM Customer WHERE Balance >= '85' AND Balance <= '239.00'", customers)).toEqual(['1', '2']);
		// numeric, not textual: '12.5' < '85' although "85" < "12.5" as text is false either way; 9 < 85 is the telling one
		expect(idSet("SELECT * FROM Customer WHERE Balance < '85'", customers)).toEqual(['3', '9', '10', '11']);
	});

	it('compares Ids numerically', () => {
		expect(idSet("SELECT * FROM Customer WHERE Id > '9'", customers)).toEqual(['10', '11']);
		expect(idSet("SELECT * FROM Customer WHERE Id IN ('10', '2')", customers)).toEqual(['2', '10']);
	});

	it('refuses a literal that cannot be compared with the property', () => {
		expect(faultOf(() => run("SELECT * FROM Customer WHERE Balance > 'lots'", customers)).code).toBe('4001');
		expect(faultOf(() => run("SELECT * FROM Invoice WHERE TxnDate > 'yesterday'", [])).code).toBe('4001');
	});

	it('matches booleans written bare or quoted', () => {
		expect(idSet('SELECT * FROM Customer WHERE Active = false', customers)).toEqual(['20']);
		expect(idSet("SELECT * FROM Customer WHERE Active = 'false'", customers)).toEqual(['20']);
		expect(idSet('SELECT * FROM Customer WHERE Active = true', customers)).toHaveLength(6);
	});

	it('compares a reference by its value', () => {
		const invoices = [
			{ Id: '1', CustomerRef: { value: '12', name: 'Twelve' }, TxnDate: '2025-01-01' },
			{ Id: '2', CustomerRef: { value: '2', name: 'Two' }, TxnDate: '2025-01-01' },
			{ Id: '3', CustomerRef: { value: '12', name: 'Twelve' }, TxnDate: '2025-01-01' },
			{ Id: '4', TxnDate: '2025-01-01' },
		];
		expect(ids("SELECT * FROM Invoice WHERE CustomerRef = '12'", invoices)).toEqual(['1', '3']);
		expect(ids("SELECT * FROM Invoice WHERE CustomerRef IN ('2', '12')", invoices)).toEqual(['1', '2', '3']);
		expect(ids("SELECT * FROM Invoice WHERE CustomerRef = 'Twelve'", invoices)).toEqual([]);
	});

	it('compares PrimaryEmailAddr by its Address, without regard to case', () => {
		expect(idSet("SELECT * FROM Customer WHERE PrimaryEmailAddr = 'birds@intuit.com'", customers)).toEqual(['1']);
		expect(idSet("SELECT * FROM Customer WHERE PrimaryEmailAddr LIKE '%@intuit.com'", customers)).toEqual(['1']);
	});

	it('reads nested fields and never matches a row that lacks the property', () => {
		const rows = [
			customer(1, 'A', { MetaData: { LastUpdatedTime: '2025-03-01T00:00:00Z' } }),
			customer(2, 'B', { MetaData: {} }),
			customer(3, 'C', { CompanyName: undefined }),
		];
		expect(idSet("SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2025-02-01'", rows)).toEqual(['1']);
		expect(idSet("SELECT * FROM Customer WHERE CompanyName LIKE '%'", rows)).toEqual([]);
	});
});

describe('executeQuery: dates and times', () => {
	const stamped = (id: number, lastUpdated: string, txnDate: string): Row => ({
		Id: String(id),
		TxnDate: txnDate,
		MetaData: { CreateTime: lastUpdated, LastUpdatedTime: lastUpdated },
	});
	const invoices = [
		stamped(1, '2025-01-02T17:59:59Z', '2025-01-01'),
		stamped(2, '2025-01-02T10:00:00-08:00', '2025-01-02'), // = 18:00:00Z
		stamped(3, '2025-01-03T03:00:00+09:00', '2025-01-03'), // = 2025-01-02T18:00:00Z, same instant as 2
		stamped(4, '2025-01-02T18:00:01.000Z', '2024-12-31'),
	];

	it('compares datetimes as instants across timezones', () => {
		expect(ids("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime = '2025-01-02T18:00:00Z'", invoices)).toEqual(['2', '3']);
		expect(ids("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '2025-01-02T10:00:00-08:00'", invoices)).toEqual(['2', '3', '4']);
		expect(ids("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime < '2025-01-02T19:00:00+01:00'", invoices)).toEqual(['1']);
		expect(ids("SELECT * FROM Invoice WHERE MetaData.CreateTime > '2025-01-02T18:00:00.500+00:00'", invoices)).toEqual(['4']);
	});

	it('reads a datetime literal without an offset, or a bare date, as UTC', () => {
		expect(ids("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime > '2025-01-02T18:00:00'", invoices)).toEqual(['4']);
		expect(ids("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime < '2025-01-02'", invoices)).toEqual([]);
		expect(ids("SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime > '2025-01-02'", invoices)).toEqual(['1', '2', '3', '4']);
	});

	it('compares TxnDate by calendar day', () => {
		expect(ids("SELECT * FROM Invoice WHERE TxnDate = '2025-01-02'", invoices)).toEqual(['2']);
		expect(ids("SELECT * FROM Invoice WHERE TxnDate >= '2025-01-01' AND TxnDate <= '2025-01-02'", invoices)).toEqual(['1', '2']);
		expect(ids("SELECT * FROM Invoice WHERE TxnDate < '2025-01-01'", invoices)).toEqual(['4']);
	});

	it('orders by dates ASC and DESC, ties broken by Id', () => {
		expect(ids('SELECT * FROM Invoice ORDERBY TxnDate', invoices)).toEqual(['4', '1', '2', '3']);
		expect(ids('SELECT * FROM Invoice ORDERBY TxnDate DESC', invoices)).toEqual(['3', '2', '1', '4']);
		expect(ids('SELECT * FROM Invoice ORDERBY MetaData.LastUpdatedTime DESC', invoices)).toEqual(['4', '2', '3', '1']);
		expect(ids('SELECT * FROM Invoice ORDERBY MetaData.LastUpdatedTime ASC', invoices)).toEqual(['1', '2', '3', '4']);
	});
});

describe('executeQuery: inactive names', () => {
	it('hides inactive customers unless the query filters on Active', () => {
		expect(ids('SELECT * FROM Customer', customers)).not.toContain('20');
		expect(ids("SELECT * FROM Customer WHERE DisplayName = 'Dormant Ltd'", customers)).toEqual([]);
		expect(ids('SELECT * FROM Customer WHERE Active IN (true, false)', customers)).toContain('20');
		expect(ids("SELECT * FROM Customer WHERE Active = false AND DisplayName = 'Dormant Ltd'", customers)).toEqual(['20']);
		expect(run('SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)', customers)).toEqual({ totalCount: 7 });
	});

	it('hides inactive items, vendors and accounts too, but never transactions', () => {
		const names = [
			{ Id: '1', Name: 'On', Active: true },
			{ Id: '2', Name: 'Off', Active: false },
		];
		expect(ids('SELECT * FROM Item', names)).toEqual(['1']);
		expect(ids('SELECT * FROM Account', names)).toEqual(['1']);
		expect(ids('SELECT * FROM Vendor', names)).toEqual(['1']);
		expect(ids('SELECT * FROM Invoice', names)).toEqual(['1', '2']);
	});

	it('counts a name without an Active property as active', () => {
		expect(ids('SELECT * FROM Term WHERE Active = true', [{ Id: '1', Name: 'Net 30' }])).toEqual(['1']);
	});
});

describe('executeQuery: ORDERBY and paging', () => {
	it('sorts by several fields', () => {
		const rows = [customer(1, 'b', { Balance: 5 }), customer(2, 'a', { Balance: 5 }), customer(3, 'c', { Balance: 1 })];
		expect(ids('SELECT * FROM Customer ORDERBY Balance DESC, DisplayName', rows)).toEqual(['2', '1', '3']);
		expect(ids('SELECT * FROM Customer ORDERBY DisplayName DESC', rows)).toEqual(['3', '1', '2']);
	});

	it('pages 2,500 rows in three pages without losing or repeating a row', () => {
		const rows = Array.from({ length: 2500 }, (_, i) => customer(2500 - i, `Customer ${2500 - i}`));
		const seen: unknown[] = [];
		const pages: number[] = [];
		for (let start = 1, guard = 0; guard < 10; guard++, start += 1000) {
			const body = run(`SELECT * FROM Customer STARTPOSITION ${start} MAXRESULTS 1000`, rows);
			if (!body.Customer) break;
			expect(body.startPosition).toBe(start);
			const page = body.Customer as Row[];
			expect(body.maxResults).toBe(page.length);
			pages.push(page.length);
			seen.push(...page.map((r) => r.Id));
		}
		expect(pages).toEqual([1000, 1000, 500]);
		// No ORDERBY on a name list: DisplayName order ("Customer 1", "Customer 10", "Customer 100", …).
		const byName = Array.from({ length: 2500 }, (_, i) => ({ id: String(i + 1), name: `customer ${i + 1}` }));
		byName.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
		expect(seen).toEqual(byName.map((r) => r.id));
	});

	it('returns {} past the last row', () => {
		expect(run('SELECT * FROM Customer STARTPOSITION 7', customers)).toEqual({});
		expect(run('SELECT * FROM Customer STARTPOSITION 6', customers)).toMatchObject({ startPosition: 6, maxResults: 1 });
	});

	it('caps a page at the default 100 rows', () => {
		const rows = Array.from({ length: 150 }, (_, i) => customer(i + 1, `C${i + 1}`));
		expect(run('SELECT * FROM Customer', rows).maxResults).toBe(100);
	});
});
