import type { ParsedQuery, QueryCondition } from '../contracts';
import { parserFault } from './errors';
import { createLexer, tokenKindName, type Token } from './tokenizer';

/**
 * Recursive-descent parser for
 *   SELECT * | COUNT(*) | prop, … FROM Entity [WHERE cond AND …] [ORDERBY f [ASC|DESC], …] [STARTPOSITION n] [MAXRESULTS n]
 * It only checks syntax; names (entity, properties) are checked afterwards by validate.ts, the order
 * QuickBooks follows (a query with a typo in both gets the parser error first).
 *
 * Deliberately refused, although QuickBooks' own grammar has tokens for them (its "Was expecting"
 * lists name <OR>, "iterator", and it answered `!=` / NOT in a live probe): OR, NOT, NOT IN, !=, <>,
 * ITERATOR. None is documented; refusing keeps a client that works here working against Intuit.
 * Values: quoted strings, true/false, and after a comparison operator also bare numbers (Intuit's
 * syntax page lists "value_without_quote"). Inside IN a bare number is refused: there QuickBooks
 * expects only "false" | "true" | <DATETIME> | <ID> | <STRING> (a real answer, qbo_api#37).
 */

/** The syntax of a query, before its names are checked against the entity tables. */
export interface QuerySyntax extends Omit<ParsedQuery, 'entity'> {
	/** The entity as written in FROM. */
	entityAsWritten: string;
	/** Tokens of the names used, for error messages that point at them. */
	positions: { entity: Token };
	/** MAXRESULTS as written (validated later: QuickBooks parses it, then refuses > 1000). */
	maxResultsAsWritten?: number;
	startPositionAsWritten?: number;
}

const COMPARISONS = new Set(['=', '<', '>', '<=', '>=']);

/** JavaCC-style images for "Was expecting" lists. */
const EXPECT = {
	eof: '<EOF>',
	and: '<AND>',
	maxresults: '"maxresults"',
	orderby: '"orderby"',
	order: '"order"',
	startposition: '"startposition"',
	where: '"where"',
};

/** Parses query text into its syntax tree; throws a 4000 QboFault on any syntax error. */
export function parseSyntax(text: string): QuerySyntax {
	const lexer = createLexer(text);
	let lookahead: Token | undefined;
	const peek = () => (lookahead ??= lexer.next());
	const next = () => {
		const token = peek();
		lookahead = undefined;
		return token;
	};

	const fail = (token: Token, expected: string[]): never => {
		throw parserFault(encounteredMessage(token, expected));
	};
	const isKeyword = (t: Token, word: string) => t.kind === 'keyword' && t.value === word;
	const isSymbol = (t: Token, symbol: string) => t.kind === 'symbol' && t.value === symbol;
	const expectKeyword = (word: string) => {
		const t = next();
		if (!isKeyword(t, word)) fail(t, [`"${word}"`]);
	};
	const expectSymbol = (symbol: string) => {
		const t = next();
		if (!isSymbol(t, symbol)) fail(t, [`"${symbol}"`]);
	};

	expectKeyword('select');
	let count = false;
	let select: string[] | undefined;
	const projection = next();
	if (isKeyword(projection, 'count')) {
		count = true;
		expectSymbol('(');
		expectSymbol('*');
		expectSymbol(')');
	} else if (projection.kind === 'identifier') {
		// `SELECT Id, TotalAmt FROM Invoice`: QuickBooks returns only the properties named.
		select = [projection.image];
		while (isSymbol(peek(), ',')) {
			next();
			const property = next();
			if (property.kind !== 'identifier') fail(property, ['<IDENTIFIER>']);
			select.push(property.image);
		}
	} else if (!isSymbol(projection, '*')) {
		fail(projection, ['"*"', '"count"', '<IDENTIFIER>']);
	}
	expectKeyword('from');
	const entity = next();
	if (entity.kind !== 'identifier') fail(entity, ['<IDENTIFIER>']);

	const where: QueryCondition[] = [];
	const orderBy: QuerySyntax['orderBy'] = [];
	let startPosition: number | undefined;
	let maxResults: number | undefined;

	if (isKeyword(peek(), 'where')) {
		next();
		where.push(parseCondition());
		while (isKeyword(peek(), 'and')) {
			next();
			where.push(parseCondition());
		}
	}
	if (isKeyword(peek(), 'orderby') || isKeyword(peek(), 'order')) {
		if (next().value === 'order') expectKeyword('by');
		do {
			const fieldToken = next();
			if (fieldToken.kind !== 'identifier') fail(fieldToken, ['<IDENTIFIER>']);
			let direction: 'ASC' | 'DESC' = 'ASC';
			if (isKeyword(peek(), 'asc') || isKeyword(peek(), 'desc')) direction = next().value === 'desc' ? 'DESC' : 'ASC';
			orderBy.push({ field: fieldToken.image, direction });
		} while (isSymbol(peek(), ',') && next());
	}
	// Real clients send both orders ("MAXRESULTS 1000 STARTPOSITION 1" in qbo_api's recordings).
	for (;;) {
		const t = peek();
		if (isKeyword(t, 'startposition') && startPosition === undefined) {
			next();
			startPosition = parseInteger();
		} else if (isKeyword(t, 'maxresults') && maxResults === undefined) {
			next();
			maxResults = parseInteger();
		} else {
			break;
		}
	}
	const end = next();
	if (end.kind !== 'eof') fail(end, expectedAfterClauses());

	return {
		entityAsWritten: entity.image,
		positions: { entity },
		count,
		...(select ? { select } : {}),
		where,
		orderBy,
		startPosition: startPosition ?? 1,
		maxResults: maxResults ?? 100,
		startPositionAsWritten: startPosition,
		maxResultsAsWritten: maxResults,
	};

	/** What may follow the last clause parsed so far, for the "Was expecting" list. */
	function expectedAfterClauses(): string[] {
		const list = [EXPECT.eof];
		const beforePaging = orderBy.length === 0 && startPosition === undefined && maxResults === undefined;
		if (beforePaging && where.length > 0) list.push(EXPECT.and);
		if (maxResults === undefined) list.push(EXPECT.maxresults);
		if (beforePaging) list.push(EXPECT.order, EXPECT.orderby);
		if (startPosition === undefined) list.push(EXPECT.startposition);
		if (beforePaging && where.length === 0) list.push(EXPECT.where);
		return list;
	}

	function parseInteger(): number {
		const t = next();
		if (t.kind !== 'integer') fail(t, ['<INTEGER>']);
		return Number(t.image);
	}

	function parseCondition(): QueryCondition {
		const fieldToken = next();
		if (fieldToken.kind !== 'identifier') fail(fieldToken, ['<IDENTIFIER>']);
		const field = fieldToken.image;
		const op = next();
		if (op.kind === 'symbol' && COMPARISONS.has(op.value)) {
			return { field, operator: op.value as QueryCondition['operator'], value: parseValue(true) };
		}
		if (isKeyword(op, 'like')) {
			const pattern = next();
			if (pattern.kind !== 'string') fail(pattern, ['<STRING>']);
			return { field, operator: 'LIKE', value: pattern.value };
		}
		if (isKeyword(op, 'in')) {
			expectSymbol('(');
			const values: Array<string | number | boolean> = [parseValue(false)];
			while (isSymbol(peek(), ',')) {
				next();
				values.push(parseValue(false));
			}
			expectSymbol(')');
			return { field, operator: 'IN', value: values };
		}
		return fail(op, ['"="', '"<"', '">"', '"<="', '">="', '<IN>', '<LIKE>']);
	}

	function parseValue(bareNumbers: boolean): string | number | boolean {
		const t = next();
		if (t.kind === 'string') return t.value;
		if (isKeyword(t, 'true')) return true;
		if (isKeyword(t, 'false')) return false;
		if (bareNumbers && (t.kind === 'integer' || t.kind === 'decimal')) return Number(t.image);
		return fail(t, bareNumbers ? ['"false"', '"true"', '<DECIMAL>', '<INTEGER>', '<STRING>'] : ['"false"', '"true"', '<STRING>']);
	}
}

/** The Detail of a JavaCC ParseException, as QuickBooks passes it on. */
function encounteredMessage(token: Token, expected: string[]): string {
	const encountered = token.kind === 'eof' ? '"<EOF>"' : `" ${tokenKindName(token)} "${escapeJava(token.image)} ""`;
	const header = `QueryParserError: Encountered ${encountered} at line ${token.line}, column ${token.column}.`;
	const lines = expected.map((e) => `    ${e} ${e === EXPECT.eof ? '' : '...'}`);
	const intro = expected.length === 1 ? 'Was expecting:' : 'Was expecting one of:';
	return `${header}\n${intro}\n${lines.join('\n')}\n    `;
}

/** JavaCC's add_escapes: backslash, quotes and control characters are shown escaped. */
function escapeJava(text: string): string {
	return text.replace(/[\\"'\n\r\t\b\f]/g, (c) => {
		const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };
		return named[c] ?? `\\${c}`;
	});
}
