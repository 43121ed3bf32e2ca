import type { ChangeEvent } from '../../src/contracts';
import { faultOf, freshAccounting, itemLine, US, type Obj } from './helpers';

describe('change feed: changedSince, onChange, snapshot', () => {
	test('changedSince returns objects written at or after the time, and deleted ones as Deleted stubs', () => {
		const { accounting, us, clock } = freshAccounting();
		clock.advance(60_000);
		const since = clock.now();
		const c = accounting.create(us, 'Customer', { DisplayName: 'CDC Co' }) as Obj;
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: c.Id }, Line: [itemLine(US.services, 10)] }) as Obj;
		clock.advance(1000);
		accounting.delete(us, 'Invoice', { Id: inv.Id, SyncToken: '0' });
		const result = accounting.changedSince(us, ['Customer', 'Invoice', 'Item'], since);
		expect(result.map((r) => r.entity)).toEqual(['Customer', 'Invoice', 'Item']);
		expect(result[0].objects.map((o) => o.Id)).toEqual([c.Id]);
		const deleted = result[1].objects[0] as Obj;
		expect(deleted).toMatchObject({ domain: 'QBO', status: 'Deleted', Id: inv.Id });
		expect(deleted.MetaData.LastUpdatedTime).toMatch(/-07:00$/);
		expect(result[2].objects).toEqual([]);
		// Nothing after a later point.
		clock.advance(1000);
		expect(accounting.changedSince(us, ['Customer', 'Invoice'], clock.now()).every((r) => r.objects.length === 0)).toBe(true);
	});

	test('onChange hears Create, Update, Delete, Void and Emailed — with side effects on linked objects', () => {
		const { accounting, us } = freshAccounting();
		const events: ChangeEvent[] = [];
		accounting.onChange((e) => events.push(e));
		accounting.onChange(() => {
			throw new Error('a broken listener must not break writes');
		});
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj;
		const p = accounting.create(us, 'Payment', { CustomerRef: { value: US.amy }, TotalAmt: 10, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] }) as Obj;
		accounting.send(us, 'Invoice', inv.Id);
		accounting.void(us, 'Payment', { Id: p.Id, SyncToken: '0' });
		accounting.delete(us, 'Payment', { Id: p.Id, SyncToken: '1' });
		expect(events.map((e) => `${e.operation} ${e.entity} ${e.id}`)).toEqual([
			`Create Invoice ${inv.Id}`,
			`Create Payment ${p.Id}`,
			`Update Invoice ${inv.Id}`,
			`Emailed Invoice ${inv.Id}`,
			`Void Payment ${p.Id}`,
			`Update Invoice ${inv.Id}`,
			`Delete Payment ${p.Id}`,
		]);
		expect(events.every((e) => e.realmId === us && !Number.isNaN(Date.parse(e.lastUpdated)))).toBe(true);
	});

	test('a failed write emits nothing and changes nothing', () => {
		const { accounting, us } = freshAccounting();
		const events: ChangeEvent[] = [];
		accounting.onChange((e) => events.push(e));
		const before = JSON.stringify(accounting.snapshot());
		faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10), itemLine('9999', 5)] }));
		faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'Acme Facilities Ltd' }));
		expect(events).toEqual([]);
		expect(JSON.stringify(accounting.snapshot())).toBe(before);
	});

	test('snapshot is JSON-safe and restore(snapshot()) round-trips exactly, indexes included', () => {
		const { accounting, us } = freshAccounting();
		const c = accounting.create(us, 'Customer', { DisplayName: 'Snap Ltd' }) as Obj;
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: c.Id }, DocNumber: 'S-1', Line: [itemLine(US.services, 10)] }) as Obj;
		accounting.delete(us, 'Invoice', { Id: inv.Id, SyncToken: '0' });
		const snap = JSON.parse(JSON.stringify(accounting.snapshot()));
		accounting.create(us, 'Customer', { DisplayName: 'After Snapshot' });
		accounting.restore(snap);
		expect(JSON.parse(JSON.stringify(accounting.snapshot()))).toEqual(snap);
		// Uniqueness still holds after a restore, the sequences continue, tombstones survive.
		expect(faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'snap ltd' })).code).toBe('6240');
		expect(accounting.create(us, 'Customer', { DisplayName: 'After Snapshot' })).toHaveProperty('Id', String(Number(c.Id) + 1));
		expect(accounting.changedSince(us, ['Invoice'], 0)[0].objects).toContainEqual(expect.objectContaining({ status: 'Deleted', Id: inv.Id }));
		expect(() => accounting.restore({ nope: true })).toThrow();
	});

	test('reset brings back the seeded companies', () => {
		const { accounting, us } = freshAccounting();
		accounting.create(us, 'Customer', { DisplayName: 'Temporary' });
		accounting.reset();
		expect((accounting.query(us, "select * from Customer where DisplayName = 'Temporary'") as Obj).Customer).toBeUndefined();
		expect(accounting.read(us, 'Customer', US.amy).DisplayName).toBe("Amy's Bird Sanctuary");
	});
});
