import { createHmac, timingSafeEqual } from 'node:crypto';
import { createClock } from '../../src/clock';
import type { ChangeEvent, WebhookConfig, WebhookService } from '../../src/contracts';
import { createWebhooks } from '../../src/webhooks';
import { startReceiver, type Receiver } from './receiver';

const REALM = '9130350000000001';
const OTHER_REALM = '9130350000000002';
const TOKEN = 'verifier-token-from-the-portal';

// Emulated time runs 600× faster: Intuit's 10 s / 20 s / 30 s retries take 17 / 33 / 50 real ms.
const SCALE = 600;

function change(overrides: Partial<ChangeEvent> = {}): ChangeEvent {
	return { realmId: REALM, entity: 'Invoice', id: '145', operation: 'Create', lastUpdated: '2026-03-05T10:00:00.000Z', ...overrides };
}

/** What a receiver must do: HMAC the raw bytes with the verifier token and compare in constant time. */
function signatureValid(raw: Buffer, header: string | string[] | undefined): boolean {
	const expected = createHmac('sha256', TOKEN).update(raw).digest();
	const given = Buffer.from(String(header ?? ''), 'base64');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('webhooks out', () => {
	let receiver: Receiver;
	let webhooks: ReturnType<typeof createWebhooks>;
	const configure = (extra: Partial<WebhookConfig> = {}) =>
		webhooks.configure({ url: receiver.url, verifierToken: TOKEN, format: 'legacy', ...extra });

	beforeEach(async () => {
		receiver = await startReceiver();
		// A generous real timeout: a busy test machine must not turn slow answers into retries here.
		webhooks = createWebhooks({ clock: createClock(SCALE), minRealTimeoutMs: 3000 });
	});
	afterEach(async () => {
		webhooks.stop();
		await receiver.close();
	});

	it('delivers a legacy notification, signed over the raw body', async () => {
		configure();
		webhooks.notify(change());
		await webhooks.idle();
		expect(receiver.received).toHaveLength(1);
		const [{ headers, raw }] = receiver.received;
		expect(headers['content-type']).toBe('application/json');
		expect(signatureValid(raw, headers['intuit-signature'])).toBe(true);
		// One changed byte and the same signature no longer verifies.
		const tampered = Buffer.from(raw.toString('utf8').replace('"145"', '"146"'));
		expect(signatureValid(tampered, headers['intuit-signature'])).toBe(false);
		expect(JSON.parse(raw.toString('utf8'))).toEqual({
			eventNotifications: [
				{
					realmId: REALM,
					dataChangeEvent: { entities: [{ id: '145', operation: 'Create', name: 'Invoice', lastUpdated: '2026-03-05T10:00:00.000Z' }] },
				},
			],
		});
		expect(webhooks.deliveries()).toMatchObject([{ attempt: 1, status: 200, body: raw.toString('utf8') }]);
	});

	it("stamps times in UTC as Intuit does, whatever offset QuickBooks' LastUpdatedTime carries", async () => {
		configure({ format: 'cloudevents' });
		webhooks.notify(change({ lastUpdated: '2026-03-05T02:00:00-08:00' }));
		await webhooks.idle();
		expect(JSON.parse(receiver.received[0].raw.toString('utf8'))[0].time).toBe('2026-03-05T10:00:00.000Z');
	});

	it('adds deletedId to a legacy Merge', async () => {
		configure();
		webhooks.notify(change({ entity: 'Customer', id: '12', operation: 'Merge', deletedId: '27' }));
		await webhooks.idle();
		const body = JSON.parse(receiver.received[0].raw.toString('utf8'));
		expect(body.eventNotifications[0].dataChangeEvent.entities[0]).toMatchObject({ id: '12', operation: 'Merge', deletedId: '27' });
	});

	it('delivers CloudEvents: an array with Intuit type names, ids and realm', async () => {
		configure({ format: 'cloudevents', batchDelayMs: 5000 });
		const operations: ChangeEvent['operation'][] = ['Create', 'Update', 'Delete', 'Void', 'Emailed'];
		for (const operation of operations) webhooks.notify(change({ entity: 'SalesReceipt', operation }));
		webhooks.notify(change({ entity: 'Customer', id: '12', operation: 'Merge', deletedId: '27' }));
		await webhooks.idle();
		expect(receiver.received).toHaveLength(1);
		const { raw, headers } = receiver.received[0];
		expect(signatureValid(raw, headers['intuit-signature'])).toBe(true);
		const events = JSON.parse(raw.toString('utf8')) as Record<string, unknown>[];
		expect(events.map((e) => e.type)).toEqual([
			'qbo.salesreceipt.created.v1',
			'qbo.salesreceipt.updated.v1',
			'qbo.salesreceipt.deleted.v1',
			'qbo.salesreceipt.voided.v1',
			'qbo.salesreceipt.emailed.v1',
			'qbo.customer.merged.v1',
		]);
		expect(events[0]).toMatchObject({
			specversion: '1.0',
			datacontenttype: 'application/json',
			time: '2026-03-05T10:00:00.000Z',
			intuitentityid: '145',
			intuitaccountid: REALM,
			data: {},
		});
		expect(String(events[0].source)).toMatch(/^intuit\./);
		expect(String(events[0].id)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
		expect(events[5].data).toEqual({ deletedid: '27' });
	});

	it('gathers events within batchDelayMs into one legacy delivery, one entry per company', async () => {
		configure({ batchDelayMs: 5000 });
		webhooks.notify(change({ id: '1' }));
		webhooks.notify(change({ id: '2', realmId: OTHER_REALM }));
		webhooks.notify(change({ id: '3', entity: 'Payment' }));
		await webhooks.idle();
		expect(receiver.received).toHaveLength(1);
		const body = JSON.parse(receiver.received[0].raw.toString('utf8'));
		expect(body.eventNotifications).toHaveLength(2);
		expect(body.eventNotifications[0].realmId).toBe(REALM);
		expect(body.eventNotifications[0].dataChangeEvent.entities.map((e: { id: string }) => e.id)).toEqual(['1', '3']);
		expect(body.eventNotifications[1].dataChangeEvent.entities.map((e: { id: string }) => e.id)).toEqual(['2']);
	});

	it('delivers at once, one notification per change, when batchDelayMs is 0', async () => {
		configure();
		webhooks.notify(change({ id: '1' }));
		webhooks.notify(change({ id: '2' }));
		await webhooks.idle();
		expect(receiver.received).toHaveLength(2);
	});

	it('puts at most 100 events in one delivery', async () => {
		configure({ format: 'cloudevents', batchDelayMs: 60_000 });
		for (let i = 1; i <= 250; i++) webhooks.notify(change({ id: String(i) }));
		await webhooks.idle();
		const sizes = receiver.received.map((r) => (JSON.parse(r.raw.toString('utf8')) as unknown[]).length);
		expect(sizes.sort((a, b) => b - a)).toEqual([100, 100, 50]);
		const ids = receiver.received.flatMap((r) => (JSON.parse(r.raw.toString('utf8')) as { intuitentityid: string }[]).map((e) => e.intuitentityid));
		expect(new Set(ids).size).toBe(250);
	});

	it('retries after a 500 on the 10 s / 20 s schedule with the same signed body', async () => {
		receiver.behave((n) => ({ status: n < 2 ? 500 : 200 }));
		configure();
		webhooks.notify(change());
		await webhooks.idle();
		const log = webhooks.deliveries();
		expect(log.map((d) => [d.attempt, d.status])).toEqual([
			[1, 500],
			[2, 500],
			[3, 200],
		]);
		const gaps = log.slice(1).map((d, i) => Date.parse(d.at) - Date.parse(log[i].at));
		expect(gaps[0]).toBeGreaterThanOrEqual(10_000);
		expect(gaps[1]).toBeGreaterThanOrEqual(20_000);
		expect(new Set(receiver.received.map((r) => r.raw.toString('utf8'))).size).toBe(1);
		expect(new Set(receiver.received.map((r) => r.headers['intuit-signature'])).size).toBe(1);
	});

	it('treats an answer later than 3 s (emulated) as failed and retries', async () => {
		// 3 s ÷ 600 is 5 ms, raised to a 200 ms floor; the first answer comes after 1.5 s.
		webhooks.stop();
		webhooks = createWebhooks({ clock: createClock(SCALE), minRealTimeoutMs: 200 });
		receiver.behave((n) => ({ status: 200, delayMs: n === 0 ? 1500 : 0 }));
		configure();
		webhooks.notify(change());
		await webhooks.idle();
		const log = webhooks.deliveries();
		expect(log[0]).toMatchObject({ attempt: 1, status: 'error', error: 'no answer within 200 ms' });
		expect(log[log.length - 1].status).toBe(200);
		expect(log.length).toBeGreaterThanOrEqual(2);
	});

	it('counts only 200 as delivered (a 202 is retried)', async () => {
		receiver.behave((n) => ({ status: n === 0 ? 202 : 200 }));
		configure();
		webhooks.notify(change());
		await webhooks.idle();
		expect(webhooks.deliveries().map((d) => d.status)).toEqual([202, 200]);
	});

	it('gives up after the configured number of retries', async () => {
		const clock = createClock(SCALE);
		webhooks.stop();
		webhooks = createWebhooks({ clock, maxRetries: 3, minRealTimeoutMs: 3000 });
		receiver.behave(() => ({ status: 500 }));
		configure();
		webhooks.notify(change());
		await webhooks.idle();
		expect(webhooks.deliveries().map((d) => d.attempt)).toEqual([1, 2, 3, 4]);
		expect(receiver.received).toHaveLength(4);
	});

	it('delivers every notification n times when duplicates = n', async () => {
		configure({ duplicates: 3 });
		webhooks.notify(change());
		await webhooks.idle();
		expect(receiver.received).toHaveLength(3);
		expect(new Set(receiver.received.map((r) => r.raw.toString('utf8'))).size).toBe(1);
		expect(webhooks.deliveries().map((d) => d.copy).sort()).toEqual([1, 2, 3]);
	});

	it('sends nothing when unconfigured, and only for the listed companies', async () => {
		webhooks.notify(change());
		configure({ realmIds: [OTHER_REALM] });
		webhooks.notify(change());
		webhooks.notify(change({ realmId: OTHER_REALM, id: '9' }));
		await webhooks.idle();
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].raw.toString('utf8')).toContain(OTHER_REALM);
	});

	it('reset cancels scheduled retries and clears the log; idle resolves', async () => {
		receiver.behave(() => ({ status: 500 }));
		configure();
		webhooks.notify(change());
		for (let i = 0; i < 100 && webhooks.deliveries().length === 0; i++) await new Promise((r) => setTimeout(r, 10));
		expect(webhooks.deliveries()).toHaveLength(1);
		webhooks.reset();
		await webhooks.idle();
		expect(webhooks.deliveries()).toEqual([]);
		expect(webhooks.config()?.url).toBe(receiver.url);
	});
});

// Compile-time check: the richer service still satisfies the contract the server is written against.
const asContract: (w: ReturnType<typeof createWebhooks>) => WebhookService = (w) => w;
void asContract;
