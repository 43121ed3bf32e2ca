import { createClock } from '../../src/clock';
import { createAccounting } from '../../src/accounting';
import { seededRandom } from '../../../test/bench/jobs/data';
import { executeQuery, parseQuery, RowIndex } from '../../src/query';
import { faultOf, itemLine, US, type Obj } from './helpers';

/**
 * The lookup indexes (Id, DocNumber, DisplayName, Name, PrimaryEmailAddr) only narrow where a query
 * looks: every answer must be the one a scan of every stored row gives, after any sequence of writes.
 * A stale index entry would answer an old version (or a deleted record); a missing one would lose a
 * record — both show as a difference from the scan.
 */

type Accounting = ReturnType<typeof createAccounting>;

function fresh(options: { duplicates?: boolean } = {}) {
	const accounting = createAccounting({ clock: createClock(), allowsDuplicateDocNumbers: () => options.duplicates === true });
	return { accounting, us: accounting.realms.us };
}

/** The same query run the old way: over every stored row of the entity (a plain array, no index). */
function scan(accounting: Accounting, realmId: string, text: string): unknown {
	const parsed = parseQuery(text);
	const realm = (accounting.snapshot() as { realms: Array<{ realmId: string; tables: Record<string, Obj[]> }> }).realms.find((r) => r.realmId === realmId);
	return executeQuery(parsed, realm?.tables[parsed.entity] ?? []);
}

/** Asserts the indexed answer equals the scan's, and returns it. */
function same(accounting: Accounting, realmId: string, text: string): Obj {
	const answer = accounting.query(realmId, text) as Obj;
	expect({ text, answer }).toEqual({ text, answer: scan(accounting, realmId, text) });
	return answer;
}

const idsOf = (answer: Obj, entity: string): string[] => ((answer[entity] as Obj[] | undefined) ?? []).map((row) => String(row.Id));
const q = (value: string) => `'${value.replace(/'/g, "\\'")}'`;

describe('lookup indexes stay in step with every write', () => {
	test('create: a new record is found by Id, DocNumber, DisplayName, Name and email, without regard to case', () => {
		const { accounting, us } = fresh();
		const customer = accounting.create(us, 'Customer', { DisplayName: "O'Brien Plumbing", PrimaryEmailAddr: { Address: 'Pat@OBrien.example' } }) as Obj;
		const item = accounting.create(us, 'Item', { Name: 'Gutter Clean', Type: 'Service', IncomeAccountRef: { value: '1' } }) as Obj;
		const invoice = accounting.create(us, 'Invoice', { DocNumber: 'WO-1', CustomerRef: { value: customer.Id }, Line: [itemLine(item.Id, 50)] }) as Obj;
		expect(idsOf(same(accounting, us, `select * from Customer where DisplayName = ${q("o'brien plumbing")}`), 'Customer')).toEqual([customer.Id]);
		expect(idsOf(same(accounting, us, "select * from Customer where PrimaryEmailAddr = 'pat@obrien.example'"), 'Customer')).toEqual([customer.Id]);
		expect(idsOf(same(accounting, us, "select * from Item where Name IN ('GUTTER CLEAN', 'nothing')"), 'Item')).toEqual([item.Id]);
		expect(idsOf(same(accounting, us, "select * from Invoice where docnumber = 'wo-1'"), 'Invoice')).toEqual([invoice.Id]);
		expect(idsOf(same(accounting, us, `select * from Invoice where Id = '00${String(invoice.Id)}'`), 'Invoice')).toEqual([invoice.Id]);
		expect(same(accounting, us, "select count(*) from Invoice where DocNumber IN ('WO-1', 'WO-2')")).toEqual({ totalCount: 1 });
	});

	test('update: a renamed record is found by its new name only, and the answer is its new version', () => {
		const { accounting, us } = fresh();
		const c = accounting.create(us, 'Customer', { DisplayName: 'Old Name', PrimaryEmailAddr: { Address: 'old@x.example' } }) as Obj;
		const renamed = accounting.update(us, 'Customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, DisplayName: 'New Name', PrimaryEmailAddr: { Address: 'new@x.example' } }) as Obj;
		expect(same(accounting, us, "select * from Customer where DisplayName = 'Old Name'")).toEqual({});
		expect(same(accounting, us, "select * from Customer where PrimaryEmailAddr = 'old@x.example'")).toEqual({});
		const found = same(accounting, us, "select * from Customer where DisplayName IN ('new name') and PrimaryEmailAddr = 'new@x.example'");
		expect((found.Customer as Obj[])[0]).toMatchObject({ Id: c.Id, SyncToken: renamed.SyncToken });
		// A change of another property still answers the latest version (the index holds no stale copy).
		const noted = accounting.update(us, 'Customer', { Id: c.Id, SyncToken: renamed.SyncToken, sparse: true, Notes: 'v3' }) as Obj;
		expect((same(accounting, us, "select * from Customer where DisplayName = 'New Name'").Customer as Obj[])[0]).toMatchObject({ SyncToken: noted.SyncToken, Notes: 'v3' });
		// A changed DocNumber moves the invoice to its new number.
		const inv = accounting.create(us, 'Invoice', { DocNumber: 'A-1', CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj;
		accounting.update(us, 'Invoice', { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, DocNumber: 'A-2' });
		expect(same(accounting, us, "select * from Invoice where DocNumber = 'A-1'")).toEqual({});
		expect(idsOf(same(accounting, us, "select * from Invoice where DocNumber = 'A-2'"), 'Invoice')).toEqual([inv.Id]);
	});

	test('delete and void: a deleted invoice is gone from every look-up; a voided one is found as voided', () => {
		const { accounting, us } = fresh();
		const a = accounting.create(us, 'Invoice', { DocNumber: 'D-1', CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj;
		const b = accounting.create(us, 'Invoice', { DocNumber: 'D-2', CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 20)] }) as Obj;
		accounting.delete(us, 'Invoice', { Id: a.Id, SyncToken: a.SyncToken });
		expect(same(accounting, us, "select * from Invoice where DocNumber IN ('D-1', 'D-2')").Invoice).toHaveLength(1);
		expect(same(accounting, us, `select * from Invoice where Id = '${String(a.Id)}'`)).toEqual({});
		const voided = accounting.void(us, 'Invoice', { Id: b.Id, SyncToken: b.SyncToken }) as Obj;
		const found = same(accounting, us, "select * from Invoice where DocNumber = 'D-2'").Invoice as Obj[];
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ Id: b.Id, SyncToken: voided.SyncToken, TotalAmt: 0 });
	});

	test('inactive: a name made inactive is hidden, renamed "(deleted)", and found under that name with Active in the query', () => {
		const { accounting, us } = fresh();
		const parent = accounting.create(us, 'Customer', { DisplayName: 'Parent Co' }) as Obj;
		const child = accounting.create(us, 'Customer', { DisplayName: 'Child Co', ParentRef: { value: parent.Id }, Job: true }) as Obj;
		const item = accounting.create(us, 'Item', { Name: 'Retired', Type: 'Service', IncomeAccountRef: { value: '1' } }) as Obj;
		accounting.update(us, 'Customer', { Id: parent.Id, SyncToken: parent.SyncToken, sparse: true, Active: false });
		accounting.update(us, 'Item', { Id: item.Id, SyncToken: item.SyncToken, sparse: true, Active: false });
		expect(same(accounting, us, "select * from Customer where DisplayName IN ('Parent Co', 'Child Co')")).toEqual({});
		expect(same(accounting, us, "select * from Customer where Active IN (true, false) and DisplayName IN ('Parent Co', 'Child Co')")).toEqual({});
		// The sub-customer went inactive with its parent (a side effect that writes through another path).
		const deleted = same(accounting, us, "select * from Customer where Active = false and DisplayName IN ('Parent Co (deleted)', 'Child Co (deleted)')");
		expect(idsOf(deleted, 'Customer').sort()).toEqual([parent.Id, child.Id].sort());
		expect(idsOf(same(accounting, us, "select * from Item where Active IN (true, false) and Name = 'Retired (deleted)'"), 'Item')).toEqual([item.Id]);
		// Made active again under its old name, it is found there again.
		const current = accounting.read(us, 'Item', item.Id) as Obj;
		accounting.update(us, 'Item', { Id: item.Id, SyncToken: current.SyncToken, sparse: true, Active: true, Name: 'Retired' });
		expect(idsOf(same(accounting, us, "select * from Item where Name = 'Retired'"), 'Item')).toEqual([item.Id]);
	});

	test('duplicate document numbers (the company allows them): every holder is found, and the rest after one is deleted', () => {
		const { accounting, us } = fresh({ duplicates: true });
		const made = [1, 2, 3].map((n) => accounting.create(us, 'Invoice', { DocNumber: 'DUP', CustomerRef: { value: US.amy }, Line: [itemLine(US.services, n)] }) as Obj);
		expect(idsOf(same(accounting, us, "select * from Invoice where DocNumber = 'dup'"), 'Invoice')).toEqual(made.map((m) => m.Id));
		accounting.delete(us, 'Invoice', { Id: made[0].Id, SyncToken: made[0].SyncToken });
		expect(idsOf(same(accounting, us, "select * from Invoice where DocNumber = 'DUP' orderby TotalAmt desc"), 'Invoice')).toEqual([made[2].Id, made[1].Id]);
	});

	test('a failed write leaves the index as it was', () => {
		const { accounting, us } = fresh();
		const c = accounting.create(us, 'Customer', { DisplayName: 'Steady' }) as Obj;
		accounting.create(us, 'Customer', { DisplayName: 'Taken' });
		expect(faultOf(() => accounting.update(us, 'Customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, DisplayName: 'Taken' })).code).toBe('6240');
		expect(idsOf(same(accounting, us, "select * from Customer where DisplayName = 'Steady'"), 'Customer')).toEqual([c.Id]);
		expect(same(accounting, us, "select * from Customer where DisplayName = 'Taken'").Customer).toHaveLength(1);
	});

	test('restore and reset rebuild the indexes from the stored rows', () => {
		const { accounting, us } = fresh();
		const c = accounting.create(us, 'Customer', { DisplayName: 'Kept' }) as Obj;
		const snap = JSON.parse(JSON.stringify(accounting.snapshot()));
		accounting.update(us, 'Customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, DisplayName: 'Changed After Snapshot' });
		accounting.restore(snap);
		expect(idsOf(same(accounting, us, "select * from Customer where DisplayName = 'Kept'"), 'Customer')).toEqual([c.Id]);
		expect(same(accounting, us, "select * from Customer where DisplayName = 'Changed After Snapshot'")).toEqual({});
		accounting.reset();
		expect(same(accounting, us, "select * from Customer where DisplayName = 'Kept'")).toEqual({});
		expect(idsOf(same(accounting, us, `select * from Customer where Id = '${US.amy}'`), 'Customer')).toEqual([US.amy]);
	});

	test('a bad literal on an indexed property is refused as before (4001), not answered empty', () => {
		const { accounting, us } = fresh();
		expect(faultOf(() => accounting.query(us, "select * from Invoice where Id = 'x' and TotalAmt > 'lots'")).code).toBe('4001');
	});
});

describe('indexed answers equal a scan over random writes', () => {
	const NAMES = ['Alpha', 'alpha ltd', 'Beta', "O'Hara", 'Gamma Co', 'DELTA', 'Epsilon', 'Zeta'];
	const DOCS = ['100', '101', 'wo-1', 'WO-2', 'X', '7', '0007'];

	test('300 random creates, renames, deletes, voids and deactivations, 40 queries after every 25 writes', () => {
		const { accounting, us } = fresh({ duplicates: true });
		const random = seededRandom(16);
		const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
		const customers: string[] = [];
		const items: string[] = [];
		const invoices: string[] = [];
		const read = (entity: string, id: string) => accounting.read(us, entity, id) as Obj;
		const attempt = (write: () => unknown) => {
			try {
				write();
			} catch {
				// A refused write (a name taken, an inactive reference…) is part of the mix: nothing changes.
			}
		};
		const name = () => `${pick(NAMES)} ${Math.floor(random() * 6)}`;
		const queries = (): string[] => [
			`select * from Customer where DisplayName = ${q(name().toLowerCase())}`,
			`select * from Customer where Active IN (true, false) and DisplayName IN (${[name(), name(), name()].map(q).join(', ')})`,
			`select * from Customer where Active = false and DisplayName IN (${q(`${name()} (deleted)`)}, ${q(name())})`,
			`select * from Customer where PrimaryEmailAddr IN ('a@x.example', 'B@X.EXAMPLE', 'c@x.example')`,
			`select DisplayName, Balance from Customer where DisplayName IN (${[name(), name()].map(q).join(', ')}) orderby Balance desc`,
			`select * from Item where Name IN (${[name(), name(), name()].map(q).join(', ')}) orderby Name desc`,
			`select count(*) from Item where Active IN (true, false) and Name IN (${[name(), name()].map(q).join(', ')})`,
			`select * from Invoice where DocNumber IN (${[pick(DOCS), pick(DOCS), pick(DOCS)].map(q).join(', ')}) startposition 2 maxresults 3`,
			`select * from Invoice where DocNumber = ${q(pick(DOCS))} and TotalAmt > '20'`,
			`select * from Invoice where DocNumber IN (${q(pick(DOCS))}) and Id IN (${[pick(invoices) ?? '1', pick(invoices) ?? '2'].map(q).join(', ')})`,
			`select Id, DocNumber from Invoice where Id = ${q(pick(invoices) ?? '1')}`,
			`select * from Invoice where CustomerRef = ${q(pick(customers) ?? '1')} and DocNumber IN (${DOCS.map(q).join(', ')})`,
			`select * from Customer where Id IN (${[pick(customers) ?? '1', pick(customers) ?? '2', '999'].map(q).join(', ')})`,
			`select * from Customer where DisplayName LIKE '%a%'`,
		];
		const writes: Array<() => void> = [
			() => attempt(() => customers.push(String((accounting.create(us, 'Customer', { DisplayName: name(), PrimaryEmailAddr: { Address: pick(['a@x.example', 'b@x.example', 'c@x.example']) } }) as Obj).Id))),
			() => attempt(() => items.push(String((accounting.create(us, 'Item', { Name: name(), Type: 'Service', IncomeAccountRef: { value: '1' } }) as Obj).Id))),
			() => attempt(() => invoices.push(String((accounting.create(us, 'Invoice', { DocNumber: pick(DOCS), CustomerRef: { value: pick(customers) ?? US.amy }, Line: [itemLine(US.services, Math.round(random() * 40))] }) as Obj).Id))),
			() => attempt(() => invoices.push(String((accounting.create(us, 'Invoice', { DocNumber: pick(DOCS), CustomerRef: { value: pick(customers) ?? US.amy }, Line: [itemLine(US.services, Math.round(random() * 40))] }) as Obj).Id))),
			() => customers.length && attempt(() => { const c = read('Customer', pick(customers)); accounting.update(us, 'Customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, DisplayName: name() }); }),
			() => customers.length && attempt(() => { const c = read('Customer', pick(customers)); accounting.update(us, 'Customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, Active: c.Active === false }); }),
			() => items.length && attempt(() => { const i = read('Item', pick(items)); accounting.update(us, 'Item', { Id: i.Id, SyncToken: i.SyncToken, sparse: true, Active: i.Active === false, Name: name() }); }),
			() => invoices.length && attempt(() => { const v = read('Invoice', pick(invoices)); accounting.update(us, 'Invoice', { Id: v.Id, SyncToken: v.SyncToken, sparse: true, DocNumber: pick(DOCS) }); }),
			() => invoices.length && attempt(() => { const v = read('Invoice', pick(invoices)); accounting.void(us, 'Invoice', { Id: v.Id, SyncToken: v.SyncToken }); }),
			() => invoices.length && attempt(() => { const id = pick(invoices); const v = read('Invoice', id); accounting.delete(us, 'Invoice', { Id: v.Id, SyncToken: v.SyncToken }); invoices.splice(invoices.indexOf(id), 1); }),
		];
		let compared = 0;
		for (let step = 1; step <= 300; step++) {
			pick(writes)();
			if (step % 25 !== 0) continue;
			for (let k = 0; k < 40; k++) {
				same(accounting, us, pick(queries()));
				compared++;
			}
		}
		expect(compared).toBe(480);
		expect(customers.length + items.length + invoices.length).toBeGreaterThan(50);
	});
});

describe('an indexed look-up does not grow with the company', () => {
	// Counted, not timed: the rows a query tests are the rows the index hands it, whatever the machine's load.
	test('DocNumber IN (5 numbers) over 20,000 invoices tests only the 5 rows holding them', () => {
		const { accounting, us } = fresh();
		for (let i = 0; i < 20_000; i++) accounting.create(us, 'Invoice', { DocNumber: `P-${i}`, CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 1)] });
		const lookup = jest.spyOn(RowIndex.prototype, 'lookup');
		try {
			const text = `select * from Invoice where DocNumber IN (${Array.from({ length: 5 }, (_, k) => `'P-${19_000 + k}'`).join(', ')}) maxresults 1000`;
			const answer = same(accounting, us, text);
			expect((answer.Invoice as Obj[]).map((invoice) => invoice.DocNumber)).toEqual(['P-19000', 'P-19001', 'P-19002', 'P-19003', 'P-19004']);
			expect(lookup).toHaveBeenCalledTimes(1);
			expect((lookup.mock.results[0].value as unknown[]).length).toBe(5);
		} finally {
			lookup.mockRestore();
		}
	}, 120_000);
});
