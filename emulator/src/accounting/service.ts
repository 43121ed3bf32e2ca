import type { AccountingService, ChangeEvent, ChangeOperation, Clock, QueryResponseBody, WriteOptions } from '../contracts';
import { RULES, entityForPath, referenceWord } from './entities';
import {
	businessValidation,
	invalidId,
	invalidProperty,
	invalidReference,
	objectNotFound,
	requiredMissing,
	staleObject,
	unknownRealm,
	unsupportedOperation,
} from './faults';
import { sameContent, withCreateDefaults } from './behaviour';
import type { IndexedRows } from '../query';
import { documentPdf } from './pdf';
import { SCHEMA_FIELDS } from './schema-fields';
import { companySeeds } from './seeds';
import { dropRow, emptyRealm, indexOf, nextId, restoreRealm, snapshotRealm, storeRow, table, type RealmSnapshot, type RealmState } from './store';
import type { EntityRules, WriteContext } from './types';
import { asObj, clone, compact, isObj, qboDate, qboTime, refId, round2, str, type Obj } from './values';

/** Sandbox companies may send this many emails a day. */
export const SANDBOX_EMAILS_PER_DAY = 40;
const SYSTEM_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status'];

export interface AccountingOptions {
	clock: Clock;
	/** Runs a query over one entity's stored rows and their lookup index (the query part); absent → queries fail. */
	query?: (rowsOf: (entity: string) => IndexedRows, text: string) => QueryResponseBody;
	/** Whether the company's duplicate document-number check is off (a second document with a used number is stored). */
	allowsDuplicateDocNumbers?: (realmId: string) => boolean;
}

const ALLOWED = new Map(Object.entries(SCHEMA_FIELDS).map(([entity, fields]) => [entity, new Set(fields)]));

/** 2010 for a property the entity's schema does not have (QuickBooks' deserializer refuses it). */
function checkProperties(entity: string, input: Obj): void {
	const allowed = ALLOWED.get(entity);
	if (!allowed) return;
	for (const key in input) if (!allowed.has(key)) throw invalidProperty(key);
	if (!Array.isArray(input.Line)) return;
	const lineFields = ALLOWED.get('Line') as Set<string>;
	for (const line of input.Line) if (isObj(line)) for (const key in line) if (!lineFields.has(key)) throw invalidProperty(`Line.${key}`);
}

/** User-supplied fields of a body or a stored object (system fields dropped). */
function userFields(o: Obj): Obj {
	const out: Obj = {};
	for (const k in o) if (!SYSTEM_FIELDS.includes(k)) out[k] = o[k];
	return out;
}

/** QuickBooks Ids are whole numbers; anything else is 2030 "Invalid ID" before any lookup. */
function checkedId(id: unknown): string {
	const text = String(id);
	if (!/^\d{1,18}$/.test(text)) throw invalidId(text);
	return text;
}

const SIMPLE_EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** The accounting core: companies, entities and QuickBooks' rules, synchronous and in memory. */
export function createAccountingService(options: AccountingOptions): AccountingService {
	const { clock } = options;
	let realms = new Map<string, RealmState>();
	const listeners: ((event: ChangeEvent) => void)[] = [];
	let seeding = false;

	const keysOf = (entity: string, obj: Obj): string[] => RULES.get(entity)?.keys?.(obj) ?? [];

	function realmOf(realmId: string): RealmState {
		const realm = realms.get(realmId);
		if (!realm) throw unknownRealm(realmId);
		return realm;
	}

	function rulesOf(entity: string, operation: string): EntityRules {
		const rules = RULES.get(entity);
		if (!rules) throw unsupportedOperation(`${operation} on ${entity}`);
		return rules;
	}

	/** Stores `obj` (replacing `prev`), keeping the uniqueness index and CDC times in step. */
	function put(realm: RealmState, entity: string, obj: Obj, prev: Obj | undefined, at: number): void {
		const id = String(obj.Id);
		storeRow(realm, entity, obj);
		const keys = keysOf(entity, obj);
		if (prev) for (const key of keysOf(entity, prev)) if (!keys.includes(key) && realm.unique.get(key)?.id === id) release(realm, entity, key, id);
		// With duplicate document numbers allowed a key can have several holders: the index names the first.
		for (const key of keys) if (!realm.unique.has(key)) realm.unique.set(key, { entity, id });
		realm.updatedAt.set(`${entity}/${id}`, at);
	}

	/** Drops `id` as the holder of `key`, handing the key to another holder still there (a duplicate number), if any. */
	function release(realm: RealmState, entity: string, key: string, id: string): void {
		realm.unique.delete(key);
		for (const other of realm.tables.get(entity)?.values() ?? []) {
			if (String(other.Id) !== id && keysOf(entity, other).includes(key)) {
				realm.unique.set(key, { entity, id: String(other.Id) });
				return;
			}
		}
	}

	function remove(realm: RealmState, entity: string, obj: Obj, at: number): void {
		const id = String(obj.Id);
		dropRow(realm, entity, id);
		for (const key of keysOf(entity, obj)) if (realm.unique.get(key)?.id === id) release(realm, entity, key, id);
		realm.updatedAt.delete(`${entity}/${id}`);
		let tomb = realm.tombstones.get(entity);
		if (!tomb) realm.tombstones.set(entity, (tomb = new Map()));
		tomb.set(id, at);
	}

	/** A new version of `prev`: next SyncToken, LastUpdatedTime now. */
	function nextVersion(prev: Obj, body: Obj, at: number): Obj {
		const meta = (prev.MetaData as Obj | undefined) ?? {};
		return {
			domain: 'QBO',
			sparse: false,
			Id: prev.Id,
			SyncToken: String(Number(prev.SyncToken ?? 0) + 1),
			MetaData: { CreateTime: meta.CreateTime ?? qboTime(at), LastUpdatedTime: qboTime(at) },
			...compact(userFields(body)),
		};
	}

	function context(realm: RealmState, given: WriteOptions, events: ChangeEvent[]): WriteContext {
		const opts = given.allowDuplicateDocNumber || !options.allowsDuplicateDocNumbers?.(realm.realmId) ? given : { ...given, allowDuplicateDocNumber: true };
		const ctx: WriteContext = {
			realm,
			clock,
			opts,
			get: (entity, id) => realm.tables.get(entity)?.get(id),
			ref(entity, value, element) {
				if (value !== undefined && value !== null && !isObj(value) && typeof value !== 'string') throw invalidProperty(element);
				const id = refId(value);
				if (id === undefined) throw requiredMissing(element);
				const target = realm.tables.get(entity)?.get(id);
				if (!target) throw invalidReference(referenceWord(entity), id, element);
				if (target.Active === false) throw objectNotFound(element);
				return target;
			},
			holder: (key) => realm.unique.get(key),
			prefs: () => realm.tables.get('Preferences')?.get('1') ?? {},
			touch(entity, id, change) {
				const prev = realm.tables.get(entity)?.get(id);
				if (!prev) return;
				const draft = clone(prev);
				change(draft);
				const at = clock.now();
				const next = nextVersion(prev, draft, at);
				put(realm, entity, next, prev, at);
				events.push(event(realm, entity, next, 'Update'));
			},
			adjustCustomerBalance(customerId, delta) {
				const customers = table(realm, 'Customer');
				let customer = customers.get(customerId);
				if (!customer || delta === 0) return;
				customer.Balance = round2(Number(customer.Balance ?? 0) + delta);
				// BalanceWithJobs rolls up through every parent.
				for (let guard = 0; customer && guard < 10; guard++) {
					customer.BalanceWithJobs = round2(Number(customer.BalanceWithJobs ?? 0) + delta);
					const parentId = refId(customer.ParentRef);
					customer = parentId ? customers.get(parentId) : undefined;
				}
			},
		};
		return ctx;
	}

	function event(realm: RealmState, entity: string, obj: Obj, operation: ChangeOperation): ChangeEvent {
		const meta = obj.MetaData as Obj | undefined;
		const at = realm.updatedAt.get(`${entity}/${String(obj.Id)}`) ?? clock.now();
		return { realmId: realm.realmId, entity, id: String(obj.Id), operation, lastUpdated: meta ? new Date(at).toISOString() : clock.nowIso() };
	}

	function emit(events: ChangeEvent[]): void {
		if (seeding) return;
		for (const e of events) {
			for (const listener of listeners) {
				try {
					listener(e);
				} catch {
					// A listener's failure must not undo or fail a write that already happened.
				}
			}
		}
	}

	function current(realm: RealmState, entity: string, body: unknown): { input: Obj; prev: Obj } {
		const input = asObj(body);
		const given = str(input.Id);
		if (!given) throw requiredMissing('Id');
		const id = checkedId(given);
		const prev = realm.tables.get(entity)?.get(id);
		if (!prev) throw objectNotFound();
		return { input, prev };
	}

	function checkSyncToken(input: Obj, prev: Obj): void {
		if (input.SyncToken === undefined || input.SyncToken === null) throw requiredMissing('SyncToken');
		if (String(input.SyncToken) !== String(prev.SyncToken)) throw staleObject();
	}

	const service: AccountingService = {
		hasRealm: (realmId) => realms.has(realmId),
		realmIds: () => [...realms.keys()],
		entityForPath,

		create(realmId, entity, body, opts = {}) {
			const realm = realmOf(realmId);
			const rules = rulesOf(entity, 'Create');
			if (!rules.build || rules.kind === 'readonly') throw unsupportedOperation('Create');
			const events: ChangeEvent[] = [];
			const ctx = context(realm, opts, events);
			const input = asObj(body);
			checkProperties(entity, input);
			const built = compact(rules.build(ctx, userFields(input), undefined));
			const at = clock.now();
			const obj: Obj = withCreateDefaults(entity, {
				domain: 'QBO',
				sparse: false,
				Id: nextId(realm, rules.sequence),
				SyncToken: '0',
				MetaData: { CreateTime: qboTime(at), LastUpdatedTime: qboTime(at) },
				...built,
			});
			put(realm, entity, obj, undefined, at);
			rules.afterWrite?.(ctx, obj, undefined);
			emit([event(realm, entity, obj, 'Create'), ...events]);
			return clone(table(realm, entity).get(String(obj.Id)) as Obj);
		},

		read(realmId, entity, id) {
			const realm = realmOf(realmId);
			rulesOf(entity, 'Read');
			// CompanyInfo is read by the realm id; Preferences is a singleton.
			const key = entity === 'Preferences' || (entity === 'CompanyInfo' && id === realmId) ? '1' : checkedId(id);
			const obj = realm.tables.get(entity)?.get(key);
			if (!obj) throw objectNotFound();
			return clone(obj);
		},

		update(realmId, entity, body, opts = {}) {
			if (opts.include?.includes('void') || opts.operation === 'void') return service.void(realmId, entity, body);
			const realm = realmOf(realmId);
			const rules = rulesOf(entity, 'Update');
			if (!rules.build || rules.kind === 'readonly') throw unsupportedOperation('Update');
			const { input, prev } = current(realm, entity, body);
			checkSyncToken(input, prev);
			checkProperties(entity, input);
			const sparse = input.sparse === true || input.sparse === 'true';
			const base = sparse ? { ...userFields(prev), ...userFields(input) } : userFields(input);
			const events: ChangeEvent[] = [];
			const ctx = context(realm, opts, events);
			const built = rules.build(ctx, base, prev);
			// A sparse update that changes nothing is no write at all: same SyncToken, no change event.
			if (sparse && sameContent(compact(userFields(built)), userFields(prev))) return clone(prev);
			const at = clock.now();
			const obj = nextVersion(prev, built, at);
			put(realm, entity, obj, prev, at);
			rules.afterWrite?.(ctx, obj, prev);
			emit([event(realm, entity, obj, 'Update'), ...events]);
			return clone(table(realm, entity).get(String(obj.Id)) as Obj);
		},

		delete(realmId, entity, body) {
			const realm = realmOf(realmId);
			const rules = rulesOf(entity, 'Delete');
			if (!rules.deletable) throw unsupportedOperation('Delete');
			const { input, prev } = current(realm, entity, body);
			checkSyncToken(input, prev);
			const events: ChangeEvent[] = [];
			const ctx = context(realm, {}, events);
			rules.beforeRemove?.(ctx, prev, 'delete');
			const at = clock.now();
			remove(realm, entity, prev, at);
			emit([{ realmId, entity, id: String(prev.Id), operation: 'Delete', lastUpdated: new Date(at).toISOString() }, ...events]);
			return { domain: 'QBO', status: 'Deleted', Id: String(prev.Id) };
		},

		void(realmId, entity, body) {
			const realm = realmOf(realmId);
			const rules = rulesOf(entity, 'Void');
			if (!rules.voided) throw unsupportedOperation('Void');
			const { input, prev } = current(realm, entity, body);
			checkSyncToken(input, prev);
			const events: ChangeEvent[] = [];
			const ctx = context(realm, {}, events);
			rules.beforeRemove?.(ctx, prev, 'void');
			const fresh = realm.tables.get(entity)?.get(String(prev.Id)) as Obj;
			const at = clock.now();
			const obj = nextVersion(fresh, rules.voided(ctx, fresh), at);
			put(realm, entity, obj, fresh, at);
			emit([event(realm, entity, obj, 'Void'), ...events]);
			return clone(obj);
		},

		send(realmId, entity, id, sendTo) {
			const realm = realmOf(realmId);
			const rules = rulesOf(entity, 'Send');
			if (!rules.sendable) throw unsupportedOperation('Send');
			const prev = realm.tables.get(entity)?.get(checkedId(id));
			if (!prev) throw objectNotFound();
			const to = str(sendTo) ?? str((prev.BillEmail as Obj | undefined)?.Address);
			if (!to) throw businessValidation('Please provide an email address: the transaction has no BillEmail and no sendTo was given.', 'BillEmail');
			for (const address of to.split(',')) if (!SIMPLE_EMAIL.test(address.trim())) throw businessValidation(`Invalid email address format: ${address.trim()}`, 'BillEmail');
			const at = clock.now();
			const today = qboDate(at);
			if (realm.emails.day !== today) realm.emails = { day: today, count: 0 };
			if (realm.emails.count >= SANDBOX_EMAILS_PER_DAY) {
				throw businessValidation(`This sandbox company has reached its limit of ${SANDBOX_EMAILS_PER_DAY} emails for today. Try again tomorrow.`);
			}
			realm.emails.count++;
			const draft: Obj = {
				...clone(prev),
				EmailStatus: 'EmailSent',
				DeliveryInfo: { DeliveryType: 'Email', DeliveryTime: qboTime(at) },
				...(str(sendTo) ? { BillEmail: { Address: str(sendTo) } } : {}),
			};
			const obj = nextVersion(prev, draft, at);
			put(realm, entity, obj, prev, at);
			emit([event(realm, entity, obj, 'Emailed')]);
			return clone(obj);
		},

		pdf(realmId, entity, id) {
			const realm = realmOf(realmId);
			if (!rulesOf(entity, 'Pdf').printable) throw unsupportedOperation('Pdf');
			const doc = realm.tables.get(entity)?.get(checkedId(id));
			if (!doc) throw objectNotFound();
			const company = realm.tables.get('CompanyInfo')?.get('1');
			return documentPdf(entity, doc, String(company?.CompanyName ?? 'Company'));
		},

		query(realmId, queryText) {
			const realm = realmOf(realmId);
			if (!options.query) throw unsupportedOperation('Query');
			const rowsOf = (entity: string): IndexedRows => ({ all: () => [...(realm.tables.get(entity)?.values() ?? [])], index: indexOf(realm, entity) });
			return clone(options.query(rowsOf, queryText));
		},

		changedSince(realmId, entities, sinceMs) {
			const realm = realmOf(realmId);
			return entities.map((entity) => {
				const changed: { at: number; obj: Obj }[] = [];
				for (const obj of realm.tables.get(entity)?.values() ?? []) {
					const at = realm.updatedAt.get(`${entity}/${String(obj.Id)}`) ?? 0;
					if (at >= sinceMs) changed.push({ at, obj: clone(obj) });
				}
				for (const [id, at] of realm.tombstones.get(entity) ?? []) {
					if (at >= sinceMs) changed.push({ at, obj: { domain: 'QBO', status: 'Deleted', Id: id, MetaData: { LastUpdatedTime: qboTime(at) } } });
				}
				changed.sort((a, b) => a.at - b.at);
				return { entity, objects: changed.map((c) => c.obj) };
			});
		},

		onChange(listener) {
			listeners.push(listener);
		},

		snapshot() {
			return { version: 1, realms: [...realms.values()].map(snapshotRealm) };
		},

		restore(data) {
			const snap = data as { version?: number; realms?: RealmSnapshot[] };
			if (!snap || snap.version !== 1 || !Array.isArray(snap.realms)) throw new Error('Not an accounting snapshot (version 1)');
			realms = new Map(snap.realms.map((r) => [r.realmId, restoreRealm(r, keysOf)]));
		},

		reset() {
			realms = seedAll();
		},
	};

	function seedAll(): Map<string, RealmState> {
		const out = new Map<string, RealmState>();
		seeding = true;
		try {
			for (const seed of companySeeds()) {
				const realm = emptyRealm(seed.realmId, seed.country);
				out.set(seed.realmId, realm);
				realms = out;
				const at = clock.now();
				for (const { entity, rows } of seed.fixed) {
					for (const row of rows) {
						const obj = { domain: 'QBO', sparse: false, ...row, SyncToken: '0', MetaData: { CreateTime: qboTime(at), LastUpdatedTime: qboTime(at) } };
						put(realm, entity, obj, undefined, at);
						const n = Number(row.Id);
						const seq = RULES.get(entity)?.sequence ?? entity;
						if (Number.isInteger(n) && n > (realm.sequences.get(seq) ?? 0)) realm.sequences.set(seq, n);
					}
				}
				for (const { entity, body } of seed.created) service.create(seed.realmId, entity, body);
			}
		} finally {
			seeding = false;
		}
		return out;
	}

	realms = seedAll();
	return service;
}
