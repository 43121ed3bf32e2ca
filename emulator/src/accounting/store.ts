import { RowIndex } from '../query/row-index';
import type { Obj } from './values';

/** One company's data. Tables hold the objects exactly as they are returned (JSON-safe). */
export interface RealmState {
	realmId: string;
	country: 'US' | 'CA';
	/** entity → id → object */
	tables: Map<string, Map<string, Obj>>;
	/** "Entity/id" → emulated ms of the last write (finer than MetaData's seconds, for CDC). */
	updatedAt: Map<string, number>;
	/** entity → id → emulated ms of the deletion */
	tombstones: Map<string, Map<string, number>>;
	/** id sequence name → last id handed out */
	sequences: Map<string, number>;
	/** entity → next automatic DocNumber */
	docCounters: Map<string, number>;
	/** sandbox emails sent on `day` (company date) */
	emails: { day: string; count: number };
	/** Derived: uniqueness key → holder. Keys like "name:acme", "Item:widget", "doc:Invoice:1001". */
	unique: Map<string, { entity: string; id: string }>;
	/** Derived: entity → lookup index over its table (Id, DocNumber, DisplayName, Name…), for queries. */
	indexes: Map<string, RowIndex>;
}

export function emptyRealm(realmId: string, country: 'US' | 'CA'): RealmState {
	return {
		realmId,
		country,
		tables: new Map(),
		updatedAt: new Map(),
		tombstones: new Map(),
		sequences: new Map(),
		docCounters: new Map(),
		emails: { day: '', count: 0 },
		unique: new Map(),
		indexes: new Map(),
	};
}

export function table(realm: RealmState, entity: string): Map<string, Obj> {
	let t = realm.tables.get(entity);
	if (!t) {
		t = new Map();
		realm.tables.set(entity, t);
	}
	return t;
}

/** The lookup index of an entity's table (empty until rows are stored). */
export function indexOf(realm: RealmState, entity: string): RowIndex {
	let index = realm.indexes.get(entity);
	if (!index) realm.indexes.set(entity, (index = new RowIndex(entity)));
	return index;
}

/**
 * Stores `obj` under its Id, replacing whatever version is stored there, with the lookup index kept in
 * step. Every write of a row goes through here (and every removal through `dropRow`), so the index can
 * never name a version that is gone.
 */
export function storeRow(realm: RealmState, entity: string, obj: Obj): void {
	const rows = table(realm, entity);
	const id = String(obj.Id);
	const index = indexOf(realm, entity);
	const stored = rows.get(id);
	if (stored) index.remove(stored);
	rows.set(id, obj);
	index.add(obj);
}

/** Removes the row stored under `id`, and its index entries. */
export function dropRow(realm: RealmState, entity: string, id: string): void {
	const rows = realm.tables.get(entity);
	const stored = rows?.get(id);
	if (!rows || !stored) return;
	indexOf(realm, entity).remove(stored);
	rows.delete(id);
}

/** Next id of a sequence (QuickBooks shares one sequence among names and one among transactions). */
export function nextId(realm: RealmState, sequence: string): string {
	const n = (realm.sequences.get(sequence) ?? 0) + 1;
	realm.sequences.set(sequence, n);
	return String(n);
}

/** Serialisable form of a realm (indexes are rebuilt on restore). */
export interface RealmSnapshot {
	realmId: string;
	country: 'US' | 'CA';
	tables: Record<string, Obj[]>;
	updatedAt: Record<string, number>;
	tombstones: Record<string, Record<string, number>>;
	sequences: Record<string, number>;
	docCounters: Record<string, number>;
	emails: { day: string; count: number };
}

export function snapshotRealm(realm: RealmState): RealmSnapshot {
	const tables: Record<string, Obj[]> = {};
	for (const [entity, rows] of realm.tables) tables[entity] = structuredClone([...rows.values()]);
	const tombstones: Record<string, Record<string, number>> = {};
	for (const [entity, rows] of realm.tombstones) tombstones[entity] = Object.fromEntries(rows);
	return {
		realmId: realm.realmId,
		country: realm.country,
		tables,
		updatedAt: Object.fromEntries(realm.updatedAt),
		tombstones,
		sequences: Object.fromEntries(realm.sequences),
		docCounters: Object.fromEntries(realm.docCounters),
		emails: { ...realm.emails },
	};
}

/** Rebuilds a realm from its snapshot; `keysOf` recomputes the uniqueness index. */
export function restoreRealm(snap: RealmSnapshot, keysOf: (entity: string, obj: Obj) => string[]): RealmState {
	const realm = emptyRealm(snap.realmId, snap.country);
	for (const [entity, rows] of Object.entries(snap.tables)) {
		table(realm, entity); // an entity whose rows were all deleted keeps its (empty) table
		for (const row of structuredClone(rows)) {
			storeRow(realm, entity, row);
			for (const key of keysOf(entity, row)) realm.unique.set(key, { entity, id: String(row.Id) });
		}
	}
	for (const [k, v] of Object.entries(snap.updatedAt)) realm.updatedAt.set(k, v);
	for (const [entity, rows] of Object.entries(snap.tombstones)) realm.tombstones.set(entity, new Map(Object.entries(rows)));
	for (const [k, v] of Object.entries(snap.sequences)) realm.sequences.set(k, v);
	for (const [k, v] of Object.entries(snap.docCounters)) realm.docCounters.set(k, v);
	realm.emails = { ...snap.emails };
	return realm;
}
