import { DateTime } from 'luxon';

import { calendarDate, instantOf } from '../../../nodes/shared/dates';

/**
 * Runs under the machine's time zone and, through `npm run test:unit`, under TZ=Pacific/Auckland and
 * TZ=America/Los_Angeles: the day written must never depend on the n8n server's zone.
 */
const workflowZone = 'America/New_York';

describe(`calendar dates (process TZ ${process.env.TZ ?? 'unset'})`, () => {
	it('runs in the zone it was started with', () => {
		if (process.env.TZ) expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(process.env.TZ);
	});

	it.each([
		['2026-12-08', '2026-12-08'],
		['2026-12-08T00:30:00', '2026-12-08'],
		['2026-12-08T23:59:59.999', '2026-12-08'],
		['2026-12-08 00:30', '2026-12-08'],
		['2026-12-08T00:30:00Z', '2026-12-08'],
		['2026-12-08T00:30:00.000+01:00', '2026-12-08'],
		['2026-12-08T23:30:00-08:00', '2026-12-08'],
		['2026-12-08T00:30:00+1300', '2026-12-08'],
		['2026-12-08T00:30+13', '2026-12-08'],
		// RFC 2822 (mail, RSS) and RFC 1123 (HTTP dates, Date.toUTCString): the day in the offset written.
		['Tue, 08 Dec 2026 00:30:00 +0100', '2026-12-08'],
		['Tue, 8 Dec 2026 23:30:00 -0800', '2026-12-08'],
		['08 Dec 2026 00:30:00 +1300', '2026-12-08'],
		['Tue, 08 Dec 2026 00:30:00 GMT', '2026-12-08'],
		['Tue, 08 Dec 2026 00:30 EST', '2026-12-08'],
		// JavaScript's Date.toString() and toDateString(): the day in the offset shown.
		['Tue Dec 08 2026 00:30:00 GMT+0100 (Central European Standard Time)', '2026-12-08'],
		['Tue Dec 08 2026 23:30:00 GMT-0800 (Pacific Standard Time)', '2026-12-08'],
		['Tue Dec 08 2026', '2026-12-08'],
		['2024-02-29', '2024-02-29'],
	])('%p → %p', (text, date) => {
		expect(calendarDate(text, workflowZone)).toEqual({ date });
	});

	it("a Luxon DateTime (n8n's $now, DateTime.fromISO …) gives its own day, in its own zone", () => {
		const auckland = DateTime.fromISO('2026-12-08T00:30:00', { zone: 'Pacific/Auckland' });
		const angeles = DateTime.fromISO('2026-12-08T23:30:00', { zone: 'America/Los_Angeles' });
		expect(calendarDate(auckland, workflowZone)).toEqual({ date: '2026-12-08' });
		expect(calendarDate(angeles, workflowZone)).toEqual({ date: '2026-12-08' });
	});

	it("a JavaScript Date (an instant) is the day in the workflow's time zone, not the server's", () => {
		const instant = new Date(Date.UTC(2026, 11, 8, 4, 30));
		expect(calendarDate(instant, 'America/New_York')).toEqual({ date: '2026-12-07' });
		expect(calendarDate(instant, 'Pacific/Auckland')).toEqual({ date: '2026-12-08' });
	});

	it.each([
		['12/08/2026'],
		['08.12.2026'],
		['next tuesday'],
		['2026-02-30'],
		['2026-13-01'],
		['2026-12-08T25:00:00'],
		['Wed, 08 Dec 2026 00:30:00 +0100'],
		['Tue, 08 Foo 2026 00:30:00 +0100'],
		['20261208'],
		['2026-12'],
		[1765154400000],
		[true],
		[{}],
		[new Date(Number.NaN)],
	])('%p is refused with a reason', (value) => {
		const result = calendarDate(value, workflowZone);
		expect(result).toHaveProperty('problem');
		expect((result as { problem: string }).problem).toMatch(/YYYY-MM-DD/);
	});

	it('empty means not given', () => {
		expect(calendarDate('', workflowZone)).toEqual({});
		expect(calendarDate(undefined, workflowZone)).toEqual({});
		expect(calendarDate(null, workflowZone)).toEqual({});
		expect(calendarDate('   ', workflowZone)).toEqual({});
	});
});

describe(`instants for "changed since" filters (process TZ ${process.env.TZ ?? 'unset'})`, () => {
	const utc = (text: string) => Date.parse(text);
	it.each([
		['2026-12-08T00:30:00+01:00', 'America/New_York', '2026-12-07T23:30:00Z'],
		['2026-12-08T00:30+13', 'America/New_York', '2026-12-07T11:30:00Z'],
		['Tue, 08 Dec 2026 00:30:00 +0100', 'America/New_York', '2026-12-07T23:30:00Z'],
		['Tue Dec 08 2026 00:30:00 GMT+0100 (Central European Standard Time)', 'UTC', '2026-12-07T23:30:00Z'],
		// No zone written: wall time in the workflow's zone, whatever the server's.
		['2026-12-08T00:30:00', 'America/New_York', '2026-12-08T05:30:00Z'],
		['2026-12-08T00:30:00', 'Pacific/Auckland', '2026-12-07T11:30:00Z'],
		['2026-07-08', 'Pacific/Auckland', '2026-07-07T12:00:00Z'],
		['2026-03-08T12:00:00', 'America/New_York', '2026-03-08T16:00:00Z'],
	])('%p in %p → %p', (text, zone, expected) => {
		expect(instantOf(text, zone)).toEqual({ ms: utc(expected) });
	});

	it('a Luxon DateTime and a Date are their own instants; ambiguous text is refused', () => {
		expect(instantOf(DateTime.fromISO('2026-12-08T00:30:00', { zone: 'Pacific/Auckland' }), 'UTC')).toEqual({ ms: utc('2026-12-07T11:30:00Z') });
		expect(instantOf(new Date(utc('2026-12-08T00:30:00Z')), 'UTC')).toEqual({ ms: utc('2026-12-08T00:30:00Z') });
		expect(instantOf('12/08/2026', 'UTC').problem).toMatch(/YYYY-MM-DD/);
		expect(instantOf('', 'UTC')).toEqual({});
	});
});
