import type { QueryCondition } from '../contracts';
import type { EntitySpec, FieldKind } from './entity-fields';
import { validationFault } from './errors';
import { compareKeys, inferKind, literalKey, readPath, storedKey, type Key } from './values';

export type RowPredicate = (row: Record<string, unknown>) => boolean;

/**
 * Turns the WHERE conditions into one predicate, doing all per-query work (literal parsing, LIKE
 * pattern compilation) once so that the per-row cost is a property read and a comparison.
 */
export function compileWhere(
	conditions: QueryCondition[],
	spec: EntitySpec | undefined,
	rows: readonly Record<string, unknown>[],
): RowPredicate {
	const tests = conditions.map((c) => compileCondition(c, fieldKind(c.field, spec, rows)));
	if (tests.length === 0) return () => true;
	if (tests.length === 1) return tests[0];
	return (row) => {
		for (const test of tests) if (!test(row)) return false;
		return true;
	};
}

/** The kind of a property: from the entity's table, else guessed from the first row that has it. */
export function fieldKind(field: string, spec: EntitySpec | undefined, rows: readonly Record<string, unknown>[]): FieldKind {
	const described = spec?.fields[field];
	if (described) return described.kind;
	const path = field.split('.');
	for (const row of rows) {
		const value = readPath(row, path);
		if (value !== undefined && value !== null) return inferKind(value);
	}
	return 'string';
}

function compileCondition(condition: QueryCondition, kind: FieldKind): RowPredicate {
	const path = condition.field.split('.');
	// QuickBooks defaults Active to true; a stored object without it is an active one.
	const read =
		condition.field === 'Active'
			? (row: Record<string, unknown>) => storedKey(readPath(row, path) ?? true, kind)
			: (row: Record<string, unknown>) => storedKey(readPath(row, path), kind);

	if (condition.operator === 'LIKE') {
		const matches = likeMatcher(String(condition.value));
		return (row) => {
			const value = read(row);
			return value !== undefined && matches(String(value));
		};
	}
	if (condition.operator === 'IN') {
		const literals = (Array.isArray(condition.value) ? condition.value : [condition.value]).map((v) =>
			checkedLiteral(condition.field, v, kind),
		);
		const wanted = new Set<Key>(literals);
		return (row) => {
			const value = read(row);
			return value !== undefined && wanted.has(value);
		};
	}
	const literal = checkedLiteral(condition.field, condition.value as string | number | boolean, kind);
	const accept = OPERATORS[condition.operator];
	return (row) => {
		const value = read(row);
		return value !== undefined && accept(compareKeys(value, literal));
	};
}

const OPERATORS: Record<'=' | '<' | '>' | '<=' | '>=', (order: number) => boolean> = {
	'=': (o) => o === 0,
	'<': (o) => o < 0,
	'>': (o) => o > 0,
	'<=': (o) => o <= 0,
	'>=': (o) => o >= 0,
};

/**
 * A literal that cannot be compared with the property (a date that is no date, a number that is no
 * number) is refused rather than silently matching nothing: QuickBooks answers such a query with a
 * fault, and a silent empty result would hide the caller's bug. The wording is the emulator's own.
 */
function checkedLiteral(field: string, literal: string | number | boolean, kind: FieldKind): Key {
	const key = literalKey(literal, kind);
	if (key === undefined) throw validationFault(`invalid value '${String(literal)}' for property ${field}`);
	return key;
}

/**
 * LIKE with `%` as the only wildcard (QuickBooks supports no other), compared without regard to case.
 * The stored value arrives lower-cased (string keys are), so the pattern is lower-cased once here.
 */
export function likeMatcher(pattern: string): (lowerCasedValue: string) => boolean {
	const parts = pattern.toLowerCase().split('%');
	if (parts.length === 1) return (v) => v === parts[0];
	const first = parts[0];
	const last = parts[parts.length - 1];
	const middle = parts.slice(1, -1).filter((p) => p !== '');
	return (v) => {
		if (v.length < first.length + last.length) return false;
		if (!v.startsWith(first) || !v.endsWith(last)) return false;
		let from = first.length;
		const until = v.length - last.length;
		for (const part of middle) {
			const found = v.indexOf(part, from);
			if (found < 0 || found + part.length > until) return false;
			from = found + part.length;
		}
		return true;
	};
}
