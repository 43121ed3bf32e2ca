/**
 * What the webhook trigger accepts, input by input: the verifier token (trimmed; blank means
 * unsigned, so refused, and activation says why), a CloudEvent's identity (its `id`), the replay
 * memory (a change older than the memory can vouch for is refused, also after a restart), and bodies
 * that are not JSON, have the wrong shape, carry ids that are not QuickBooks ids, or are too large.
 */
import { createHmac } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSyncWebhookTrigger } from '../../../nodes/QuickBooksSyncWebhookTrigger/QuickBooksSyncWebhookTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runWebhook, runWebhookMethod } from '../../support/n8n-context';

jest.setTimeout(120_000);

const TOKEN = 'verifier-token-for-input-tests';
const parameters = { entities: ['Customer', 'Invoice'], events: ['created', 'updated', 'deleted'], statusEvents: [] as string[] };

let qbo: TestEmulator;
beforeAll(async () => {
	qbo = await startEmulatorForTests({ limits: false });
});
afterAll(async () => await qbo.stop());

const sign = (raw: string | Buffer, token = TOKEN) => createHmac('sha256', token).update(raw).digest('base64');

type Trigger = typeof QuickBooksSyncWebhookTrigger;

/** The static data n8n saved after activating the trigger (its create(), as n8n runs it). */
async function activated(): Promise<IDataObject> {
	const staticData: IDataObject = {};
	await runWebhookMethod(QuickBooksSyncWebhookTrigger, 'create', { credentials: qbo.credentials(qbo.realms.us, { webhookVerifierToken: TOKEN }), parameters: parameters as never, staticData });
	return staticData;
}

/** One delivery through n8n's WebhookContext (to an activated trigger unless staticData says otherwise). */
async function deliver(
	raw: string,
	options: { staticData?: IDataObject; token?: string; signature?: string; node?: Trigger } = {},
): Promise<{ status: number | undefined; body: IDataObject; events: IDataObject[] }> {
	const { result, response } = await runWebhook(options.node ?? QuickBooksSyncWebhookTrigger, {
		credentials: qbo.credentials(qbo.realms.us, { webhookVerifierToken: options.token ?? TOKEN }),
		parameters: parameters as never,
		staticData: options.staticData ?? (await activated()),
		mode: 'webhook',
		request: { body: {}, rawBody: raw, headers: { 'intuit-signature': options.signature ?? sign(raw) } },
	});
	return {
		status: response.statusCode,
		body: (response.body ?? {}) as IDataObject,
		events: (result.workflowData?.[0] ?? []).map((item) => item.json),
	};
}

function customer(name: string): IDataObject {
	return qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: `${name} ${Date.now()} ${Math.random()}` }) as IDataObject;
}

const iso = (msAgo: number) => new Date(Date.now() - msAgo).toISOString();

function legacy(entities: IDataObject[], realmId = qbo.realms.us): string {
	return JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities } }] });
}

function cloudEvent(id: string, entityId: string, type = 'qbo.customer.updated.v1', extra: IDataObject = {}): IDataObject {
	return { specversion: '1.0', id, source: 'intuit.test', type, datacontenttype: 'application/json', intuitentityid: entityId, intuitaccountid: qbo.realms.us, ...extra };
}

describe('the verifier token', () => {
	it('a token of spaces is no token: a delivery signed with it is refused', async () => {
		const made = customer('Spaces');
		const raw = legacy([{ name: 'Customer', id: String(made.Id), operation: 'Update', lastUpdated: iso(1000) }]);
		const answer = await deliver(raw, { token: '   ', signature: sign(raw, '   ') });
		expect(answer.status).toBe(401);
		expect(answer.events).toEqual([]);
	});

	it('a token pasted with a trailing newline or spaces still verifies the real deliveries', async () => {
		const made = customer('Pasted');
		const raw = legacy([{ name: 'Customer', id: String(made.Id), operation: 'Update', lastUpdated: iso(1000) }]);
		const answer = await deliver(raw, { token: ` ${TOKEN}\n`, signature: sign(raw, TOKEN) });
		expect(answer.status).toBe(200);
		expect(answer.events.map((e) => e.event)).toEqual(['customer.updated']);
	});

	it('activating the trigger with a blank token fails and says what to fill in', async () => {
		const options = { credentials: qbo.credentials(qbo.realms.us, { webhookVerifierToken: ' \n ' }), parameters: parameters as never, staticData: {} };
		await expect(runWebhookMethod(QuickBooksSyncWebhookTrigger, 'create', options)).rejects.toThrow(/Webhook Verifier Token/);
		const ok = { ...options, credentials: qbo.credentials(qbo.realms.us, { webhookVerifierToken: TOKEN }) };
		await expect(runWebhookMethod(QuickBooksSyncWebhookTrigger, 'create', ok)).resolves.toBe(true);
	});
});

describe("a CloudEvent's identity", () => {
	it('two distinct events about one record, neither with a time, are both reported, each with a time', async () => {
		const made = customer('Twice');
		const staticData = await activated();
		const first = await deliver(JSON.stringify([cloudEvent('ce-1', String(made.Id))]), { staticData });
		const second = await deliver(JSON.stringify([cloudEvent('ce-2', String(made.Id))]), { staticData });
		const events = [...first.events, ...second.events];
		expect(events.map((e) => e.event)).toEqual(['customer.updated', 'customer.updated']);
		for (const event of events) expect(Number.isNaN(Date.parse(String(event.time)))).toBe(false);
		// The same event delivered again is still a duplicate.
		expect((await deliver(JSON.stringify([cloudEvent('ce-2', String(made.Id))]), { staticData })).events).toEqual([]);
	});
});

describe('the replay memory', () => {
	it('an old signed delivery replayed after 2,000 newer changes and a restart is refused', async () => {
		const made = customer('Replayed');
		const old = legacy([{ name: 'Customer', id: String(made.Id), operation: 'Update', lastUpdated: iso(3_600_000) }]);
		let staticData = await activated();
		expect((await deliver(old, { staticData })).events).toHaveLength(1);
		// 2,000 newer changes (deleted invoices: reported without reading QuickBooks), 100 per delivery.
		for (let batch = 0; batch < 20; batch++) {
			const entities = Array.from({ length: 100 }, (_, i) => ({ name: 'Invoice', id: String(100_000 + batch * 100 + i), operation: 'Delete', lastUpdated: iso(1_800_000 - batch * 1000 - i) }));
			expect((await deliver(legacy(entities), { staticData })).events).toHaveLength(100);
		}
		// A restart: static data as saved (JSON), and a fresh process memory.
		staticData = JSON.parse(JSON.stringify(staticData)) as IDataObject;
		let Fresh: Trigger | undefined;
		jest.isolateModules(() => {
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			Fresh = (require('../../../nodes/QuickBooksSyncWebhookTrigger/QuickBooksSyncWebhookTrigger.node') as { QuickBooksSyncWebhookTrigger: Trigger }).QuickBooksSyncWebhookTrigger;
		});
		const replay = await deliver(old, { staticData, node: Fresh });
		expect(replay.status).toBe(200);
		expect(replay.events).toEqual([]);
		// A genuinely new change is still reported.
		const fresh = legacy([{ name: 'Customer', id: String(made.Id), operation: 'Update', lastUpdated: iso(500) }]);
		expect((await deliver(fresh, { staticData, node: Fresh })).events).toHaveLength(1);
	});

	it('on a first delivery, a change from long before the trigger could remember is refused', async () => {
		const made = customer('Ancient');
		const ancient = legacy([{ name: 'Customer', id: String(made.Id), operation: 'Update', lastUpdated: iso(40 * 86_400_000) }]);
		const answer = await deliver(ancient, { staticData: await activated() });
		expect(answer.status).toBe(200);
		expect(answer.events).toEqual([]);
	});
});

describe('webhook bodies', () => {
	it('a signed body that is not JSON, or not a notification, is answered 400 and nothing is emitted', async () => {
		for (const raw of ['{"eventNotifications": [', 'null', '"text"', '{"hello": "world"}', '{"eventNotifications": "none"}', '{"eventNotifications": [{"realmId": "1", "dataChangeEvent": {"entities": 5}}]}']) {
			const answer = await deliver(raw);
			expect([raw, answer.status]).toEqual([raw, 400]);
			expect(String(answer.body.message)).toMatch(/notification|JSON/i);
			expect(answer.events).toEqual([]);
		}
	});

	it('notifications with ids that are not QuickBooks ids are left out (and counted), the good ones reported, no 500', async () => {
		const made = customer('Good');
		const raw = legacy([
			{ name: 'Customer', id: "1') OR Id > ('0", operation: 'Update', lastUpdated: iso(1000) },
			{ name: 'Customer', id: { value: 3 }, operation: 'Update', lastUpdated: iso(1000) },
			{ name: 'Customer', id: String(made.Id), operation: 'Update', lastUpdated: 'not a time' },
			{ name: 'Customer', id: String(made.Id), operation: 'Update', lastUpdated: iso(900) },
		]);
		const answer = await deliver(raw);
		expect(answer.status).toBe(200);
		expect(answer.events.map((e) => `${String(e.event)}#${String(e.id)}`)).toEqual([`customer.updated#${String(made.Id)}`]);
		expect(answer.body).toMatchObject({ reported: 1, ignored: 3 });
	});

	it('CloudEvents that are not objects, or lack an entity id, are left out', async () => {
		const made = customer('Cloud');
		const raw = JSON.stringify([1, null, 'x', cloudEvent('ce-no-id', 'abc'), cloudEvent('ce-ok', String(made.Id), 'qbo.customer.updated.v1', { time: iso(500) })]);
		const answer = await deliver(raw);
		expect(answer.status).toBe(200);
		expect(answer.events.map((e) => e.id)).toEqual([String(made.Id)]);
	});

	it('a body far larger than Intuit sends is refused with 413 before anything is read', async () => {
		const padding = 'x'.repeat(6 * 1024 * 1024);
		const raw = legacy([{ name: 'Customer', id: '1', operation: 'Update', lastUpdated: iso(1000), padding }]);
		const answer = await deliver(raw);
		expect(answer.status).toBe(413);
		expect(answer.events).toEqual([]);
	});
});
