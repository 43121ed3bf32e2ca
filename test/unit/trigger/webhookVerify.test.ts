import { createHmac } from 'crypto';

import { isValidSignature, intuitSignature } from '../../../nodes/QuickBooksSyncWebhookTrigger/signature';
import { parseNotifications, notificationKey } from '../../../nodes/QuickBooksSyncWebhookTrigger/notifications';
import { claimKeys, freshNotifications, settleKeys } from '../../../nodes/QuickBooksSyncWebhookTrigger/deliveryDedupe';

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

	test('the same change in either format has the same key', () => {
		expect(notificationKey(parseNotifications(legacy)![0])).toBe(notificationKey(parseNotifications(cloud)![0]));
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
		settleKeys('wf:a', first.map((f) => f.key), recent, false, 0);
		expect(freshNotifications(notifications, recent, 'wf:a')).toHaveLength(1);
		claimKeys('wf:a', first.map((f) => f.key));
		settleKeys('wf:a', first.map((f) => f.key), recent, true, 0);
		expect(freshNotifications(notifications, recent, 'wf:a')).toHaveLength(0);
	});

	test('a copy arriving after success is dropped even when the static ring it sees is stale (n8n saves static data late)', () => {
		const first = freshNotifications(notifications, {}, 'wf:c');
		claimKeys('wf:c', first.map((f) => f.key));
		settleKeys('wf:c', first.map((f) => f.key), {}, true, 0);
		expect(freshNotifications(notifications, {}, 'wf:c')).toHaveLength(0);
		// Another trigger (workflow/node) is not affected.
		expect(freshNotifications(notifications, {}, 'wf:d')).toHaveLength(1);
	});
});
