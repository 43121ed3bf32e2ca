import { createHmac } from 'crypto';

import { isValidSignature, intuitSignature } from '../../../nodes/QuickBooksSyncWebhookTrigger/signature';
import { parseDelivery, parseNotifications, notificationKey } from '../../../nodes/QuickBooksSyncWebhookTrigger/notifications';
import {
	claimKeys,
	FIRST_MEMORY_SPAN_MS,
	freshNotifications,
	isOlderThanMemory,
	openReplayMemory,
	RECENT_CAP,
	settleKeys,
} from '../../../nodes/QuickBooksSyncWebhookTrigger/deliveryDedupe';

const token = 'verifier-token-123';
const body = Buffer.from('{"eventNotifications":[{"realmId":"9130","dataChangeEvent":{"entities":[]}}]}');

describe('intuit-signature', () => {
	test('matches an independent HMAC-SHA256 over the raw bytes, base64', () => {
		const independent = createHmac('sha256', token).update(body).digest('base64');
		expect(intuitSignature(token, body)).toBe(independent);
		expect(isValidSignature(token, body, independent)).toBe(true);
	});

	test('refuses a tampered body, a wrong token, a missing or malformed header, and an empty token', () => {
		const good = intuitSignature(token, body);
		const tampered = Buffer.from(body.toString().replace('9130', '9131'));
		expect(isValidSignature(token, tampered, good)).toBe(false);
		expect(isValidSignature('other-token', body, good)).toBe(false);
		expect(isValidSignature(token, body, undefined)).toBe(false);
		expect(isValidSignature(token, body, '')).toBe(false);
		expect(isValidSignature(token, body, ['a', 'b'])).toBe(false);
		expect(isValidSignature(token, body, good.slice(0, -2))).toBe(false);
		expect(isValidSignature(token, body, good + 'AA')).toBe(false);
		expect(isValidSignature('', body, intuitSignature('', body))).toBe(false);
	});

	test('the same JSON re-serialised is not the signed body (raw bytes matter)', () => {
		const spaced = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
		expect(isValidSignature(token, spaced, intuitSignature(token, body))).toBe(false);
	});
});

describe('webhook bodies', () => {
	const legacy = {
		eventNotifications: [
			{
				realmId: '9130',
				dataChangeEvent: {
					entities: [
						{ name: 'Invoice', id: '145', operation: 'Create', lastUpdated: '2026-11-22T10:00:00.000Z' },
						{ name: 'Customer', id: '7', operation: 'Merge', lastUpdated: '2026-11-22T10:00:01.000Z', deletedId: '8' },
						{ name: 'Invoice', id: '146', operation: 'Archive', lastUpdated: '2026-11-22T10:00:02.000Z' },
					],
				},
			},
		],
	};
	const cloud = [
		{
			specversion: '1.0',
			id: 'e-1',
			source: 'intuit.qbo',
			type: 'qbo.invoice.created.v1',
			time: '2026-11-22T10:00:00.000Z',
			intuitentityid: '145',
			intuitaccountid: '9130',
		},
		{
			specversion: '1.0',
			id: 'e-2',
			type: 'qbo.salesreceipt.voided.v1',
			time: '2026-11-22T10:00:03Z',
			intuitentityid: '33',
			intuitaccountid: '9130',
		},
		{ specversion: '1.0', id: 'e-3', type: 'qbo.customer.merged.v1', time: '2026-11-22T10:00:04Z', intuitentityid: '7', intuitaccountid: '9130', data: { deletedid: '8' } },
	];

	test('legacy: realm, entity, id, verb, time; unknown operations skipped', () => {
		expect(parseNotifications(legacy)).toEqual([
			{ realmId: '9130', entity: 'Invoice', id: '145', verb: 'created', time: '2026-11-22T10:00:00.000Z' },
			{ realmId: '9130', entity: 'Customer', id: '7', verb: 'merged', time: '2026-11-22T10:00:01.000Z', deletedId: '8' },
		]);
	});

	test('CloudEvents: entity names made canonical, merges keep the deleted id', () => {
		const parsed = parseNotifications(cloud)!;
		expect(parsed.map((n) => `${n.entity}.${n.verb}#${n.id}`)).toEqual(['Invoice.created#145', 'SalesReceipt.voided#33', 'Customer.merged#7']);
		expect(parsed[2].deletedId).toBe('8');
		expect(parseNotifications(cloud[0])).toHaveLength(1);
	});

	test("a CloudEvent's key is its id: a copy of it is the same, another event about the same change is not", () => {
		const [first] = parseNotifications(cloud)!;
		expect(notificationKey(first)).toBe(notificationKey(parseNotifications([{ ...cloud[0] }])![0]));
		expect(notificationKey(first)).not.toBe(notificationKey(parseNotifications([{ ...cloud[0], id: 'e-9' }])![0]));
		const timeless = [{ ...cloud[0], time: undefined }, { ...cloud[0], id: 'e-9', time: undefined }];
		const [a, b] = parseNotifications(timeless)!;
		expect(notificationKey(a)).not.toBe(notificationKey(b));
	});

	test('a legacy notification, which has no id, is keyed by record, verb and time', () => {
		const [first] = parseNotifications(legacy)!;
		expect(notificationKey(first)).toBe(`9130:Invoice:145:created:${Date.parse('2026-11-22T10:00:00.000Z')}`);
	});

	test('entries that are not objects, or carry ids, realms or times that are not ones, are left out with the reason', () => {
		const parsed = parseDelivery({
			eventNotifications: [
				{ realmId: '9130', dataChangeEvent: { entities: [null, { name: 'Invoice', id: 'abc', operation: 'Create' }, { name: 'Invoice', id: 7, operation: 'Create', lastUpdated: 'soon' }, { name: 'Invoice', id: 8, operation: 'Create' }] } },
				{ realmId: 'x', dataChangeEvent: { entities: [{ name: 'Invoice', id: '9', operation: 'Create' }] } },
				{ realmId: '9130', dataChangeEvent: {} },
			],
		})!;
		expect(parsed.notifications).toEqual([{ realmId: '9130', entity: 'Invoice', id: '8', verb: 'created', time: '' }]);
		expect(parsed.ignored).toEqual([
			'eventNotifications[0].entities[0]: not an object',
			'eventNotifications[0].entities[1]: id "abc" is not a QuickBooks id',
			'eventNotifications[0].entities[2]: "soon" is not a time',
			'eventNotifications[1].entities[0]: realmId "x" is not a QuickBooks company id',
			'eventNotifications[2]: dataChangeEvent.entities is not a list',
		]);
	});

	test('anything else is not a delivery', () => {
		expect(parseNotifications({ hello: 1 })).toBeUndefined();
		expect(parseNotifications('x')).toBeUndefined();
	});
});

describe('duplicate deliveries', () => {
	const notifications = parseNotifications([
		{ specversion: '1.0', type: 'qbo.invoice.updated.v1', time: '2026-11-22T10:00:00Z', intuitentityid: '1', intuitaccountid: '5' },
		{ specversion: '1.0', type: 'qbo.invoice.updated.v1', time: '2026-11-22T10:00:00Z', intuitentityid: '1', intuitaccountid: '5' },
	])!;

	test('a change repeated inside one delivery counts once', () => {
		expect(freshNotifications(notifications, {}, 'wf:node')).toHaveLength(1);
	});

	test('while a delivery is in flight its copy is dropped; after success it is remembered; after failure it is free', () => {
		const recent: Record<string, number> = {};
		const first = freshNotifications(notifications, recent, 'wf:a');
		claimKeys('wf:a', first.map((f) => f.key));
		expect(freshNotifications(notifications, recent, 'wf:a')).toHaveLength(0);
		expect(freshNotifications(notifications, recent, 'wf:b')).toHaveLength(1);
		settleKeys('wf:a', first.map((f) => f.key), { recent, floorMs: -Infinity }, false, 0);
		expect(freshNotifications(notifications, recent, 'wf:a')).toHaveLength(1);
		claimKeys('wf:a', first.map((f) => f.key));
		settleKeys('wf:a', first.map((f) => f.key), { recent, floorMs: -Infinity }, true, 0);
		expect(freshNotifications(notifications, recent, 'wf:a')).toHaveLength(0);
	});

	test('a copy arriving after success is dropped even when the static ring it sees is stale (n8n saves static data late)', () => {
		const first = freshNotifications(notifications, {}, 'wf:c');
		claimKeys('wf:c', first.map((f) => f.key));
		settleKeys('wf:c', first.map((f) => f.key), { recent: {}, floorMs: -Infinity }, true, 0);
		expect(freshNotifications(notifications, {}, 'wf:c')).toHaveLength(0);
		// Another trigger (workflow/node) is not affected.
		expect(freshNotifications(notifications, {}, 'wf:d')).toHaveLength(1);
	});
});

describe('the replay memory', () => {
	const change = (id: string) => parseNotifications([{ specversion: '1.0', id, type: 'qbo.invoice.updated.v1', intuitentityid: '1', intuitaccountid: '5' }])![0];

	test('a trigger without memory vouches for the last 24 hours only', () => {
		const memory = openReplayMemory({}, undefined, 10 * FIRST_MEMORY_SPAN_MS);
		expect(isOlderThanMemory(memory, 9 * FIRST_MEMORY_SPAN_MS)).toBe(true);
		expect(isOlderThanMemory(memory, 9 * FIRST_MEMORY_SPAN_MS + 1)).toBe(false);
		expect(openReplayMemory({}, 123, 10 * FIRST_MEMORY_SPAN_MS).floorMs).toBe(123);
	});

	test('what the ring forgets raises the floor to the newest forgotten change', () => {
		const memory = openReplayMemory({}, 0, 1_000_000);
		const keys = Array.from({ length: RECENT_CAP + 3 }, (_, i) => notificationKey(change(`r-${i}`)));
		settleKeys('wf:replay', keys, memory, true, keys.map((_, i) => 1_000 + i));
		expect(Object.keys(memory.recent)).toHaveLength(RECENT_CAP);
		expect(memory.floorMs).toBe(1_002);
		expect(isOlderThanMemory(memory, 1_000)).toBe(true);
		expect(isOlderThanMemory(memory, 1_003)).toBe(false);
	});
});
