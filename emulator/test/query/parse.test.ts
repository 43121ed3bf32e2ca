import { parseQuery } from '../../src/query';
import { faultOf, quote } from './fault';

describe('parseQuery: what QuickBooks accepts', () => {
	it('reads every clause, with case-insensitive keywords and a canonical entity name', () => {
		expect(
			parseQuery(
				"select * from customer where DisplayName = 'Amy' and Balance > '0' orderby DisplayName desc, Id startposition 2 maxresults 10",
			),
		).toEqual({
			entity: 'Customer',
			count: false,
			where: [
				{ field: 'DisplayName', operator: '=', value: 'Amy' },
				{ field: 'Balance', operator: '>', value: '0' },
			],
			orderBy: [
				{ field: 'DisplayName', direction: 'DESC' },
				{ field: 'Id', direction: 'ASC' },
			],
			startPosition: 2,
			maxResults: 10,
		});
	});

	it('defaults STARTPOSITION to 1 and MAXRESULTS to 100', () => {
		expect(parseQuery('SELECT * FROM SalesReceipt')).toEqual({
			entity: 'SalesReceipt',
			count: false,
			where: [],
			orderBy: [],
			startPosition: 1,
			maxResults: 100,
		});
	});

	it.each([
		['customer', 'Customer'],
		['SALESRECEIPT', 'SalesReceipt'],
		['paymentmethod', 'PaymentMethod'],
		['CompanyInfo', 'CompanyInfo'],
		['preferences', 'Preferences'],
	])('normalises the entity %s to %s', (written, canonical) => {
		expect(parseQuery(`select * from ${written}`).entity).toBe(canonical);
	});

	it.each(['=', '<', '>', '<=', '>='] as const)('reads the %s operator', (operator) => {
		expect(parseQuery(`SELECT * FROM Invoice WHERE TxnDate ${operator} '2025-01-02'`).where).toEqual([
			{ field: 'TxnDate', operator, value: '2025-01-02' },
		]);
	});

	it('reads operators written without spaces', () => {
		expect(parseQuery("SELECT * FROM Invoice WHERE TxnDate>='2025-01-02' AND DocNumber<='9'").where).toEqual([
			{ field: 'TxnDate', operator: '>=', value: '2025-01-02' },
			{ field: 'DocNumber', operator: '<=', value: '9' },
		]);
	});

	it('reads IN lists of quoted values and booleans', () => {
		expect(parseQuery("SELECT * FROM Customer WHERE Id IN ('5', '6','7') AND Active IN ( true, false )").where).toEqual([
			{ field: 'Id', operator: 'IN', value: ['5', '6', '7'] },
			{ field: 'Active', operator: 'IN', value: [true, false] },
		]);
	});

	it('reads an IN list of 1,000 values', () => {
		const ids = Array.from({ length: 1000 }, (_, i) => String(i + 1));
		const q = parseQuery(`SELECT * FROM Customer WHERE Id IN (${ids.map(quote).join(',')})`);
		expect(q.where[0].value).toEqual(ids);
	});

	it('reads LIKE patterns with % anywhere', () => {
		for (const pattern of ['Amy%', '%Sanctuary', '%Bird%', 'A%y%y']) {
			expect(parseQuery(`SELECT * FROM Customer WHERE DisplayName LIKE ${quote(pattern)}`).where[0]).toEqual({
				field: 'DisplayName',
				operator: 'LIKE',
				value: pattern,
			});
		}
	});

	it('reads booleans and bare numbers after comparison operators', () => {
		expect(parseQuery('SELECT * FROM Customer WHERE Active = false AND Balance > 10.5 AND Balance < 100').where).toEqual([
			{ field: 'Active', operator: '=', value: false },
			{ field: 'Balance', operator: '>', value: 10.5 },
			{ field: 'Balance', operator: '<', value: 100 },
		]);
	});

	it('reads dotted (nested) property names', () => {
		expect(parseQuery("SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2025-01-02T10:00:00-08:00'").where).toEqual([
			{ field: 'MetaData.LastUpdatedTime', operator: '>', value: '2025-01-02T10:00:00-08:00' },
		]);
	});

	it.each([
		["Amy's Bird Sanctuary", "'Amy\\'s Bird Sanctuary'"],
		['back\\slash', "'back\\\\slash'"],
		["trailing backslash\\", "'trailing backslash\\\\'"],
		["both \\' mixed", "'both \\\\\\' mixed'"],
		['Zoë Ünïcödé 東京', "'Zoë Ünïcödé 東京'"],
		['emoji 🎉🧾 party', "'emoji 🎉🧾 party'"],
		['', "''"],
	])('unescapes %j from its quoted form', (value, literal) => {
		expect(parseQuery(`SELECT * FROM Customer WHERE DisplayName = ${literal}`).where[0].value).toBe(value);
		expect(quote(value)).toBe(literal);
	});

	it('accepts ORDER BY written as two words, and MAXRESULTS before STARTPOSITION (as real clients send)', () => {
		const q = parseQuery('SELECT * FROM Customer ORDER BY DisplayName MAXRESULTS 1000 STARTPOSITION 1001');
		expect(q.orderBy).toEqual([{ field: 'DisplayName', direction: 'ASC' }]);
		expect(q).toMatchObject({ startPosition: 1001, maxResults: 1000 });
	});

	it('reads COUNT(*) in any case', () => {
		expect(parseQuery("select count(*) from Customer where Id IN ('5')")).toMatchObject({ count: true, entity: 'Customer' });
		expect(parseQuery('SELECT COUNT( * ) FROM Vendor').count).toBe(true);
	});

	it('reads queries spread over several lines', () => {
		expect(parseQuery("SELECT *\n FROM Customer\n WHERE DisplayName = 'x'\n").where).toHaveLength(1);
	});

	it('accepts MAXRESULTS 1000', () => {
		expect(parseQuery('SELECT * FROM Customer MAXRESULTS 1000').maxResults).toBe(1000);
	});
});

describe('parseQuery: what QuickBooks refuses with 4000 "Error parsing query"', () => {
	const parserError = (query: string) => {
		const error = faultOf(() => parseQuery(query));
		expect(error.code).toBe('4000');
		expect(error.Message).toBe('Error parsing query');
		return error.Detail;
	};

	it('refuses OR, pointing at it', () => {
		expect(parserError("select * from Customer where DisplayName = 'a' or DisplayName = 'b'")).toMatch(
			/^QueryParserError: Encountered " <OR> "or "" at line 1, column 48\.\nWas expecting one of:\n {4}<EOF> \n {4}<AND> \.\.\./,
		);
	});

	it('refuses a projection list that is not a list of properties', () => {
		expect(parserError('select Id, from Customer')).toMatch(/^QueryParserError: Encountered " "from" "from "" at line 1, column 12\./);
		expect(parserError('select Id DisplayName from Customer')).toContain('column 11.');
	});

	it('refuses JOIN, a second entity and GROUP BY', () => {
		expect(parserError("select * from Invoice join Customer on CustomerRef = Id")).toMatch(/Encountered " <IDENTIFIER> "join "" at line 1, column 23\./);
		expect(parserError('select * from Customer, Invoice')).toMatch(/Encountered " "," ", "" at line 1, column 23\./);
		expect(parserError('select * from Invoice group by CustomerRef')).toMatch(/Encountered " <IDENTIFIER> "group "" at line 1, column 23\./);
	});

	it('refuses unquoted numbers inside IN with the expectations QuickBooks lists', () => {
		expect(parserError('SELECT * FROM Vendor WHERE Id IN (1, 2, 3)')).toBe(
			'QueryParserError: Encountered " <INTEGER> "1 "" at line 1, column 35.\nWas expecting one of:\n    "false" ...\n    "true" ...\n    <STRING> ...\n    ',
		);
	});

	it('refuses unquoted words as values', () => {
		expect(parserError('SELECT * FROM Customer WHERE DisplayName = Bob')).toMatch(/Encountered " <IDENTIFIER> "Bob ""/);
		expect(parserError("SELECT * FROM Customer WHERE Id IN ('1', two)")).toMatch(/Encountered " <IDENTIFIER> "two ""/);
	});

	it('refuses an apostrophe that was not escaped, at the word after it (as QuickBooks does)', () => {
		expect(parserError("select * from vendor where DisplayName = 'Cutlery 'R Us'")).toMatch(
			/^QueryParserError: Encountered " <IDENTIFIER> "R "" at line 1, column 52\./,
		);
	});

	it('refuses an unterminated string as a lexical error', () => {
		expect(parserError("SELECT * FROM Customer WHERE DisplayName = 'abc")).toBe(
			'QueryParserError: Invalid content. Lexical error at line 1, column 48.  Encountered: <EOF> after : "\'abc"',
		);
	});

	it('refuses characters the language has no use for', () => {
		expect(parserError('SELECT * FROM Customer WHERE DisplayName = "Bob"')).toBe(
			'QueryParserError: Invalid content. Lexical error at line 1, column 44.  Encountered: """ (34), after : ""',
		);
		expect(parserError("SELECT * FROM Customer WHERE DisplayName LIKE 'a' %")).toContain('Encountered: "%" (37)');
	});

	it('refuses operators QuickBooks does not document: !=, <>, NOT, NOT IN', () => {
		expect(parserError("SELECT * FROM Customer WHERE Id != '1'")).toMatch(/Encountered " "!=" "!= ""/);
		expect(parserError("SELECT * FROM Customer WHERE Id <> '1'")).toMatch(/Encountered " "<>" "<> ""/);
		expect(parserError("SELECT * FROM Customer WHERE NOT Active = true")).toMatch(/Encountered " <NOT> "NOT ""/);
		expect(parserError("SELECT * FROM Customer WHERE Id NOT IN ('1')")).toMatch(/Encountered " <NOT> "NOT ""/);
	});

	it('refuses an empty query and a missing FROM', () => {
		expect(parserError('')).toBe('QueryParserError: Encountered "<EOF>" at line 1, column 1.\nWas expecting:\n    "select" ...\n    ');
		expect(parserError('SELECT *')).toMatch(/^QueryParserError: Encountered "<EOF>" at line 1, column 9\./);
		expect(parserError('SELECT * FORM Customer')).toMatch(/Encountered " <IDENTIFIER> "FORM "" at line 1, column 10\./);
	});

	it('refuses a LIKE whose pattern is not a string, and a dangling AND', () => {
		expect(parserError('SELECT * FROM Customer WHERE DisplayName LIKE 5')).toMatch(/Encountered " <INTEGER> "5 ""/);
		expect(parserError("SELECT * FROM Customer WHERE DisplayName = 'a' AND")).toMatch(/Encountered "<EOF>" at line 1, column 51\./);
	});

	it('refuses a repeated or misplaced paging clause', () => {
		expect(parserError('SELECT * FROM Customer MAXRESULTS 5 MAXRESULTS 6')).toMatch(/Encountered " "maxresults" "MAXRESULTS ""/);
		expect(parserError("SELECT * FROM Customer MAXRESULTS 5 WHERE Id = '1'")).toMatch(/Encountered " "where" "WHERE ""/);
		expect(parserError("SELECT * FROM Customer MAXRESULTS '5'")).toMatch(/Encountered " <STRING> "\\'5\\' ""/);
	});

	it('counts line and column across newlines', () => {
		expect(parserError("SELECT *\nFROM Customer\nWHERE DisplayName = 'a' OR Id = '1'")).toMatch(/at line 3, column 25\./);
	});
});

describe('parseQuery: what QuickBooks refuses with 4001 "Invalid query" (QueryValidationError)', () => {
	const validationError = (query: string) => {
		const error = faultOf(() => parseQuery(query));
		expect(error.code).toBe('4001');
		expect(error.Message).toBe('Invalid query');
		return error.Detail;
	};

	it('refuses an unknown entity with QuickBooks wording', () => {
		expect(validationError('SELECT * FROM Custmoer')).toBe('QueryValidationError: invalid context declaration: Custmoer');
	});

	it('refuses MAXRESULTS over 1000', () => {
		expect(validationError('SELECT * FROM Customer MAXRESULTS 1001')).toBe(
			'QueryValidationError: value 1001 is too large. Max allowed value is 1000',
		);
		expect(validationError('SELECT * FROM Customer STARTPOSITION 1 MAXRESULTS 1500')).toBe(
			'QueryValidationError: value 1500 is too large. Max allowed value is 1000',
		);
	});

	it('refuses STARTPOSITION or MAXRESULTS below 1', () => {
		expect(validationError('SELECT * FROM Customer STARTPOSITION 0')).toMatch(/value 0 is too small/);
		expect(validationError('SELECT * FROM Customer MAXRESULTS 0')).toMatch(/value 0 is too small/);
	});

	it('refuses a property the entity does not have', () => {
		expect(validationError("SELECT * FROM Customer WHERE Foo = '1'")).toBe('QueryValidationError: Property Foo not found for Entity Customer');
		expect(validationError("SELECT * FROM Customer WHERE PrimaryEmailAddr.Address = 'a@b.c'")).toBe(
			'QueryValidationError: Property PrimaryEmailAddr.Address not found for Entity Customer',
		);
		expect(validationError("SELECT * FROM Invoice WHERE displayname = 'x'")).toMatch(/Property displayname not found for Entity Invoice/);
	});

	it('refuses a property that exists but is not filterable', () => {
		expect(validationError("SELECT * FROM Customer WHERE CustomerTypeRef = '698682'")).toBe(
			"QueryValidationError: property 'CustomerTypeRef' is not queryable",
		);
		expect(validationError("SELECT * FROM Invoice WHERE DepartmentRef = '1'")).toBe("QueryValidationError: property 'DepartmentRef' is not queryable");
		expect(validationError("SELECT * FROM Customer WHERE Notes LIKE '%x%'")).toBe("QueryValidationError: property 'Notes' is not queryable");
	});

	it('refuses ORDERBY on a property that is not sortable', () => {
		expect(validationError('SELECT * FROM Invoice ORDERBY CustomerRef')).toBe("QueryValidationError: property 'CustomerRef' is not sortable");
		expect(validationError('SELECT * FROM Invoice ORDERBY Nope')).toBe('QueryValidationError: Property Nope not found for Entity Invoice');
	});

	it('reports the syntax error first when a query has both kinds of fault', () => {
		expect(faultOf(() => parseQuery("SELECT * FROM Custmoer WHERE Foo = 'a' OR Bar = 'b'")).code).toBe('4000');
	});
});
