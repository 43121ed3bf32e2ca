import type { ParsedQuery } from '../contracts';
import { canonicalEntityName, entitySpec } from './entity-fields';
import { validationFault } from './errors';
import type { QuerySyntax } from './parser';

/** QuickBooks' cap on MAXRESULTS (developer.intuit.com "limits"; qbo-api.md). */
export const MAX_RESULTS_LIMIT = 1000;

/**
 * Checks the names in a parsed query the way QuickBooks does after parsing, and returns the query
 * with its entity in canonical spelling. Throws 4001 QueryValidationError faults with Intuit's wording:
 * - unknown entity: "invalid context declaration: Custmoer" (qbo_api spec/vcr/error/400.yml);
 * - unknown property: "Property NoSuchField not found for Entity Purchase" (recorded live);
 * - property that exists but is not filterable: "property 'CustomerTypeRef' is not queryable" (recorded live);
 * - MAXRESULTS over 1000: "value 1500 is too large. Max allowed value is 1000".
 * Not sortable and a STARTPOSITION/MAXRESULTS below 1 have no recorded wording; they are refused in the
 * same family ("property 'X' is not sortable", "value 0 is too small. Min allowed value is 1").
 */
export function validateQuery(syntax: QuerySyntax): ParsedQuery {
	const entity = canonicalEntityName(syntax.entityAsWritten);
	if (!entity) throw validationFault(`invalid context declaration: ${syntax.entityAsWritten}`);
	const spec = entitySpec(entity);

	if (spec) {
		for (const condition of syntax.where) {
			const field = spec.fields[condition.field];
			if (!field) throw validationFault(`Property ${condition.field} not found for Entity ${entity}`);
			if (!field.filterable) throw validationFault(`property '${condition.field}' is not queryable`);
		}
		for (const order of syntax.orderBy) {
			const field = spec.fields[order.field];
			if (!field) throw validationFault(`Property ${order.field} not found for Entity ${entity}`);
			if (!field.sortable) throw validationFault(`property '${order.field}' is not sortable`);
		}
	}
	checkAtLeastOne(syntax.startPositionAsWritten);
	checkAtLeastOne(syntax.maxResultsAsWritten);
	if (syntax.maxResults > MAX_RESULTS_LIMIT) {
		throw validationFault(`value ${syntax.maxResults} is too large. Max allowed value is ${MAX_RESULTS_LIMIT}`);
	}

	return {
		entity,
		count: syntax.count,
		where: syntax.where,
		orderBy: syntax.orderBy,
		startPosition: syntax.startPosition,
		maxResults: syntax.maxResults,
	};
}

function checkAtLeastOne(value: number | undefined): void {
	if (value !== undefined && value < 1) throw validationFault(`value ${value} is too small. Min allowed value is 1`);
}
