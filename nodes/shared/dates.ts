/**
 * The calendar day a date value means, as QuickBooks' YYYY-MM-DD. A date-time carries the day in its
 * own offset (converting it to UTC first moves 00:30+01:00 to the day before); the n8n server's time
 * zone is never consulted. Text that could be read two ways (12/08/2026) is refused, not guessed.
 */

/** `date` when a day was given, `problem` when the value is not one, neither when it is empty. */
export interface CalendarDate {
	date?: string;
	problem?: string;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTH = '(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)';
const WEEKDAY = '(sun|mon|tue|wed|thu|fri|sat)';
const TIME = '(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?';

/** ISO 8601: a date, or a date-time with or without an offset. */
const ISO = new RegExp(`^(\\d{4})-(\\d{2})-(\\d{2})(?:[T ]${TIME}(?:Z|[+-]\\d{2}(?::?\\d{2})?)?)?$`, 'i');
/** RFC 2822 (mail, RSS) and RFC 1123 (HTTP, Date.toUTCString): "Tue, 08 Dec 2026 00:30:00 +0100". */
const RFC_2822 = new RegExp(`^(?:${WEEKDAY},?\\s+)?(\\d{1,2})\\s+${MONTH}\\s+(\\d{4})(?:\\s+${TIME}(?:\\s+(?:[+-]\\d{4}|UT|GMT|Z|[ECMP][SD]T))?)?$`, 'i');
/** JavaScript's Date.toString() / toDateString(): "Tue Dec 08 2026 00:30:00 GMT+0100 (…)". */
const JS_DATE = new RegExp(`^${WEEKDAY}\\s+${MONTH}\\s+(\\d{2})\\s+(\\d{4})(?:\\s+${TIME}\\s+GMT[+-]\\d{4}(?:\\s+\\([^)]*\\))?)?$`, 'i');

const ACCEPTED =
	'give the day as YYYY-MM-DD, or a date-time with its offset (ISO 8601, RFC 2822 as mail and RSS give it, or a JavaScript date string)';

/** The calendar day of a date value; `timeZone` (the workflow's) only places a bare JavaScript Date. */
export function calendarDate(value: unknown, timeZone: string): CalendarDate {
	if (value === undefined || value === null) return {};
	if (isLuxonDateTime(value)) {
		return value.isValid ? { date: value.toISODate() } : { problem: `an invalid DateTime is not a date: ${ACCEPTED}` };
	}
	if (Object.prototype.toString.call(value) === '[object Date]') return dayOfInstant(value as Date, timeZone);
	if (typeof value !== 'string') return { problem: `${describe(value)} is not a date: ${ACCEPTED}` };
	const text = value.trim();
	if (text === '') return {};
	const problem = { problem: `"${text.slice(0, 60)}" is not a date QuickBooks can take unambiguously: ${ACCEPTED}` };

	const iso = ISO.exec(text);
	if (iso) return day(+iso[1], +iso[2], +iso[3], time(iso[4], iso[5], iso[6])) ?? problem;
	const rfc = RFC_2822.exec(text);
	if (rfc) return day(+rfc[4], MONTHS.indexOf(rfc[3].toLowerCase()) + 1, +rfc[2], time(rfc[5], rfc[6], rfc[7]), rfc[1]) ?? problem;
	const js = JS_DATE.exec(text);
	if (js) return day(+js[4], MONTHS.indexOf(js[2].toLowerCase()) + 1, +js[3], time(js[5], js[6], js[7]), js[1]) ?? problem;
	return problem;
}

interface LuxonLike {
	isLuxonDateTime: true;
	isValid: boolean;
	toISODate(): string;
}

/** A Luxon DateTime (n8n's $now, $today, DateTime.fromISO …), recognised without importing Luxon. */
function isLuxonDateTime(value: unknown): value is LuxonLike {
	return typeof value === 'object' && value !== null && (value as { isLuxonDateTime?: unknown }).isLuxonDateTime === true;
}

/** A JavaScript Date is an instant with no zone of its own: its day in the workflow's time zone. */
function dayOfInstant(date: Date, timeZone: string): CalendarDate {
	if (Number.isNaN(date.getTime())) return { problem: `an invalid Date is not a date: ${ACCEPTED}` };
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
	const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
	return { date: `${part('year')}-${part('month')}-${part('day')}` };
}

/** False when a time of day is out of range; true when absent or valid. */
function time(hours?: string, minutes?: string, seconds?: string): boolean {
	if (hours === undefined) return true;
	return +hours <= 23 && +minutes! <= 59 && (seconds === undefined || +seconds <= 59);
}

/** The day as YYYY-MM-DD when it exists (and falls on the weekday written, if any). */
function day(year: number, month: number, dayOfMonth: number, timeValid: boolean, weekday?: string): CalendarDate | undefined {
	if (!timeValid || month < 1 || month > 12) return undefined;
	const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dayOfMonth) return undefined;
	if (weekday && WEEKDAYS[date.getUTCDay()] !== weekday.toLowerCase()) return undefined;
	const pad = (n: number, width = 2) => String(n).padStart(width, '0');
	return { date: `${pad(year, 4)}-${pad(month)}-${pad(dayOfMonth)}` };
}

function describe(value: unknown): string {
	if (typeof value === 'number') return `the number ${value} (a timestamp has no day without a time zone)`;
	if (typeof value === 'boolean') return `${value}`;
	return Array.isArray(value) ? 'a list' : `a ${typeof value}`;
}

/** A zone after the time of date-time text: Z, ±hh[:mm], GMT±hhmm (…), or an RFC 2822 zone name. */
const HAS_ZONE = /(?:\d:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)|GMT[+-]\d{4}(?:\s+\([^)]*\))?|\s(?:UT|GMT|[ECMP][SD]T))$/i;

/**
 * The instant a date-time value means (for "changed since" filters), in milliseconds. Text with a zone
 * is that instant; text without one is wall time in `timeZone` (the workflow's), never the server's.
 * Only text calendarDate accepts is read.
 */
export function instantOf(value: unknown, timeZone: string): { ms?: number; problem?: string } {
	if (isLuxonDateTime(value)) return value.isValid ? { ms: (value as unknown as { toMillis(): number }).toMillis() } : { problem: `an invalid DateTime: ${ACCEPTED}` };
	if (Object.prototype.toString.call(value) === '[object Date]') {
		const ms = (value as Date).getTime();
		return Number.isNaN(ms) ? { problem: `an invalid Date: ${ACCEPTED}` } : { ms };
	}
	const { date, problem } = calendarDate(value, timeZone);
	if (problem || !date) return { problem };
	const text = String(value).trim();
	if (HAS_ZONE.test(text)) {
		// Date.parse reads ISO 8601 with ±hh:mm, RFC 2822 and JavaScript's own strings; "+13" needs its minutes.
		const ms = Date.parse(text.replace(/([+-]\d{2})$/, '$1:00'));
		return Number.isNaN(ms) ? { problem: `"${text.slice(0, 60)}" could not be read as a date-time: ${ACCEPTED}` } : { ms };
	}
	const clock = /(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
	const [year, month, day] = date.split('-').map(Number);
	const wall = Date.UTC(year, month - 1, day, Number(clock?.[1] ?? 0), Number(clock?.[2] ?? 0), Number(clock?.[3] ?? 0));
	// The zone's offset at that wall time, corrected once for a change of offset in between.
	const first = wall - zoneOffset(wall, timeZone);
	return { ms: wall - zoneOffset(first, timeZone) };
}

/** The offset of `timeZone` from UTC at instant `ms`, in milliseconds. */
function zoneOffset(ms: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(ms);
	const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second')) - (ms - (ms % 1000));
}
