import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { asNodeError } from '../../../nodes/shared/transport';

const node: INode = {
	id: 'node-1',
	name: 'QuickBooks Sync',
	type: 'n8n-nodes-quickbooks-sync.quickBooksSync',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

describe('asNodeError (what a catch block throws)', () => {
	it("passes n8n's own errors through as they are", () => {
		const api = new NodeApiError(node, { message: 'Throttled' }, { message: 'QuickBooks error 3001', httpCode: '429' });
		const operation = new NodeOperationError(node, 'Quantity -2 is negative', { itemIndex: 3 });
		expect(asNodeError(node, api)).toBe(api);
		expect(asNodeError(node, operation)).toBe(operation);
	});

	it('wraps anything else in a NodeOperationError that keeps the message and, when known, the item', () => {
		const wrapped = asNodeError(node, new TypeError('Cannot read properties of undefined'), 2);
		expect(wrapped).toBeInstanceOf(NodeOperationError);
		expect(wrapped.message).toBe('Cannot read properties of undefined');
		expect(wrapped.context.itemIndex).toBe(2);
		expect(wrapped.node).toBe(node);
		expect(asNodeError(node, new Error('socket hang up')).context.itemIndex).toBeUndefined();
	});
});
