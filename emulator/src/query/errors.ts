import { QboFault } from '../contracts';

/**
 * The two families of query faults QuickBooks answers with, spelled as recorded from the live API:
 * - 4000 "Error parsing query" + "QueryParserError: …" for anything the grammar rejects
 *   (node-quickbooks#56, qbo_api#37 carry real bodies);
 * - 4001 "Invalid query" + "QueryValidationError: …" for a well-formed query that names an unknown
 *   entity or property (minimul/qbo_api spec/vcr/error/400.yml: "invalid context declaration: Custmoer").
 */

/** A 4000 parser fault with the given Detail (which must start with "QueryParserError:"). */
export function parserFault(detail: string): QboFault {
	return QboFault.validation('4000', 'Error parsing query', detail);
}

/** A 4001 validation fault for a query that parses but asks for something QuickBooks refuses. */
export function validationFault(detail: string): QboFault {
	return QboFault.validation('4001', 'Invalid query', `QueryValidationError: ${detail}`);
}
