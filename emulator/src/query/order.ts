import type { ParsedQuery } from '../contracts';
import type { EntitySpec } from './entity-fields';
import { fieldKind } from './filter';
import { compareKeys, readPath, storedKey, type Key } from './values';

/**
 * Sorts rows by the ORDERBY fields, then by ascending numeric Id, so that every query (and every
 * page of it) comes back in one deterministic order. Keys are computed once per row, not per
 * comparison, which keeps 20,000-row sorts in single milliseconds.
 */
export function sortRows<T extends Record<string, unknown>>(
	rows: readonly T[],
	orderBy: ParsedQuery['orderBy'],
	spec: EntitySpec | undefined,
): T[] {
	if (orderBy.length === 0 && isInIdOrder(rows)) return rows.slice();
	const sorters = orderBy.map((o) => ({
		path: o.field.split('.'),
		kind: fieldKind(o.field, spec, rows),
		sign: o.direction === 'DESC' ? -1 : 1,
	}));
	if (sorters.length === 1) {
		// The common case, without a key array per row.
		const { path, kind, sign } = sorters[0];
		const single = rows.map((row) => ({ row, key: storedKey(readPath(row, path), kind), id: storedKey(row.Id, 'id') }));
		single.sort((a, b) => compareKeys(a.key, b.key) * sign || compareKeys(a.id, b.id));
		return single.map((d) => d.row);
	}
	const decorated = rows.map((row) => ({
		row,
		keys: sorters.map((s) => storedKey(readPath(row, s.path), s.kind)),
		id: storedKey(row.Id, 'id'),
	}));
	decorated.sort((a, b) => {
		for (let i = 0; i < sorters.length; i++) {
			const order = compareKeys(a.keys[i], b.keys[i]);
			if (order !== 0) return order * sorters[i].sign;
		}
		return compareKeys(a.id, b.id);
	});
	return decorated.map((d) => d.row);
}

/** True when rows already come in ascending Id order (the usual case: objects are stored as created). */
function isInIdOrder(rows: readonly Record<string, unknown>[]): boolean {
	let previous: Key = undefined;
	for (const row of rows) {
		const id = storedKey(row.Id, 'id');
		if (previous !== undefined && compareKeys(previous, id) > 0) return false;
		previous = id;
	}
	return true;
}
