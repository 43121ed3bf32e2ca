import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSyncTrigger } from '../../../nodes/QuickBooksSyncTrigger/QuickBooksSyncTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runPoll, TestCredentials } from '../../support/n8n-context';
import { ALL_ENTITIES, ALL_VERBS, createOneOfEach, qboApi, type QboApi } from './qboApi';

jest.setTimeout(120_000);
// Injected 500s are retried by the transport; keep its backoff short so the tests stay quick.
process.env.QBO_SYNC_RETRY_BASE_MS = '20';
process.env.QBO_SYNC_RETRY_ATTEMPTS = '2';

let test_: TestEmulator;
let api: QboApi;

beforeAll(async () => {
	test_ = await startEmulatorForTests({ limits: false });
	api = qboApi(test_);
});
afterAll(async () => await test_.stop());

const everything = { entities: ALL_ENTITIES, events: ALL_VERBS, statusEvents: ['invoice.paid', 'invoice.partially_paid', 'estimate.accepted'] };

/** One poll in an active workflow, sharing static data and the credential store between polls. */
async function poll(staticData: IDataObject, credentials: TestCredentials, parameters: IDataObject = everything, mode: 'trigger' | 'manual' = 'trigger') {
	const { output } = await runPoll(QuickBooksSyncTrigger, { credentials, parameters: parameters as never, staticData, mode });
	return (output?.[0] ?? []).map((item) => item.json as IDataObject);
}

/** n8n keeps a node's static data under 'node:<name>' in the workflow's static data. */
const nodeState = (staticData: IDataObject) => (staticData['node:QuickBooks Sync Trigger'] ?? {}) as IDataObject;
const summary = (events: IDataObject[]) => events.map((e) => `${String(e.event)}#${String(e.id)}`).sort();
const requestsSoFar = async () => (await test_.admin<{ requests: number; byEndpoint: Record<string, number> }>('stats'));

describe('QuickBooks Sync Trigger (polling) against the emulator', () => {
	test('create, update, delete, void and email of every entity arrive once and only once', async () => {
		const credentials = new TestCredentials(test_.credentials());
		const staticData: IDataObject = {};
		expect(await poll(staticData, credentials)).toEqual([]);
		expect(typeof nodeState(staticData).cursor).toBe('string');

		const made = await createOneOfEach(api, 'poll');
		const created = await poll(staticData, credentials);
		const expectCreated = ALL_ENTITIES.map((entity) => `${entity.toLowerCase()}.created#${String(made[entity].Id)}`);
		// The payment applied to the invoice inside the same window: created (with its current balance) + partially paid.
		expect(summary(created)).toEqual([...expectCreated, `invoice.partially_paid#${String(made.Invoice.Id)}`].sort());
		const invoiceEvent = created.find((e) => e.event === 'invoice.created')!;
		expect(invoiceEvent).toMatchObject({ entity: 'Invoice', realmId: api.realmId, id: made.Invoice.Id });
		expect((invoiceEvent.object as IDataObject).Balance).toBe(70);
		expect(await poll(staticData, credentials)).toEqual([]);

		for (const entity of ['Customer', 'Vendor', 'Item', 'Estimate', 'Bill']) {
			const edit = { Customer: { CompanyName: 'Edited' }, Vendor: { CompanyName: 'Edited' }, Item: { Description: 'Edited' } }[entity] ?? { PrivateNote: 'Edited' };
			await api.update(entity, { Id: made[entity].Id, SyncToken: made[entity].SyncToken, ...edit });
		}
		const updated = await poll(staticData, credentials);
		expect(summary(updated)).toEqual(['Customer', 'Vendor', 'Item', 'Estimate', 'Bill'].map((e) => `${e.toLowerCase()}.updated#${String(made[e].Id)}`).sort());
		expect(await poll(staticData, credentials)).toEqual([]);

		await api.send('Invoice', String(made.Invoice.Id));
		await api.send('SalesReceipt', String(made.SalesReceipt.Id));
		const emailed = await poll(staticData, credentials);
		expect(summary(emailed)).toEqual([`invoice.emailed#${String(made.Invoice.Id)}`, `salesreceipt.emailed#${String(made.SalesReceipt.Id)}`].sort());

		const ids = (e: string) => String(made[e].Id);
		const invoice = await api.read('Invoice', ids('Invoice'));
		const secondPayment = await api.create('Payment', {
			CustomerRef: invoice.CustomerRef,
			TotalAmt: invoice.Balance,
			Line: [{ Amount: invoice.Balance, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
		});
		const paid = await poll(staticData, credentials);
		expect(summary(paid)).toEqual([`invoice.paid#${ids('Invoice')}`, `invoice.updated#${ids('Invoice')}`, `payment.created#${String(secondPayment.Id)}`].sort());
		const editedAfterPaid = await api.read('Invoice', ids('Invoice'));
		await api.update('Invoice', { Id: editedAfterPaid.Id, SyncToken: editedAfterPaid.SyncToken, PrivateNote: 'thanks' });
		expect(summary(await poll(staticData, credentials))).toEqual([`invoice.updated#${ids('Invoice')}`]);

		await api.voidIt('Payment', await api.read('Payment', ids('Payment')));
		await api.voidIt('SalesReceipt', await api.read('SalesReceipt', ids('SalesReceipt')));
		await api.voidIt('CreditMemo', await api.read('CreditMemo', ids('CreditMemo')));
		await api.remove('Bill', await api.read('Bill', ids('Bill')));
		await api.remove('Estimate', await api.read('Estimate', ids('Estimate')));
		const customer = await api.read('Customer', ids('Customer'));
		await api.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, Active: false });
		const removed = await poll(staticData, credentials);
		expect(summary(removed)).toEqual(
			[
				`payment.voided#${ids('Payment')}`,
				// Voiding a payment gives the invoice a balance back: an update, not a payment.
				`invoice.updated#${ids('Invoice')}`,
				`salesreceipt.voided#${ids('SalesReceipt')}`,
				`creditmemo.voided#${ids('CreditMemo')}`,
				`bill.deleted#${ids('Bill')}`,
				`estimate.deleted#${ids('Estimate')}`,
				`customer.deleted#${ids('Customer')}`,
			].sort(),
		);
		const deletedBill = removed.find((e) => e.event === 'bill.deleted')!;
		expect(deletedBill.object).toMatchObject({ status: 'Deleted', Id: ids('Bill') });
		expect(await poll(staticData, credentials)).toEqual([]);
	});

	test('an invoice older than the trigger reports "paid" when paid (open invoices are remembered at activation); an estimate accepted reports once', async () => {
		const made = await createOneOfEach(api, 'seed');
		const alreadyPaid = await api.create('Invoice', { CustomerRef: made.Invoice.CustomerRef, Line: made.Invoice.Line });
		const payInFull = async (invoice: Record<string, unknown>) =>
			await api.create('Payment', {
				CustomerRef: invoice.CustomerRef,
				TotalAmt: invoice.Balance,
				Line: [{ Amount: invoice.Balance, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
			});
		await payInFull(await api.read('Invoice', String(alreadyPaid.Id)));
		// An hour later (far outside the first poll's overlap), the trigger is switched on.
		await test_.admin('clock/advance', { ms: 3600_000 });
		const credentials = new TestCredentials(test_.credentials());
		const staticData: IDataObject = {};
		const parameters = { entities: ['Invoice'], events: [], statusEvents: ['invoice.paid', 'estimate.accepted'] };
		expect(await poll(staticData, credentials, parameters)).toEqual([]);

		await payInFull(await api.read('Invoice', String(made.Invoice.Id)));
		const paidBefore = await api.read('Invoice', String(alreadyPaid.Id));
		await api.update('Invoice', { Id: paidBefore.Id, SyncToken: paidBefore.SyncToken, PrivateNote: 'edited after payment' });
		const estimate = await api.read('Estimate', String(made.Estimate.Id));
		await api.update('Estimate', { Id: estimate.Id, SyncToken: estimate.SyncToken, TxnStatus: 'Accepted' });
		expect(summary(await poll(staticData, credentials, parameters))).toEqual([`estimate.accepted#${String(made.Estimate.Id)}`, `invoice.paid#${String(made.Invoice.Id)}`]);

		const accepted = await api.read('Estimate', String(made.Estimate.Id));
		await api.update('Estimate', { Id: accepted.Id, SyncToken: accepted.SyncToken, PrivateNote: 'still accepted' });
		expect(await poll(staticData, credentials, parameters)).toEqual([]);
	});

	test('one request per poll, for 1 and for 9 watched entities', async () => {
		for (const entities of [['Invoice'], ALL_ENTITIES]) {
			const credentials = new TestCredentials(test_.credentials());
			const staticData: IDataObject = {};
			await poll(staticData, credentials, { entities, events: ['created', 'updated'] });
			await createOneOfEach(api, 'count');
			const before = await requestsSoFar();
			const events = await poll(staticData, credentials, { entities, events: ['created', 'updated'] });
			const after = await requestsSoFar();
			expect(events.length).toBeGreaterThanOrEqual(entities.length);
			expect(after.requests - before.requests).toBe(1);
		}
	});

	test('2,500 changes between two polls all arrive (CDC stops at 1,000; queries read the rest)', async () => {
		const credentials = new TestCredentials(test_.credentials());
		const staticData: IDataObject = {};
		const parameters = { entities: ['Customer', 'Invoice'], events: ['created', 'updated'] };
		await poll(staticData, credentials, parameters);
		const ids = new Set<string>();
		for (let i = 0; i < 2500; i++) {
			const customer = test_.emulator.accounting.create(api.realmId, 'Customer', { DisplayName: `Bulk ${Date.now()} ${i}` });
			ids.add(String(customer.Id));
		}
		const before = await requestsSoFar();
		const events = await poll(staticData, credentials, parameters);
		const after = await requestsSoFar();
		// One CDC call (cut off at 1,000), then pages of 1,000 per entity.
		expect(after.requests - before.requests).toBeGreaterThanOrEqual(4);
		const reported = events.filter((e) => e.event === 'customer.created').map((e) => String(e.id));
		expect(reported.length).toBe(2500);
		expect(new Set(reported)).toEqual(ids);
		expect(await poll(staticData, credentials, parameters)).toEqual([]);
	});

	test('a cursor 40 days old still catches up (queries instead of CDC)', async () => {
		const credentials = new TestCredentials(test_.credentials());
		const staticData: IDataObject = {};
		const parameters = { entities: ['Customer', 'Invoice'], events: ['created', 'updated', 'deleted'] };
		await poll(staticData, credentials, parameters);
		await test_.admin('clock/advance', { ms: 40 * 24 * 3600 * 1000 });
		const made = await createOneOfEach(api, 'old');
		const events = await poll(staticData, credentials, parameters);
		expect(summary(events)).toEqual([`customer.created#${String(made.Customer.Id)}`, `invoice.created#${String(made.Invoice.Id)}`].sort());
		// The cursor is QuickBooks' time now, so the next poll is back to one CDC request.
		const before = await requestsSoFar();
		expect(await poll(staticData, credentials, parameters)).toEqual([]);
		expect((await requestsSoFar()).requests - before.requests).toBe(1);
	});

	test('"Emit Records Changed Since" backfills on the first activation', async () => {
		const credentials = new TestCredentials(test_.credentials());
		const made = await createOneOfEach(api, 'backfill');
		const staticData: IDataObject = {};
		const since = new Date(Date.parse(String((made.Customer.MetaData as IDataObject).CreateTime)) - 1000).toISOString();
		const events = await poll(staticData, credentials, { entities: ['Customer'], events: ['created'], options: { emitChangedSince: since } });
		expect(summary(events)).toContain(`customer.created#${String(made.Customer.Id)}`);
	});

	test('an "Emit Records Changed Since" that is no date is refused naming the option, in both modes, and nothing is recorded', async () => {
		const credentials = new TestCredentials(test_.credentials());
		for (const mode of ['trigger', 'manual'] as const) {
			for (const since of ['next tuesday', '12/08/2026', '2026-02-30']) {
				const staticData: IDataObject = {};
				await expect(poll(staticData, credentials, { entities: ['Customer'], events: ['created'], options: { emitChangedSince: since } }, mode)).rejects.toThrow(
					/Emit Records Changed Since/,
				);
				expect(nodeState(staticData)).toEqual({});
			}
		}
	});

	test('a failed poll is logged, moves nothing, and the next poll reads the same changes', async () => {
		const credentials = new TestCredentials(test_.credentials());
		const staticData: IDataObject = {};
		const parameters = { entities: ['Customer'], events: ['created'] };
		await poll(staticData, credentials, parameters);
		const cursor = nodeState(staticData).cursor;
		expect(typeof cursor).toBe('string');
		const customer = await api.create('Customer', { DisplayName: `Retry ${Date.now()}` });
		await test_.admin('faults', { count: 20, mode: 'fail', status: 500, match: { pathIncludes: '/cdc' } });
		expect(await poll(staticData, credentials, parameters)).toEqual([]);
		expect(nodeState(staticData).cursor).toBe(cursor);
		await fetch(`${test_.url}/__admin/faults`, { method: 'DELETE' });
		expect(summary(await poll(staticData, credentials, parameters))).toEqual([`customer.created#${String(customer.Id)}`]);
	});

	test('manual "Fetch Test Event" returns one real recent record, and errors are thrown', async () => {
		const credentials = new TestCredentials(test_.credentials());
		// QuickBooks' times have whole seconds: step past the other tests' records so this one is the newest.
		await new Promise((resolve) => setTimeout(resolve, 1100));
		const customer = await api.create('Customer', { DisplayName: `Manual ${Date.now()}` });
		const events = await poll({}, credentials, { entities: ['Customer'], events: ['created'] }, 'manual');
		expect(events).toHaveLength(1);
		expect(events[0]).toMatchObject({ event: 'customer.created', entity: 'Customer', id: customer.Id });
		expect((events[0].object as IDataObject).DisplayName).toBe(customer.DisplayName);

		await test_.admin('faults', { count: 20, mode: 'fail', status: 500, match: { pathIncludes: '/query' } });
		await expect(poll({}, credentials, { entities: ['Customer'], events: ['created'] }, 'manual')).rejects.toThrow(/QuickBooks/);
		await fetch(`${test_.url}/__admin/faults`, { method: 'DELETE' });
	});

	test('an expired credential is reported clearly', async () => {
		const data = test_.credentials();
		const credentials = new TestCredentials({
			...data,
			oauthTokenData: { ...data.oauthTokenData, access_token: 'expired-token', refresh_token: 'revoked-refresh-token' },
		});
		const staticData: IDataObject = { 'node:QuickBooks Sync Trigger': { cursor: new Date().toISOString(), seen: {}, objects: {} } };
		await expect(poll(staticData, credentials, { entities: ['Customer'], events: ['created'] })).rejects.toThrow(/refused the credential/);
	});
});
