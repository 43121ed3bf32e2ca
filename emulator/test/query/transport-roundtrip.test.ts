import { QboQuery } from '../../../nodes/shared/transport/query';
import { executeQuery, parseQuery } from '../../src/query';

// The node pack's query builder and the emulator's parser must agree on escaping, or a customer
// named "Amy's \ Café 🎉" would be found by neither.
describe("the node pack's query builder, read by the emulator's parser", () => {
	const awkward = ["Amy's Bird Sanctuary", 'back\\slash', "both \\' at once", 'trailing\\', 'Zoë 東京 🎉🧾', "''", '%_%'];

	it.each(awkward)('round-trips %j through escaping and parsing', (name) => {
		const text = QboQuery.from('Customer').where('DisplayName', '=', name).toString(1, 1000);
		expect(parseQuery(text).where).toEqual([{ field: 'DisplayName', operator: '=', value: name }]);
	});

	it('round-trips IN lists, numbers, booleans and ORDERBY', () => {
		const text = QboQuery.from('Invoice')
			.where('Balance', '>', 0)
			.where('TxnDate', '>=', '2025-01-01')
			.whereIn('CustomerRef', ['1', "O'Brien", 12])
			.orderBy('MetaData.LastUpdatedTime', 'DESC')
			.toString(1001, 1000);
		expect(parseQuery(text)).toEqual({
			entity: 'Invoice',
			count: false,
			where: [
				{ field: 'Balance', operator: '>', value: 0 },
				{ field: 'TxnDate', operator: '>=', value: '2025-01-01' },
				{ field: 'CustomerRef', operator: 'IN', value: ['1', "O'Brien", '12'] },
			],
			orderBy: [{ field: 'MetaData.LastUpdatedTime', direction: 'DESC' }],
			startPosition: 1001,
			maxResults: 1000,
		});
	});

	it('finds every awkward name it was asked for, and only that one', () => {
		const rows = awkward.map((DisplayName, i) => ({ Id: String(i + 1), DisplayName, Active: true }));
		awkward.forEach((name, i) => {
			const body = executeQuery(parseQuery(QboQuery.from('Customer').where('DisplayName', '=', name).toString()), rows);
			expect((body.Customer as Array<{ Id: string }>).map((r) => r.Id)).toEqual([String(i + 1)]);
		});
	});
});
