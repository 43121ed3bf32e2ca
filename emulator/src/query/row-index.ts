import { entitySpec, type FieldKind } from './entity-fields';
import { compareKeys, readPath, storedKey, type Key } from './values';

type Row = Record<string, unknown>;

/**
 * The properties records are looked up by: Id everywhere, DocNumber on documents, DisplayName on names,
 * Name on items and lists, PrimaryEmailAddr on customers (the node's `IN (…)` look-ups, the webhook
 * trigger's read-back by Id, the usual client queries). Indexed where the entity declares them filterable.
 */
export const INDEXED_PROPERTIES: readonly string[] = ['Id', 'DocNumber', 'DisplayName', 'Name', 'PrimaryEmailAddr'];

interface FieldIndex {
	path: string[];
	kind: FieldKind;
	/** Comparison key (as the query engine compares: case-folded text, numeric Ids) → id → row. */
	byKey: Map<Key, Map<string, Row>>;
}

/**
 * One entity's lookup index, kept in step with its table by the store: a query whose WHERE has
 * `field = …` or `field IN (…)` on an indexed property starts from the rows holding those keys instead
 * of every row. It only narrows where to look: every condition is still tested on every candidate, so
 * an answer is the same as a scan's (test/query/row-index.test.ts proves it over random writes).
 */
export class RowIndex {
	private readonly fields = new Map<string, FieldIndex>();

	constructor(entity: string) {
		const spec = entitySpec(entity);
		for (const name of INDEXED_PROPERTIES) {
			const field = spec?.fields[name];
			if (field?.filterable) this.fields.set(name, { path: name.split('.'), kind: field.kind, byKey: new Map() });
		}
	}

	/** Whether `field` (canonical spelling) is indexed for this entity. */
	has(field: string): boolean {
		return this.fields.has(field);
	}

	/** The kind the index compares `field` as (the entity's declared kind). */
	kindOf(field: string): FieldKind | undefined {
		return this.fields.get(field)?.kind;
	}

	add(row: Row): void {
		const id = String(row.Id);
		for (const index of this.fields.values()) {
			const key = storedKey(readPath(row, index.path), index.kind);
			if (key === undefined) continue;
			let holders = index.byKey.get(key);
			if (!holders) index.byKey.set(key, (holders = new Map()));
			holders.set(id, row);
		}
	}

	remove(row: Row): void {
		const id = String(row.Id);
		for (const index of this.fields.values()) {
			const key = storedKey(readPath(row, index.path), index.kind);
			const holders = key === undefined ? undefined : index.byKey.get(key);
			if (!holders) continue;
			holders.delete(id);
			if (holders.size === 0) index.byKey.delete(key);
		}
	}

	/** The rows whose `field` has one of `keys`, in ascending Id order; undefined when `field` is not indexed. */
	lookup(field: string, keys: readonly Key[]): Row[] | undefined {
		const index = this.fields.get(field);
		if (!index) return undefined;
		const found = new Map<string, Row>();
		for (const key of keys) for (const [id, row] of index.byKey.get(key) ?? []) found.set(id, row);
		const rows = [...found.values()];
		return rows.length < 2 ? rows : rows.sort((a, b) => compareKeys(storedKey(a.Id, 'id'), storedKey(b.Id, 'id')));
	}

	/** Every (field, key, id) the index holds, for consistency checks. */
	entries(): Array<{ field: string; key: Key; id: string }> {
		const out: Array<{ field: string; key: Key; id: string }> = [];
		for (const [field, index] of this.fields) for (const [key, holders] of index.byKey) for (const id of holders.keys()) out.push({ field, key, id });
		return out;
	}
}
