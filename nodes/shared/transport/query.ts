import { ApplicationError } from 'n8n-workflow';

export type QueryOperator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE';
export type QueryValue = string | number | boolean;

/** QuickBooks' page size ceiling: MAXRESULTS over 1000 is a 4000 QueryValidationError. */
export const MAX_PAGE_SIZE = 1000;

/**
 * Escapes a value for a single-quoted string in the QuickBooks query language: backslash first
 * (so the escapes we add are not doubled), then the apostrophe. Unicode and emoji pass untouched;
 * the whole query is URL-encoded (GET) or sent raw as UTF-8 (POST) by the transport.
 */
export function escapeQueryValue(value: string): string {
	return String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

const OPERATORS: ReadonlySet<string> = new Set(['=', '<', '>', '<=', '>=', 'LIKE']);
const ENTITY_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;

function checkName(kind: 'entity' | 'field', name: string): string {
	if (!(kind === 'entity' ? ENTITY_NAME : FIELD_NAME).test(name)) {
		// Names come from node code, never from user text; a bad one is a programming error.
		throw new ApplicationError(`Invalid QuickBooks query ${kind} name: ${JSON.stringify(name)}`);
	}
	return name;
}

/** Renders a literal: strings quoted and escaped, numbers and booleans bare. */
export function queryLiteral(value: QueryValue): string {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new ApplicationError(`Invalid number in QuickBooks query: ${value}`);
		return String(value);
	}
	if (typeof value === 'boolean') return value ? 'true' : 'false';
	return `'${escapeQueryValue(value)}'`;
}

/** A small builder for `SELECT * | COUNT(*) FROM … WHERE … ORDERBY … STARTPOSITION … MAXRESULTS …`. */
export class QboQuery {
	readonly entity: string;

	private readonly conditions: string[] = [];

	private order: string | undefined;

	private counting = false;

	private constructor(entity: string) {
		this.entity = checkName('entity', entity);
	}

	/** Starts a query on one entity, e.g. `QboQuery.from('Customer')`. */
	static from(entity: string): QboQuery {
		return new QboQuery(entity);
	}

	/** Adds `field op value` (conditions are ANDed; QuickBooks has no OR). */
	where(field: string, op: QueryOperator, value: QueryValue): this {
		if (!OPERATORS.has(op)) throw new ApplicationError(`Invalid QuickBooks query operator: ${JSON.stringify(op)}`);
		this.conditions.push(`${checkName('field', field)} ${op} ${queryLiteral(value)}`);
		return this;
	}

	/** Adds `field IN ('a','b')`; every value is quoted, since unquoted IN values are a 4000 error. */
	whereIn(field: string, values: Array<string | number>): this {
		if (values.length === 0) throw new ApplicationError(`Empty IN list for ${field} in QuickBooks query`);
		const list = values.map((v) => `'${escapeQueryValue(String(v))}'`).join(',');
		this.conditions.push(`${checkName('field', field)} IN (${list})`);
		return this;
	}

	/** Sets the single ORDERBY clause. */
	orderBy(field: string, dir: 'ASC' | 'DESC' = 'ASC'): this {
		this.order = `${checkName('field', field)} ${dir}`;
		return this;
	}

	/** Turns the query into `SELECT COUNT(*)`. */
	count(): this {
		this.counting = true;
		return this;
	}

	/** True when this is a COUNT(*) query (pagination does not apply). */
	get isCount(): boolean {
		return this.counting;
	}

	/** The query text; pages are 1-based (`startPosition` 1 is the first row). */
	toString(startPosition?: number, maxResults?: number): string {
		const parts = [`SELECT ${this.counting ? 'COUNT(*)' : '*'} FROM ${this.entity}`];
		if (this.conditions.length) parts.push(`WHERE ${this.conditions.join(' AND ')}`);
		if (this.order && !this.counting) parts.push(`ORDERBY ${this.order}`);
		if (startPosition !== undefined) parts.push(`STARTPOSITION ${Math.max(1, Math.floor(startPosition))}`);
		if (maxResults !== undefined) parts.push(`MAXRESULTS ${Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(maxResults)))}`);
		return parts.join(' ');
	}
}
