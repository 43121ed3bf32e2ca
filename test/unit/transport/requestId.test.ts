import { deterministicRequestId, executionScope, stableStringify } from '../../../nodes/shared/transport/requestId';

const base = {
	scope: 'exec:42',
	node: { id: 'node-1', name: 'QuickBooks' },
	realmId: '9130354337211001',
	method: 'POST',
	path: '/customer',
	body: { DisplayName: 'Acme', PrimaryEmailAddr: { Address: 'a@b.c' } },
};

describe('deterministic requestid', () => {
	it('is the same for the same write in the same execution, whatever the key order', () => {
		const again = { ...base, body: { PrimaryEmailAddr: { Address: 'a@b.c' }, DisplayName: 'Acme' } };
		expect(deterministicRequestId(base)).toBe(deterministicRequestId(again));
	});

	it('changes with the execution, the node, the body, the realm and the idempotency key', () => {
		const id = deterministicRequestId(base);
		expect(deterministicRequestId({ ...base, scope: 'exec:43' })).not.toBe(id);
		expect(deterministicRequestId({ ...base, node: { id: 'node-2', name: 'QuickBooks' } })).not.toBe(id);
		expect(deterministicRequestId({ ...base, body: { DisplayName: 'Acme2' } })).not.toBe(id);
		expect(deterministicRequestId({ ...base, realmId: '9130354337211002' })).not.toBe(id);
		expect(deterministicRequestId({ ...base, idempotencyKey: 'item-3' })).not.toBe(id);
	});

	it('ignores minorversion and an existing requestid in the query string', () => {
		expect(deterministicRequestId({ ...base, qs: { minorversion: 75, requestid: 'x' } })).toBe(deterministicRequestId(base));
		expect(deterministicRequestId({ ...base, qs: { operation: 'delete' } })).not.toBe(deterministicRequestId(base));
	});

	it('fits QuickBooks limits: ≤ 50 characters, ≤ 36 on batch, URL-safe', () => {
		expect(deterministicRequestId(base)).toMatch(/^n8n-[0-9a-f]{46}$/);
		expect(deterministicRequestId(base, 36)).toMatch(/^n8n-[0-9a-f]{32}$/);
	});

	it('uses the execution id, else a nonce bound to the context object', () => {
		expect(executionScope({ getExecutionId: () => '77' })).toBe('exec:77');
		const contextA = { getExecutionId: () => '' };
		const contextB = {
			getExecutionId: (): string => {
				throw new Error('no execution');
			},
		};
		expect(executionScope(contextA)).toBe(executionScope(contextA));
		expect(executionScope(contextA)).not.toBe(executionScope(contextB));
		expect(executionScope(contextA)).toMatch(/^ctx:/);
	});

	it('stringifies stably', () => {
		expect(stableStringify({ b: 1, a: [{ d: 2, c: undefined }] })).toBe('{"a":[{"d":2}],"b":1}');
	});
});
