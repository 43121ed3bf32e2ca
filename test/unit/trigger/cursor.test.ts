import { buildSelection } from '../../../nodes/shared/triggers/selection';
import { judgeChanges, type Change } from '../../../nodes/QuickBooksSyncTrigger/judgeChanges';
import { advanceCursor, readPollState, windowStart, writePollState, type PollState } from '../../../nodes/QuickBooksSyncTrigger/pollState';

const T0 = Date.parse('2026-11-22T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();
const at = (seconds: number) => T0 + seconds * 1000;

function invoice(id: string, created: number, updated: number, extra: Record<string, unknown> = {}): Change {
	return {
		entity: 'Invoice',
		object: { Id: id, TotalAmt: 100, Balance: 100, MetaData: { CreateTime: iso(created), LastUpdatedTime: iso(updated) }, ...extra },
	};
}

const everything = buildSelection(['Invoice', 'Customer'], ['created', 'updated', 'deleted', 'voided', 'emailed'], [
	'invoice.paid',
	'invoice.partially_paid',
	'estimate.accepted',
]);

/** Runs one poll the way poll() does: window from the state, judge, advance to the server time. */
function poll(state: PollState, changes: Change[], serverSeconds: number, emit = true) {
	const start = windowStart(state) ?? at(-30);
	const events = judgeChanges(changes, state, { selection: everything, realmId: '1', windowStartMs: start, emit });
	advanceCursor(state, iso(at(serverSeconds)));
	return events.map((e) => `${e.event}#${e.id}`);
}

describe('polling cursor: every change once', () => {
	test('the first activation records what is there and reports nothing', () => {
		const state = readPollState({});
		expect(poll(state, [invoice('1', at(-5), at(-5))], 0, false)).toEqual([]);
		expect(state.cursor).toBe(iso(at(0)));
		// The same object read again in the overlap is not news.
		expect(poll(state, [invoice('1', at(-5), at(-5))], 10)).toEqual([]);
	});

	test('a create then an edit in a later poll: created once, then updated once, overlap re-reads nothing', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		expect(poll(state, [invoice('7', at(2), at(2))], 10)).toEqual(['invoice.created#7']);
		// Next window starts 30 s before the cursor, so it sees the creation again: dropped.
		expect(poll(state, [invoice('7', at(2), at(2))], 20)).toEqual([]);
		expect(poll(state, [invoice('7', at(2), at(15))], 30)).toEqual(['invoice.updated#7']);
		expect(poll(state, [invoice('7', at(2), at(15))], 40)).toEqual([]);
	});

	test('created and edited inside one window is one "created" with the current object', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		expect(poll(state, [invoice('8', at(1), at(4))], 10)).toEqual(['invoice.created#8']);
		// The next poll re-reads the same version (same LastUpdatedTime): nothing.
		expect(poll(state, [invoice('8', at(1), at(4))], 20)).toEqual([]);
	});

	test('an object created before the window is "updated", even if never seen', () => {
		const state = readPollState({ cursor: iso(at(100)) });
		expect(poll(state, [invoice('9', at(0), at(95))], 110)).toEqual(['invoice.updated#9']);
	});

	test('equal timestamps at the boundary are neither lost nor repeated', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		const a = invoice('20', at(5), at(5));
		const b = invoice('21', at(5), at(5));
		expect(poll(state, [a], 5)).toEqual(['invoice.created#20']);
		expect(poll(state, [a, b], 10)).toEqual(['invoice.created#21']);
	});

	test('two writes inside one second are two versions (SyncToken), not one', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		const v0 = invoice('40', at(2), at(2), { SyncToken: '0' });
		const v1 = invoice('40', at(2), at(2), { SyncToken: '1', PrivateNote: 'edited' });
		expect(poll(state, [v0], 10)).toEqual(['invoice.created#40']);
		expect(poll(state, [v1], 20)).toEqual(['invoice.updated#40']);
		expect(poll(state, [v1], 30)).toEqual([]);
	});

	test('first read after an edit: created once, and not again when read once more', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		expect(poll(state, [invoice('41', at(2), at(3), { SyncToken: '2' })], 10)).toEqual(['invoice.created#41']);
		expect(poll(state, [invoice('41', at(2), at(12), { SyncToken: '3' })], 20)).toEqual(['invoice.updated#41']);
	});

	test('a deleted object is reported once, as QuickBooks reports it', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		const stub: Change = { entity: 'Invoice', object: { domain: 'QBO', status: 'Deleted', Id: '5', MetaData: { LastUpdatedTime: iso(at(3)) } } };
		expect(poll(state, [stub], 10)).toEqual(['invoice.deleted#5']);
		expect(poll(state, [stub], 20)).toEqual([]);
	});

	test('a void is "voided", not also "updated"', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		expect(poll(state, [invoice('3', at(-100), at(1))], 10)).toEqual(['invoice.updated#3']);
		const voided = invoice('3', at(-100), at(12), { TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
		expect(poll(state, [voided], 20)).toEqual(['invoice.voided#3']);
		expect(poll(state, [invoice('3', at(-100), at(25), { TotalAmt: 0, Balance: 0, PrivateNote: 'Voided - note' })], 30)).toEqual([
			'invoice.updated#3',
		]);
	});

	test('payments: partially paid, then paid, each once; later edits of a paid invoice are only updates', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		expect(poll(state, [invoice('4', at(1), at(1))], 10)).toEqual(['invoice.created#4']);
		expect(poll(state, [invoice('4', at(1), at(12), { Balance: 60 })], 20)).toEqual(['invoice.updated#4', 'invoice.partially_paid#4']);
		expect(poll(state, [invoice('4', at(1), at(22), { Balance: 0 })], 30)).toEqual(['invoice.updated#4', 'invoice.paid#4']);
		expect(poll(state, [invoice('4', at(1), at(33), { Balance: 0, PrivateNote: 'thanks' })], 40)).toEqual(['invoice.updated#4']);
	});

	test('an invoice created and paid inside one window gives created and paid', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		expect(poll(state, [invoice('6', at(1), at(3), { Balance: 0 })], 10)).toEqual(['invoice.created#6', 'invoice.paid#6']);
	});

	test('an invoice already paid before the trigger started does not fire "paid" when edited', () => {
		const state = readPollState({ cursor: iso(at(100)) });
		expect(poll(state, [invoice('11', at(0), at(95), { Balance: 0 })], 110)).toEqual(['invoice.updated#11']);
	});

	test('a customer made inactive is "deleted" once', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		const customer = (updated: number, active: boolean): Change => ({
			entity: 'Customer',
			object: { Id: '50', Active: active, MetaData: { CreateTime: iso(at(-500)), LastUpdatedTime: iso(at(updated)) } },
		});
		expect(poll(state, [customer(2, true)], 10)).toEqual(['customer.updated#50']);
		expect(poll(state, [customer(12, false)], 20)).toEqual(['customer.deleted#50']);
	});

	test('emailed: a DeliveryTime inside the window fires once', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		const sent = invoice('12', at(-500), at(4), { EmailStatus: 'EmailSent', DeliveryInfo: { DeliveryType: 'Email', DeliveryTime: iso(at(4)) } });
		expect(poll(state, [sent], 10)).toEqual(['invoice.emailed#12']);
		const edited = { ...sent, object: { ...sent.object, MetaData: { CreateTime: iso(at(-500)), LastUpdatedTime: iso(at(15)) } } };
		expect(poll(state, [edited], 20)).toEqual(['invoice.updated#12']);
	});

	test('events come out oldest first', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		expect(poll(state, [invoice('31', at(8), at(8)), invoice('30', at(2), at(2))], 10)).toEqual(['invoice.created#30', 'invoice.created#31']);
	});
});

describe('polling cursor: bounded memory', () => {
	test('keys older than the next window are forgotten', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		poll(state, [invoice('1', at(1), at(1))], 10);
		expect(Object.keys(state.seen).length).toBeGreaterThan(0);
		advanceCursor(state, iso(at(100)));
		expect(state.seen).toEqual({});
	});

	test('more keys than the cap inside the overlap: the floor rises instead of repeating', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		const changes = Array.from({ length: 50 }, (_, i) => invoice(String(100 + i), at(1 + i * 0.1), at(1 + i * 0.1)));
		judgeChanges(changes, state, { selection: everything, realmId: '1', windowStartMs: at(-30), emit: true });
		advanceCursor(state, iso(at(10)), 30_000, 20);
		expect(Object.keys(state.seen).length).toBeLessThanOrEqual(22);
		expect(windowStart(state)).toBeGreaterThan(at(-20));
		// Re-reading from the (raised) window start repeats nothing.
		const start = windowStart(state)!;
		const again = changes.filter((c) => Date.parse(String((c.object.MetaData as { LastUpdatedTime: string }).LastUpdatedTime)) >= start);
		expect(judgeChanges(again, state, { selection: everything, realmId: '1', windowStartMs: start, emit: true })).toEqual([]);
	});

	test('state survives a round trip through static data', () => {
		const state = readPollState({ cursor: iso(at(0)) });
		poll(state, [invoice('1', at(1), at(1))], 10);
		const staticData = {};
		writePollState(staticData, state);
		const restored = readPollState(JSON.parse(JSON.stringify(staticData)));
		expect(restored).toEqual(state);
		expect(poll(restored, [invoice('1', at(1), at(1))], 20)).toEqual([]);
	});
});
