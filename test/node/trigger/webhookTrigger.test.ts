import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSyncWebhookTrigger } from '../../../nodes/QuickBooksSyncWebhookTrigger/QuickBooksSyncWebhookTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runWebhook, runWebhookMethod, TestCredentials } from '../../support/n8n-context';
import { ALL_ENTITIES, ALL_VERBS, createOneOfEach, qboApi, type QboApi } from './qboApi';

jest.setTimeout(120_000);

const TOKEN = 'verifier-token-for-tests';
const everything = { entities: ALL_ENTITIES, events: ALL_VERBS, statusEvents: ['invoice.paid', 'invoice.partially_paid', 'estimate.accepted'] };

let test_: TestEmulator;
let api: QboApi;
let receiver: Server;
let receiverUrl: string;
/** What the trigger emitted, and what it answered, per request. */
let emitted: IDataObject[] = [];
let answers: number[] = [];
let staticData: IDataObject = {};
let credentials: TestCredentials;
let parameters: IDataObject = everything;

/**
 * Plays n8n's webhook server on loopback: the emulator POSTs signed deliveries here, the trigger's
 * webhook() handles each with the raw body; when it returns workflowData n8n would answer 200.
 */
async function startReceiver(): Promise<void> {
	receiver = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks);
			let body: unknown = {};
			try {
				body = JSON.parse(raw.toString('utf8'));
			} catch {
				body = {};
			}
			try {
				const { result, response } = await runWebhook(QuickBooksSyncWebhookTrigger, {
					credentials,
					parameters: parameters as never,
					staticData,
					mode: 'webhook',
					request: { body, rawBody: raw, headers: req.headers as Record<string, string> },
				});
				if (result.workflowData) {
					emitted.push(...result.workflowData[0].map((item) => item.json));
					// The trigger answers Intuit itself (noWebhookResponse), before n8n starts the run.
					expect(result.noWebhookResponse).toBe(true);
					expect(response).toMatchObject({ statusCode: 200, ended: true });
				}
				answers.push(response.statusCode ?? 200);
				res.writeHead(response.statusCode ?? 200, { 'Content-Type': 'application/json' }).end(JSON.stringify(response.body ?? {}));
			} catch (error) {
				answers.push(500);
				res.writeHead(500).end(String(error));
			}
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhook/qbo`;
}

beforeAll(async () => {
	test_ = await startEmulatorForTests({ limits: false });
	api = qboApi(test_);
	await startReceiver();
});
afterAll(async () => {
	await test_.admin('webhooks', { url: null });
	await new Promise((resolve) => receiver.close(resolve));
	await test_.stop();
});

/** A freshly activated trigger (create() as n8n runs it on activation) with no deliveries yet. */
async function reset(params: IDataObject = everything): Promise<void> {
	emitted = [];
	answers = [];
	staticData = {};
	parameters = params;
	credentials = new TestCredentials(test_.credentials(test_.realms.us, { webhookVerifierToken: TOKEN }));
	await runWebhookMethod(QuickBooksSyncWebhookTrigger, 'create', { credentials, parameters: parameters as never, staticData });
}

const summary = (events: IDataObject[]) => events.map((e) => `${String(e.event)}#${String(e.id)}`).sort();
const idle = async () => await test_.emulator.webhooks.idle();

/** Posts a body to the receiver as Intuit would, with the signature given. */
async function deliver(raw: string, signature: string | undefined): Promise<number> {
	const response = await fetch(receiverUrl, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', ...(signature === undefined ? {} : { 'intuit-signature': signature }) },
		body: raw,
	});
	return response.status;
}
const sign = (raw: string, token = TOKEN) => createHmac('sha256', token).update(raw).digest('base64');

describe.each(['legacy', 'cloudevents'] as const)('QuickBooks Sync Webhook Trigger, %s deliveries', (format) => {
	beforeEach(async () => {
		await reset();
		await test_.admin('webhooks', { url: receiverUrl, verifierToken: TOKEN, format });
	});

	test('create, update, delete, void and email of every entity arrive once and only once', async () => {
		const made = await createOneOfEach(api, `hook-${format}`);
		await idle();
		const ids = (e: string) => String(made[e].Id);
		expect(summary(emitted)).toEqual(
			[
				...ALL_ENTITIES.map((entity) => `${entity.toLowerCase()}.created#${ids(entity)}`),
				// The payment lowered the invoice's balance: QuickBooks reports an invoice update.
				`invoice.updated#${ids('Invoice')}`,
				`invoice.partially_paid#${ids('Invoice')}`,
			].sort(),
		);
		const created = emitted.find((e) => e.event === 'customer.created')!;
		expect(created).toMatchObject({ entity: 'Customer', realmId: api.realmId, id: ids('Customer') });
		expect((created.object as IDataObject).DisplayName).toBe(made.Customer.DisplayName);

		emitted = [];
		await api.update('Estimate', { Id: made.Estimate.Id, SyncToken: made.Estimate.SyncToken, PrivateNote: 'Edited' });
		await api.send('Invoice', ids('Invoice'));
		await api.voidIt('SalesReceipt', await api.read('SalesReceipt', ids('SalesReceipt')));
		await api.remove('Bill', await api.read('Bill', ids('Bill')));
		const customer = await api.read('Customer', ids('Customer'));
		await idle();
		expect(summary(emitted)).toEqual(
			[`estimate.updated#${ids('Estimate')}`, `invoice.emailed#${ids('Invoice')}`, `salesreceipt.voided#${ids('SalesReceipt')}`, `bill.deleted#${ids('Bill')}`].sort(),
		);
		expect(emitted.find((e) => e.event === 'bill.deleted')!.object).toMatchObject({ status: 'Deleted', Id: ids('Bill') });

		emitted = [];
		const invoice = await api.read('Invoice', ids('Invoice'));
		await api.create('Payment', {
			CustomerRef: invoice.CustomerRef,
			TotalAmt: invoice.Balance,
			Line: [{ Amount: invoice.Balance, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
		});
		await idle();
		await api.update('Customer', { Id: customer.Id, SyncToken: customer.SyncToken, Active: false });
		await idle();
		const events = summary(emitted).filter((s) => !s.startsWith('payment.'));
		expect(events).toEqual([`customer.deleted#${ids('Customer')}`, `invoice.paid#${ids('Invoice')}`, `invoice.updated#${ids('Invoice')}`].sort());
		expect(answers.every((status) => status === 200)).toBe(true);
	});

	test('the same delivery three times fires once', async () => {
		await test_.admin('webhooks', { url: receiverUrl, verifierToken: TOKEN, format, duplicates: 3 });
		const customer = await api.create('Customer', { DisplayName: `Dup ${format} ${Date.now()}` });
		await idle();
		expect(summary(emitted)).toEqual([`customer.created#${String(customer.Id)}`]);
		expect(answers).toEqual([200, 200, 200]);
	});

	test('another company\'s changes are ignored (the signature is good, the realm is not ours)', async () => {
		const other = qboApi(test_, test_.realms.ca);
		await other.create('Customer', { DisplayName: `Other realm ${format} ${Date.now()}` });
		await idle();
		expect(emitted).toEqual([]);
		expect(answers).toEqual([200]);
	});
});

describe('QuickBooks Sync Webhook Trigger refuses what Intuit did not sign', () => {
	beforeAll(async () => {
		await reset();
		await test_.admin('webhooks', { url: null });
	});
	// A recent change: one older than the trigger's replay memory can vouch for would be refused.
	const raw = JSON.stringify({
		eventNotifications: [{ realmId: '0', dataChangeEvent: { entities: [{ name: 'Customer', id: '1', operation: 'Update', lastUpdated: new Date(Date.now() - 60_000).toISOString() }] } }],
	});

	test('a tampered body, a wrong token or no signature: 401 and nothing emitted', async () => {
		const realRaw = raw.replace('"0"', `"${test_.realms.us}"`);
		expect(await deliver(realRaw.replace('"1"', '"2"'), sign(realRaw))).toBe(401);
		expect(await deliver(realRaw, sign(realRaw, 'not-the-token'))).toBe(401);
		expect(await deliver(realRaw, undefined)).toBe(401);
		expect(await deliver(realRaw, 'garbage')).toBe(401);
		expect(emitted).toEqual([]);
		// The same body correctly signed is accepted: what failed above was only the signature.
		expect(await deliver(realRaw, sign(realRaw))).toBe(200);
		expect(summary(emitted)).toEqual(['customer.updated#1']);
	});

	test('a real delivery signed with another verifier token is refused with 401', async () => {
		await reset();
		test_.emulator.webhooks.reset();
		await test_.admin('webhooks', { url: receiverUrl, verifierToken: 'another-apps-token', format: 'legacy' });
		await api.create('Customer', { DisplayName: `Wrong token ${Date.now()}` });
		let statuses: Array<number | string> = [];
		for (let i = 0; i < 50 && statuses.length === 0; i++) {
			await new Promise((resolve) => setTimeout(resolve, 100));
			statuses = test_.emulator.webhooks.deliveries().map((delivery) => delivery.status);
		}
		// Intuit would retry for days; the test cancels the retries once the first answer is in.
		test_.emulator.webhooks.reset();
		await test_.admin('webhooks', { url: null });
		expect(statuses).toEqual([401]);
		expect(emitted).toEqual([]);
	});

	test('a credential without a verifier token refuses everything', async () => {
		await reset();
		credentials = new TestCredentials(test_.credentials(test_.realms.us, { webhookVerifierToken: '' }));
		const realRaw = raw.replace('"0"', `"${test_.realms.us}"`);
		expect(await deliver(realRaw, createHmac('sha256', '').update(realRaw).digest('base64'))).toBe(401);
		expect(emitted).toEqual([]);
	});

	test('a QuickBooks failure while reading answers 500 so Intuit delivers again, and the retry is reported', async () => {
		await reset();
		process.env.QBO_SYNC_RETRY_ATTEMPTS = '1';
		const realRaw = JSON.stringify({
			eventNotifications: [{ realmId: test_.realms.us, dataChangeEvent: { entities: [{ name: 'Customer', id: '2', operation: 'Update', lastUpdated: new Date(Date.now() - 55_000).toISOString() }] } }],
		});
		await test_.admin('faults', { count: 1, mode: 'fail', status: 500, match: { pathIncludes: '/query' } });
		expect(await deliver(realRaw, sign(realRaw))).toBe(500);
		expect(emitted).toEqual([]);
		expect(await deliver(realRaw, sign(realRaw))).toBe(200);
		expect(summary(emitted)).toEqual(['customer.updated#2']);
		delete process.env.QBO_SYNC_RETRY_ATTEMPTS;
	});
});
