import type { ParsedQuery, QueryResponseBody } from '../contracts';
import { entitySpec, type EntitySpec } from './entity-fields';
import { compileWhere } from './filter';
import { sortRows } from './order';

/**
 * Runs a parsed query over every stored object of its entity and shapes the answer as QuickBooks'
 * "QueryResponse" content: `{ Customer: [...], startPosition, maxResults: <rows returned> }`, `{}` when
 * the page is empty, `{ totalCount }` for COUNT(*) (which ignores paging).
 *
 * `entity` overrides the field table for the query's entity (for an entity the query module does not
 * describe); by default the built-in table is used. Rows are returned as given (not copied).
 */
export function executeQuery(query: ParsedQuery, rows: Record<string, unknown>[], entity?: EntitySpec): QueryResponseBody {
	const spec = entity ?? entitySpec(query.entity);
	const matches = compileWhere(query.where, spec, rows);
	// Name lists hide inactive objects unless the query asks about Active itself (Intuit: "SELECT *
	// FROM Customer retrieves all active customers"; clients add `Active IN (true, false)` for all).
	const hideInactive = spec?.hidesInactive === true && !query.where.some((c) => c.field === 'Active');
	const selected = rows.filter((row) => (!hideInactive || row.Active !== false) && matches(row));

	if (query.count) return { totalCount: selected.length };

	const ordered = sortRows(selected, query.orderBy, spec);
	const first = query.startPosition - 1;
	const page = ordered.slice(first, first + query.maxResults);
	if (page.length === 0) return {};
	return { [query.entity]: page, startPosition: query.startPosition, maxResults: page.length };
}
