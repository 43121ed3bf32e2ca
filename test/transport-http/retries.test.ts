import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { qboQueryAll, qboRequest, QboQuery } from '../../nodes/shared/transport';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { useFastRetries } from '../support/fast-retries';
import { createTransportContext } from '../support/n8n-context';

useFastRetries();
let qbo: TestEmulator;
beforeAll(async () => {
	qbo = await startEmulatorForTests();
});
beforeEach(async () => {
	await fetch(`${qbo.url}/__admin/faults`, { method: 'DELETE' });
	await qbo.admin('stats/reset', {});
});
afterAll(async () => await qbo?.stop());

interface Stats {
	requests: number;
	byStatus: Record<string, number>;
	dropped: number;
	byEndpoint: Record<string, number>;
	writesByEntity: Record<string, number>;
}
const stats = async () => await qbo.admin<Stats>('stats');

async function countNamed(name: string): Promise<number> {
	const { context } = createTransportContext({ credentials: qbo.credentials() });
	return ((await qboQueryAll.call(context, QboQuery.from('Customer').where('DisplayName', '=', name))) as IDataObject[]).length;
}

describe('retries', () => {
	it('repeats after a 500 and a 503, then succeeds', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qbo.admin('faults', { count: 1, mode: 'fail', status: 500, match: { pathIncludes: '/companyinfo' } });
		await qbo.admin('faults', { count: 1, mode: 'fail', status: 503, match: { pathIncludes: '/companyinfo' } });
		const answer = (await qboRequest.call(context, { method: 'GET', path: `/companyinfo/${qbo.realms.us}` })) as IDataObject;
		expect((answer.CompanyInfo as IDataObject).CompanyName).toBeTruthy();
		const s = await stats();
		expect(s.byStatus).toMatchObject({ 500: 1, 503: 1, 200: 1 });
		expect(s.requests).toBe(3);
	});

	it('repeats a create whose answer was lost with the same requestid: exactly one customer', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qbo.admin('faults', { count: 1, mode: 'drop', match: { method: 'POST', pathIncludes: '/customer' } });
		const created = (await qboRequest.call(context, { method: 'POST', path: '/customer', body: { DisplayName: 'Dropped Once' } })) as IDataObject;
		expect((created.Customer as IDataObject).DisplayName).toBe('Dropped Once');
		const s = await stats();
		expect(s.dropped).toBe(1);
		expect(s.byEndpoint['POST /customer']).toBe(2);
		expect(s.writesByEntity.Customer).toBe(1);
		expect(await countNamed('Dropped Once')).toBe(1);
	});

	it('gives up on a hanging request after its timeout and repeats it safely', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qbo.admin('faults', { count: 1, mode: 'hang', match: { method: 'POST', pathIncludes: '/customer' } });
		const created = (await qboRequest.call(context, {
			method: 'POST',
			path: '/customer',
			body: { DisplayName: 'Hung Once' },
			retry: { timeoutMs: 500 },
		})) as IDataObject;
		expect((created.Customer as IDataObject).Id).toBeTruthy();
		expect(await countNamed('Hung Once')).toBe(1);
	});

	it('stops after the configured attempts with an error that says what happened', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qbo.admin('faults', { count: 50, mode: 'fail', status: 503, match: { pathIncludes: '/companyinfo' } });
		const failure = qboRequest.call(context, { method: 'GET', path: `/companyinfo/${qbo.realms.us}`, itemIndex: 2, retry: { maxAttempts: 4 } });
		await expect(failure).rejects.toBeInstanceOf(NodeApiError);
		const error = (await failure.catch((e: unknown) => e)) as NodeApiError;
		expect(error.message).toMatch(/^QuickBooks (request failed with HTTP 503|error \d+:.*) \(item 2\)$/);
		expect(error.context.attempts).toBe(4);
		expect(error.context.itemIndex).toBe(2);
		expect((await stats()).requests).toBe(4);
	});

	it('does not repeat a validation fault', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qboRequest.call(context, { method: 'POST', path: '/customer', body: { DisplayName: 'Only Once' } });
		await qbo.admin('stats/reset', {});
		const other = createTransportContext({ credentials: qbo.credentials() }).context;
		await expect(qboRequest.call(other, { method: 'POST', path: '/customer', body: { DisplayName: 'Only Once' } })).rejects.toThrow(/6240/);
		expect((await stats()).requests).toBe(1);
	});
});

describe('requestid', () => {
	const body = { DisplayName: 'Replay Or Not' };

	it('replays within an execution (n8n "Retry On Fail" re-runs the node with the same execution id)', async () => {
		const first = createTransportContext({ credentials: qbo.credentials(), executionId: 'exec-replay' }).context;
		const again = createTransportContext({ credentials: qbo.credentials(), executionId: 'exec-replay' }).context;
		const a = (await qboRequest.call(first, { method: 'POST', path: '/customer', body })) as IDataObject;
		const b = (await qboRequest.call(again, { method: 'POST', path: '/customer', body })) as IDataObject;
		expect((b.Customer as IDataObject).Id).toBe((a.Customer as IDataObject).Id);
		expect(await countNamed('Replay Or Not')).toBe(1);
	});

	it('writes for real in a new execution (here QuickBooks answers 6240: the name exists)', async () => {
		const next = createTransportContext({ credentials: qbo.credentials(), executionId: 'exec-next' }).context;
		await expect(qboRequest.call(next, { method: 'POST', path: '/customer', body })).rejects.toThrow(/QuickBooks error 6240/);
	});

	it('keeps two writes of one execution apart when their idempotency keys differ', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials(), executionId: 'exec-keys' });
		const same = { DisplayName: 'Keyed Twice' };
		await qboRequest.call(context, { method: 'POST', path: '/customer', body: same, idempotencyKey: 'item-0' });
		await expect(qboRequest.call(context, { method: 'POST', path: '/customer', body: same, idempotencyKey: 'item-1' })).rejects.toThrow(/6240/);
	});
});
