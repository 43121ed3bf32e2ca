import { holds, oldest, updateApplied } from '../../../nodes/QuickBooksSync/sync/exactlyOnce';

describe('exactly once: the pure parts', () => {
	test('the oldest record (lowest Id, compared as numbers) wins', () => {
		expect(oldest([{ Id: '10' }, { Id: '9' }, { Id: '100' }])).toEqual({ Id: '9' });
		expect(oldest([])).toBeUndefined();
	});

	test('a stored document holds an update when every value sent is there', () => {
		const stored = {
			Id: '5',
			SyncToken: '1',
			PrivateNote: 'note',
			CustomerMemo: { value: 'Thanks' },
			TotalAmt: 20,
			CustomField: [
				{ DefinitionId: '1', Name: 'PO Number', Type: 'StringType', StringValue: 'PO-1' },
				{ DefinitionId: '2', Name: 'Tracking No', Type: 'StringType' },
			],
			Line: [
				{ Id: '1', LineNum: 1, Amount: 20, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '2', name: 'Design' }, Qty: 1 } },
				{ Amount: 20, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
			],
		};
		expect(updateApplied(stored, { Id: '5', SyncToken: '0', sparse: true, PrivateNote: 'note', CustomerMemo: { value: 'Thanks' } })).toBe(true);
		expect(updateApplied(stored, { Id: '5', SyncToken: '0', CustomField: [{ DefinitionId: '1', Type: 'StringType', StringValue: 'PO-1' }] })).toBe(true);
		expect(updateApplied(stored, { Line: [{ Amount: '20.00', DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '2' }, Qty: 1 } }] })).toBe(true);
		// Another value, another line, a field the document lacks: not there yet.
		expect(updateApplied(stored, { PrivateNote: 'other' })).toBe(false);
		expect(updateApplied(stored, { Line: [{ Amount: 30, DetailType: 'SalesItemLineDetail' }] })).toBe(false);
		expect(updateApplied(stored, { DueDate: '2027-01-01' })).toBe(false);
	});

	test('holds compares numbers by value and nothing else loosely', () => {
		expect(holds(10, '10')).toBe(true);
		expect(holds('a', 'a')).toBe(true);
		expect(holds('a', 'A')).toBe(false);
		expect(holds(undefined, {})).toBe(false);
		expect(holds({ a: 1 }, [1])).toBe(false);
	});
});
