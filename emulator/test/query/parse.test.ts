import { QboFault } from '../../src/contracts';
import { parseQuery } from '../../src/query';

/** Runs `fn`, expecting a QboFault; returns its single error for assertions. */
function faultOf(fn: () => unknown) {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(QboFault);
		const fault = error as QboFault;
		expect(fault.status).toBe(400);
		expect(fault.type).toBe('ValidationFault');
		expect(fault.errors).toHaveLength(1);
		return fault.errors[0];
	}
	throw new Error('expected a QboFault, got none');
}

describe('parseQuery: the grammar QuickBooks accepts', () => {
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
		const q = parseQuery('SELECT * FROM SalesReceipt');
		expect(q).toMatchObject({ entity: 'SalesReceipt', startPosition: 1, maxResults: 100, where: [], orderBy: [] });
	});

	it('refuses OR as a parser error (4000) pointing at the OR', () => {
		const error = faultOf(() => parseQuery("select * from Customer where DisplayName = 'a' or DisplayName = 'b'"));
		expect(error.code).toBe('4000');
		expect(error.Message).toBe('Error parsing query');
		expect(error.Detail).toMatch(/^QueryParserError: Encountered " <OR> "or "" at line 1, column 48\./);
	});
});
