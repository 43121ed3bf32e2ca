import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { canonicalEntity, itemResult, toBatchItemRequest } from '../../../nodes/shared/transport/batch';

const node = { id: 'n', name: 'QuickBooks Sync', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

describe('batch requests', () => {
	it('spells entity keys as QuickBooks does', () => {
		expect(canonicalEntity('salesreceipt')).toBe('SalesReceipt');
		expect(canonicalEntity('invoice')).toBe('Invoice');
		expect(canonicalEntity('CreditMemo')).toBe('CreditMemo');
		expect(canonicalEntity('someNewThing')).toBe('SomeNewThing');
	});

	it('builds writes, voids (update + optionsData) and queries', () => {
		expect(toBatchItemRequest({ operation: 'create', entity: 'customer', body: { DisplayName: 'A' } }, '1')).toEqual({
			bId: '1',
			operation: 'create',
			Customer: { DisplayName: 'A' },
		});
		expect(toBatchItemRequest({ operation: 'void', entity: 'invoice', body: { Id: '9', SyncToken: '0' } }, '2')).toEqual({
			bId: '2',
			operation: 'update',
			optionsData: 'void',
			Invoice: { Id: '9', SyncToken: '0' },
		});
		expect(toBatchItemRequest({ query: 'SELECT * FROM Item' }, '3')).toEqual({ bId: '3', Query: 'SELECT * FROM Item' });
	});
});

describe('batch answers', () => {
	it('returns the entity object of a success', () => {
		expect(itemResult(node, { bId: '1', Customer: { Id: '5' } })).toEqual({ ok: true, entity: 'Customer', data: { Id: '5' } });
		expect(itemResult(node, { bId: '2', QueryResponse: { Item: [] } })).toEqual({ ok: true, entity: undefined, data: { Item: [] } });
	});

	it('turns an item Fault into that item\'s NodeApiError with every code', () => {
		const result = itemResult(
			node,
			{ bId: '4', Fault: { Error: [{ Message: 'Duplicate Name Exists Error', Detail: 'The name supplied already exists. : Id=3', code: '6240' }], type: 'ValidationFault' } },
			7,
			'Acme',
		);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.codes).toEqual(['6240']);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error.message).toBe('QuickBooks error 6240: Duplicate Name Exists Error (item 7 "Acme")');
		expect(result.error.context.itemIndex).toBe(7);
	});

	it('reports an item QuickBooks did not answer instead of dropping it', () => {
		const result = itemResult(node, undefined, 2);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.error.message).toMatch(/no answer for this batch item \(item 2\)/);
	});
});
