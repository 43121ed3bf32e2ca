import type { ParsedQuery, QueryResponseBody } from '../contracts';
import { entitySpec, type EntitySpec } from './entity-fields';
import { compileWhere } from './filter';
import { sortRows } from './order';
import type { RowIndex } from './row-index';
import { literalKey, type Key } from './values';

type Row = Record<string, unknown>;

/** An entity's stored rows with the index kept over them: a query narrows to the index's rows where it can. */
export interface IndexedRows {
	/** Every stored row (only asked for when the index cannot narrow the query). */
	all(): Row[];
	index: RowIndex;
}

/**
 * Runs a parsed query over the stored objects of its entity and shapes the answer as QuickBooks'
 * "QueryResponse" content: `{ Customer: [...], startPosition, maxResults: <rows returned> }`, `{}` when
 * the page is empty, `{ totalCount }` for COUNT(*) (which ignores paging).
 *
 * `entity` overrides the field table for the query's entity (for an entity the query module does not
 * describe); by default the built-in table is used. Rows are returned as given (not copied). Given
 * `IndexedRows`, a query with `=`/`IN` on an indexed property tests only the rows the index names.
 */
export function executeQuery(query: ParsedQuery, source: Row[] | IndexedRows, entity?: EntitySpec): QueryResponseBody {
	const spec = entity ?? entitySpec(query.entity);
	const rows = Array.isArray(source) ? source : (!entity && spec && indexedCandidates(query, spec, source.index)) || source.all();
	const matches = compileWhere(query.where, spec, rows);
	// Name lists hide inactive objects unless the query asks about Active itself (Intuit: "SELECT *
	// FROM Customer retrieves all active customers"; clients add `Active IN (true, false)` for all).
	const hideInactive = spec?.hidesInactive === true && !query.where.some((c) => c.field === 'Active');
	const selected = rows.filter((row) => (!hideInactive || row.Active !== false) && matches(row));

	if (query.count) return { totalCount: selected.length };

	// Without ORDERBY, name lists come back sorted by name, transactions by Id (see EntitySpec.defaultOrder).
	const orderBy = query.orderBy.length === 0 && spec?.defaultOrder ? [{ field: spec.defaultOrder, direction: 'ASC' as const }] : query.orderBy;
	const ordered = sortRows(selected, orderBy, spec);
	const first = query.startPosition - 1;
	const page = ordered.slice(first, first + query.maxResults);
	if (page.length === 0) return {};
	const rowsOut = query.select ? page.map((row) => project(row, query.select as string[])) : page;
	return { [query.entity]: rowsOut, startPosition: query.startPosition, maxResults: page.length };
}

/**
 * The rows an index names for the query's most selective `=`/`IN` condition on an indexed property, or
 * undefined (scan every row) when it has none. Only for queries whose every condition the entity
 * describes, so that no property's kind is guessed from the rows (a guess could differ on fewer rows).
 * A literal that is no key for its property is left to compileWhere, which refuses it (4001).
 */
function indexedCandidates(query: ParsedQuery, spec: EntitySpec, index: RowIndex): Row[] | undefined {
	if (!query.where.every((condition) => spec.fields[condition.field])) return undefined;
	let best: { field: string; keys: Key[] } | undefined;
	for (const condition of query.where) {
		const kind = index.kindOf(condition.field);
		if (!kind || (condition.operator !== '=' && condition.operator !== 'IN')) continue;
		const literals = Array.isArray(condition.value) ? condition.value : [condition.value];
		const keys = literals.map((literal) => literalKey(literal, kind));
		if (keys.some((key) => key === undefined)) return undefined;
		if (!best || keys.length < best.keys.length) best = { field: condition.field, keys };
	}
	return best && index.lookup(best.field, best.keys);
}

/**
 * `SELECT Id, TotalAmt FROM Invoice`: each row with only the properties named (dotted paths keep their
 * nesting), marked `sparse: true` as QuickBooks marks partial objects. Properties without a value are
 * left out, as in every QuickBooks answer.
 */
function project(row: Record<string, unknown>, properties: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = { domain: row.domain ?? 'QBO', sparse: true };
	for (const property of properties) {
		const path = property.split('.');
		let source: unknown = row;
		for (const key of path) source = source && typeof source === 'object' ? (source as Record<string, unknown>)[key] : undefined;
		if (source === undefined || source === null) continue;
		let target = out;
		for (const key of path.slice(0, -1)) target = (target[key] ??= {}) as Record<string, unknown>;
		target[path[path.length - 1]] = source;
	}
	return out;
}
