import { escapeQueryValue, QboQuery, queryLiteral } from '../../../nodes/shared/transport';

describe('escapeQueryValue', () => {
	it('backslash-escapes an apostrophe', () => {
		expect(escapeQueryValue("Amy's Bird Sanctuary")).toBe("Amy\\'s Bird Sanctuary");
	});

	it('escapes a backslash before the apostrophe so the escapes are not doubled', () => {
		expect(escapeQueryValue('C:\\dir')).toBe('C:\\\\dir');
		expect(escapeQueryValue("a\\'b")).toBe("a\\\\\\'b");
	});

	it('leaves unicode and emoji untouched', () => {
		expect(escapeQueryValue('Société Générale ☕ 🚀 日本')).toBe('Société Générale ☕ 🚀 日本');
	});
});

describe('QboQuery', () => {
	it('builds SELECT with ANDed conditions, order and paging', () => {
		const text = QboQuery.from('Customer')
			.where('DisplayName', '=', "O'Brien")
			.where('Active', '=', true)
			.where('Balance', '>', 10.5)
			.orderBy('MetaData.LastUpdatedTime', 'DESC')
			.toString(1001, 1000);
		expect(text).toBe(
			"SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien' AND Active = true AND Balance > 10.5 " +
				'ORDERBY MetaData.LastUpdatedTime DESC STARTPOSITION 1001 MAXRESULTS 1000',
		);
	});

	it('quotes every IN value, numbers too (unquoted IN values are a 4000 error)', () => {
		expect(QboQuery.from('Item').whereIn('Id', [1, '2', "x'y"]).toString()).toBe("SELECT * FROM Item WHERE Id IN ('1','2','x\\'y')");
	});

	it('counts without ORDERBY', () => {
		expect(QboQuery.from('Invoice').where('DocNumber', 'LIKE', 'WO-%').orderBy('Id').count().toString()).toBe(
			"SELECT COUNT(*) FROM Invoice WHERE DocNumber LIKE 'WO-%'",
		);
	});

	it('never lets MAXRESULTS exceed 1000', () => {
		expect(QboQuery.from('Customer').toString(1, 5000)).toBe('SELECT * FROM Customer STARTPOSITION 1 MAXRESULTS 1000');
	});

	it('rejects field names and operators that could inject text', () => {
		expect(() => QboQuery.from('Customer').where("Name' OR 1=1 --", '=', 'x')).toThrow(/field name/);
		expect(() => QboQuery.from('Customer; DROP').toString()).toThrow(/entity name/);
		expect(() => QboQuery.from('Customer').where('Name', 'OR' as never, 'x')).toThrow(/operator/);
		expect(() => QboQuery.from('Customer').whereIn('Id', [])).toThrow(/Empty IN/);
	});

	it('renders literals by type', () => {
		expect(queryLiteral(3)).toBe('3');
		expect(queryLiteral(false)).toBe('false');
		expect(queryLiteral('a')).toBe("'a'");
		expect(() => queryLiteral(Number.NaN)).toThrow();
	});
});
