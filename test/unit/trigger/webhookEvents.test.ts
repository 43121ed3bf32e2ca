import type { IDataObject } from 'n8n-workflow';

import { buildSelection } from '../../../nodes/shared/triggers/selection';
import type { ObjectState } from '../../../nodes/shared/triggers/objectState';
import type { Notification } from '../../../nodes/QuickBooksSyncWebhookTrigger/notifications';
import { idsQuery } from '../../../nodes/QuickBooksSyncWebhookTrigger/readNotifiedObjects';
import { buildWebhookEvents } from '../../../nodes/QuickBooksSyncWebhookTrigger/webhookEvents';
import { changesQuery, qboDateTime } from '../../../nodes/QuickBooksSyncTrigger/changeFeed';

const selection = buildSelection(['Customer', 'Invoice'], ['created', 'updated', 'deleted', 'voided', 'merged'], ['invoice.paid']);
const note = (entity: string, id: string, verb: Notification['verb'], extra: Partial<Notification> = {}): Notification => ({
	realmId: '1',
	entity,
	id,
	verb,
	time: '2026-11-22T10:00:00Z',
	...extra,
});

function run(notifications: Notification[], objects: Record<string, Record<string, unknown>>, states: Record<string, ObjectState> = {}) {
	const { events, missing } = buildWebhookEvents({ notifications, objects: new Map(Object.entries(objects)) as Map<string, IDataObject>, states, selection, realmId: '1' });
	return { events: events.map((e) => `${e.event}#${e.id}`), missing: missing.length, states };
}

describe('webhook events', () => {
	test('a deleted document is reported as QuickBooks reports deletions, without reading it', () => {
		const { events } = run([note('Invoice', '5', 'deleted')], {});
		expect(events).toEqual(['invoice.deleted#5']);
	});

	test('a customer made inactive (an Update) is a delete, and a later Delete notification does not repeat it', () => {
		const states: Record<string, ObjectState> = { 'Customer:7': {} };
		const inactive = { 'Customer:7': { Id: '7', Active: false } };
		expect(run([note('Customer', '7', 'updated')], inactive, states).events).toEqual(['customer.deleted#7']);
		expect(run([note('Customer', '7', 'deleted')], inactive, states).events).toEqual([]);
	});

	test('invoice paid comes with the update that paid it, once', () => {
		const states: Record<string, ObjectState> = { 'Invoice:9': { b: 50, t: 50 } };
		const paid = { 'Invoice:9': { Id: '9', TotalAmt: 50, Balance: 0 } };
		expect(run([note('Invoice', '9', 'updated')], paid, states).events).toEqual(['invoice.updated#9', 'invoice.paid#9']);
		expect(run([note('Invoice', '9', 'updated', { time: '2026-11-22T10:01:00Z' })], paid, states).events).toEqual(['invoice.updated#9']);
	});

	test('merges keep the id that disappeared; an object that no longer exists is skipped', () => {
		const input = run([note('Customer', '3', 'merged', { deletedId: '4' }), note('Invoice', '8', 'updated')], { 'Customer:3': { Id: '3', Active: true } });
		expect(input.events).toEqual(['customer.merged#3']);
		expect(input.missing).toBe(1);
		const { events } = buildWebhookEvents({
			notifications: [note('Customer', '3', 'merged', { deletedId: '4' })],
			objects: new Map([['Customer:3', { Id: '3' }]]),
			states: {},
			selection,
			realmId: '1',
		});
		expect(events[0].deletedId).toBe('4');
	});

	test('entities not chosen are ignored', () => {
		expect(run([note('Bill', '1', 'created')], { 'Bill:1': { Id: '1' } }).events).toEqual([]);
	});
});

describe('query texts', () => {
	test('ids are quoted and escaped; names include inactive rows', () => {
		expect(idsQuery('Customer', ['1', "2'"])).toBe("SELECT * FROM Customer WHERE Active IN (true, false) AND Id IN ('1', '2\\'') MAXRESULTS 1000");
		expect(idsQuery('Invoice', ['5'])).toBe("SELECT * FROM Invoice WHERE Id IN ('5') MAXRESULTS 1000");
	});

	test('change pages start at whole seconds, oldest first', () => {
		const at = Date.parse('2026-11-22T10:00:07.900Z');
		expect(qboDateTime(at)).toBe('2026-11-22T10:00:07Z');
		expect(changesQuery('Invoice', at, 1001)).toBe(
			"SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime >= '2026-11-22T10:00:07Z' ORDERBY MetaData.LastUpdatedTime ASC STARTPOSITION 1001 MAXRESULTS 1000",
		);
	});
});
