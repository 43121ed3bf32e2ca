import type { FieldKind } from './entity-fields';

/**
 * How QuickBooks compares a stored property with a query literal, per kind of property:
 * - strings (names, DocNumber, emails) without regard to case: `DisplayName = 'gustavo roldan'` finds
 *   "Gustavo Roldan", and LIKE likewise (probed against a live company, recorded in a public
 *   sync project's findings); QuickBooks stores names case-insensitively unique as well;
 * - references (`CustomerRef = '12'`) by the ref's `value`; `PrimaryEmailAddr = 'x'` by its `.Address`;
 * - numbers numerically, whether the literal is quoted or not (`Balance > '0'`);
 * - Ids numerically when both sides are digits (Ids are numeric strings);
 * - dates (TxnDate) by calendar day, datetimes (MetaData.*Time) as instants, honouring the offset
 *   written in the literal; a literal without an offset is read as UTC (the emulator's clock is UTC).
 */

/** A stored value reduced to something `compareKeys` can order: number, lower-cased string or undefined. */
export type Key = number | string | undefined;

/** Reads a dotted path ('MetaData.LastUpdatedTime') from a row. */
export function readPath(row: Record<string, unknown>, path: readonly string[]): unknown {
	let value: unknown = row;
	for (const part of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

/** Guesses the kind of a property the tables do not describe, from a stored value. */
export function inferKind(value: unknown): FieldKind {
	if (typeof value === 'number') return 'number';
	if (typeof value === 'boolean') return 'boolean';
	if (value && typeof value === 'object') {
		if ('value' in value) return 'ref';
		if ('Address' in value) return 'email';
	}
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return 'datetime';
	if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return 'date';
	return 'string';
}

const DIGITS = /^-?\d+$/;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;

/** Epoch ms of an ISO date or date-time; a value without an offset counts as UTC. NaN when unreadable. */
export function toInstant(text: string): number {
	const trimmed = text.trim();
	if (DATE_ONLY.test(trimmed)) return Date.parse(`${trimmed}T00:00:00Z`);
	if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(trimmed)) return NaN;
	return Date.parse(HAS_OFFSET.test(trimmed) ? trimmed : `${trimmed}Z`);
}

/** The calendar day ('YYYY-MM-DD') a date or date-time was written for; undefined when unreadable. */
export function toDay(text: string): string | undefined {
	const match = /^(\d{4}-\d{2}-\d{2})/.exec(text.trim());
	return match ? match[1] : undefined;
}

/** Reduces a stored value to its comparison key for the property's kind. */
export function storedKey(value: unknown, kind: FieldKind): Key {
	if (value === undefined || value === null) return undefined;
	switch (kind) {
		case 'number': {
			const n = typeof value === 'number' ? value : Number(value);
			return Number.isNaN(n) ? undefined : n;
		}
		case 'boolean':
			return value === true || value === 'true' ? 1 : value === false || value === 'false' ? 0 : undefined;
		case 'datetime': {
			const ms = typeof value === 'string' ? toInstant(value) : NaN;
			return Number.isNaN(ms) ? undefined : ms;
		}
		case 'date':
			return typeof value === 'string' ? toDay(value) : undefined;
		case 'ref':
			return idKey(typeof value === 'object' ? (value as { value?: unknown }).value : value);
		case 'email':
			return textKey(typeof value === 'object' ? (value as { Address?: unknown }).Address : value);
		case 'id':
			return idKey(value);
		case 'string':
			return textKey(value);
	}
}

/** Reduces a query literal to a comparison key for the property's kind; undefined when it cannot be one. */
export function literalKey(literal: string | number | boolean, kind: FieldKind): Key {
	switch (kind) {
		case 'number': {
			const n = typeof literal === 'number' ? literal : typeof literal === 'string' && literal.trim() !== '' ? Number(literal) : NaN;
			return Number.isNaN(n) ? undefined : n;
		}
		case 'boolean':
			return literal === true || literal === 'true' ? 1 : literal === false || literal === 'false' ? 0 : undefined;
		case 'datetime': {
			const ms = typeof literal === 'string' ? toInstant(literal) : NaN;
			return Number.isNaN(ms) ? undefined : ms;
		}
		case 'date':
			return typeof literal === 'string' ? toDay(literal) : undefined;
		case 'ref':
		case 'id':
			return idKey(literal);
		case 'email':
		case 'string':
			return textKey(literal);
	}
}

function idKey(value: unknown): Key {
	if (typeof value === 'number') return value;
	if (typeof value !== 'string') return undefined;
	return DIGITS.test(value) ? Number(value) : value.toLowerCase();
}

function textKey(value: unknown): Key {
	if (typeof value === 'string') return value.toLowerCase();
	if (typeof value === 'number' || typeof value === 'boolean') return String(value).toLowerCase();
	return undefined;
}

/** Orders two keys; undefined sorts first. Numbers and strings never meet in one property in practice. */
export function compareKeys(a: Key, b: Key): number {
	if (a === b) return 0;
	if (a === undefined) return -1;
	if (b === undefined) return 1;
	if (typeof a === typeof b) return a < b ? -1 : 1;
	return typeof a === 'number' ? -1 : 1;
}
