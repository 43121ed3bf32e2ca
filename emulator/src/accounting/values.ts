import { badLength, invalidProperty, requiredMissing } from './faults';
import { fromCents, toCents } from './money';

/** Small helpers for reading untrusted JSON bodies and writing QuickBooks-shaped values. */

export type Obj = Record<string, unknown>;

/** Companies are on Pacific time in the sandbox; one fixed offset keeps timestamps stable. */
const COMPANY_OFFSET_MINUTES = -7 * 60;

function pad(n: number, width = 2): string {
	return String(n).padStart(width, '0');
}

/** "2025-09-08T13:52:31-07:00" — QuickBooks' MetaData format (second precision, company offset). */
export function qboTime(ms: number): string {
	const d = new Date(ms + COMPANY_OFFSET_MINUTES * 60_000);
	const sign = COMPANY_OFFSET_MINUTES <= 0 ? '-' : '+';
	const off = Math.abs(COMPANY_OFFSET_MINUTES);
	return (
		`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
		`T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
		`${sign}${pad(Math.floor(off / 60))}:${pad(off % 60)}`
	);
}

/** The company's calendar date ("YYYY-MM-DD") at `ms`. */
export function qboDate(ms: number): string {
	return qboTime(ms).slice(0, 10);
}

/** Adds whole days to a "YYYY-MM-DD" date. */
export function addDays(date: string, days: number): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** True for "YYYY-MM-DD" that is a real calendar date. */
export function isDate(value: unknown): value is string {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const [y, m, d] = value.split('-').map(Number);
	const date = new Date(Date.UTC(y, m - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Money rounding as QuickBooks does it: half away from zero on two decimals, from the decimal the number prints as. */
export function round2(n: number): number {
	return fromCents(toCents(n));
}

export function isObj(value: unknown): value is Obj {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as an object, or 2010 as QBO answers a body that is not one. */
export function asObj(value: unknown, element?: string): Obj {
	if (!isObj(value)) throw invalidProperty(element);
	return value;
}

/** Non-empty trimmed string, or undefined. */
export function str(value: unknown): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value !== 'string') return undefined;
	const t = value.trim();
	return t === '' ? undefined : t;
}

/** A number from a JSON number or numeric string; 2010 otherwise. */
export function num(value: unknown, element: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
	if (!Number.isFinite(n)) throw invalidProperty(element);
	return n;
}

export function bool(value: unknown): boolean | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value === 'boolean') return value;
	if (value === 'true') return true;
	if (value === 'false') return false;
	return undefined;
}

/** The id of a reference `{value, name?}` (QuickBooks also tolerates a bare id string). */
export function refId(value: unknown): string | undefined {
	if (isObj(value)) return str(value.value);
	return str(value);
}

/** 2020 unless `value` holds something. */
export function required<T>(value: T | undefined, element: string): T {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) throw requiredMissing(element);
	return value;
}

/** 2050 when a string is longer than QuickBooks allows. */
export function maxLen(value: unknown, max: number, element: string): void {
	if (typeof value === 'string' && value.length > max) throw badLength(element, max, value.length);
}

/** A copy without undefined/null members (QuickBooks omits fields without values). Copies rather than
 * deletes: `delete` drops V8 objects into slow dictionary mode. */
export function compact<T extends Obj>(o: T): T {
	const out: Obj = {};
	for (const k in o) if (o[k] !== undefined && o[k] !== null) out[k] = o[k];
	return out as T;
}

/** A deep copy of JSON data (the store never hands out its own objects); faster than structuredClone here. */
export function clone<T>(value: T): T {
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) return value.map(clone) as T;
	const out: Obj = {};
	for (const key in value as Obj) out[key] = clone((value as Obj)[key]);
	return out as T;
}

const DELETED_SUFFIX = ' (deleted)';

/**
 * The name a list object carries for its active state: QuickBooks renames an inactive name
 * "X (deleted)" (freeing "X") and gives "X" back when it is made active again.
 */
export function nameForState(name: string, active: boolean, wasInactive: boolean): string {
	const base = name.endsWith(DELETED_SUFFIX) ? name.slice(0, -DELETED_SUFFIX.length) : name;
	if (!active) return `${base}${DELETED_SUFFIX}`;
	return wasInactive ? base : name;
}
