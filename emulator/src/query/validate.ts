import type { ParsedQuery } from '../contracts';
import { canonicalEntityName, entitySpec, lookupField } from './entity-fields';
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

	let where = syntax.where;
	let orderBy = syntax.orderBy;
	let select = syntax.select;
	if (spec) {
		// Property names are matched without regard to case (`where id = '5'` works on QuickBooks).
		const known = (name: string) => {
			const found = lookupField(spec, name);
			if (!found) throw validationFault(`Property ${name} not found for Entity ${entity}`);
			return found;
		};
		where = syntax.where.map((condition) => {
			const { name, field } = known(condition.field);
			if (!field.filterable) throw validationFault(`property '${name}' is not queryable`);
			return { ...condition, field: name };
		});
		orderBy = syntax.orderBy.map((order) => {
			const { name, field } = known(order.field);
			if (!field.sortable) throw validationFault(`property '${name}' is not sortable`);
			return { ...order, field: name };
		});
		select = syntax.select?.map((property) => known(property).name);
	}
	checkAtLeastOne(syntax.startPositionAsWritten);
	checkAtLeastOne(syntax.maxResultsAsWritten);
	if (syntax.maxResults > MAX_RESULTS_LIMIT) {
		throw validationFault(`value ${syntax.maxResults} is too large. Max allowed value is ${MAX_RESULTS_LIMIT}`);
	}

	return {
		entity,
		count: syntax.count,
		...(select ? { select } : {}),
		where,
		orderBy,
		startPosition: syntax.startPosition,
		maxResults: syntax.maxResults,
	};
}

function checkAtLeastOne(value: number | undefined): void {
	if (value !== undefined && value < 1) throw validationFault(`value ${value} is too small. Min allowed value is 1`);
}
