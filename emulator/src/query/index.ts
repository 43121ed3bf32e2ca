/**
 * The QuickBooks Online query language: `parseQuery` turns query text into a `ParsedQuery` (or throws
 * the QboFault QuickBooks would answer with), `executeQuery` runs it over an entity's stored objects.
 * Both are pure and synchronous.
 */
import type { ParsedQuery } from '../contracts';
import { parseSyntax } from './parser';
import { validateQuery } from './validate';

export { executeQuery, type IndexedRows } from './execute';
export { INDEXED_PROPERTIES, RowIndex } from './row-index';
export { canonicalEntityName, describedEntities, entitySpec } from './entity-fields';
export type { EntitySpec, FieldKind, FieldSpec } from './entity-fields';
export { MAX_RESULTS_LIMIT } from './validate';

/** Parses and validates a query; throws a QboFault (4000 parser error, 4001 validation error) like QuickBooks. */
export function parseQuery(text: string): ParsedQuery {
	return validateQuery(parseSyntax(text));
}
