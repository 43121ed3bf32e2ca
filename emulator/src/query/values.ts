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

/** A stored value reduced to something `compareKeys` can order: number (datetimes: epoch ms), lower-cased string or undefined. */
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

const [DASH, COLON, DOT, PLUS, LETTER_T, LETTER_Z, LETTER_Z_LOWER] = ['-', ':', '.', '+', 'T', 'Z', 'z'].map((c) => c.charCodeAt(0));

/**
 * Epoch ms of an ISO-8601 date or date-time ('2025-01-02', '2025-01-02T10:00:00-08:00',
 * '2025-01-02T18:00:00.123Z'); a value without an offset counts as UTC. NaN when unreadable.
 * Hand-rolled rather than Date.parse: every datetime filter or sort reads it once per stored row, and
 * Date.parse (plus the regexes it needs to pin the UTC default) was most of a 20,000-row query's time.
 */
export function toInstant(text: string): number {
	// No closures in here: a function created per call is costly, more so under tsx's keepNames.
	const year = readDigits(text, 0, 4);
	if (text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return NaN;
	const month = readDigits(text, 5, 2);
	const day = readDigits(text, 8, 2);
	let hour = 0;
	let minute = 0;
	let second = 0;
	let millis = 0;
	let offsetMinutes = 0;
	let at = 10;
	if (text.length > at) {
		if (text.charCodeAt(10) !== LETTER_T || text.charCodeAt(13) !== COLON) return NaN;
		hour = readDigits(text, 11, 2);
		minute = readDigits(text, 14, 2);
		at = 16;
		if (text.charCodeAt(at) === COLON) {
			second = readDigits(text, at + 1, 2);
			at += 3;
			if (text.charCodeAt(at) === DOT) {
				at++;
				let scale = 100;
				for (let d = text.charCodeAt(at) - 48; d >= 0 && d <= 9; d = text.charCodeAt(at) - 48) {
					millis += d * scale;
					scale /= 10;
					at++;
				}
			}
		}
		const sign = text.charCodeAt(at);
		if (sign === LETTER_Z || sign === LETTER_Z_LOWER) {
			at++;
		} else if (sign === PLUS || sign === DASH) {
			const offsetHours = readDigits(text, at + 1, 2);
			at += text.charCodeAt(at + 3) === COLON ? 4 : 3;
			offsetMinutes = (sign === DASH ? -1 : 1) * (offsetHours * 60 + readDigits(text, at, 2));
			at += 2;
		}
		if (at !== text.length) return NaN;
	}
	if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 24 && minute <= 59 && second <= 60)) return NaN;
	const days = daysFromCivil(year, month, day);
	return ((days * 24 + hour) * 60 + minute - offsetMinutes) * 60_000 + second * 1000 + Math.floor(millis);
}

/** The number written by `count` decimal digits at `at`; NaN when any is not a digit. */
function readDigits(text: string, at: number, count: number): number {
	let n = 0;
	for (let k = at; k < at + count; k++) {
		const d = text.charCodeAt(k) - 48;
		if (!(d >= 0 && d <= 9)) return NaN;
		n = n * 10 + d;
	}
	return n;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146097 + dayOfEra - 719468;
}

/** The calendar day ('YYYY-MM-DD') a date or date-time was written for; undefined when unreadable. */
export function toDay(text: string): string | undefined {
	if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
	return text.length === 10 ? text : text.slice(0, 10);
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
		case 'datetime':
			return typeof value === 'string' ? instantKey(toInstant(value)) : undefined;
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
		case 'datetime':
			return typeof literal === 'string' ? instantKey(toInstant(literal)) : undefined;
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

function instantKey(ms: number): Key {
	return Number.isNaN(ms) ? undefined : ms;
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
