import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TestEmulator } from '../../support/emulator';
import { emulatorForFile, jsonOf, line, locator, query, runSync } from './helpers';

/**
 * Every date the node writes is the calendar day the user meant, whatever the n8n server's zone:
 * `npm run test:unit` runs this file under TZ=Pacific/Auckland and TZ=America/Los_Angeles as well.
 */
jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

/** Source systems' ways of writing 8 December 2026 late at night or early in the morning. */
const DEC_8: Array<[string, string]> = [
	['a plain ISO date', '2026-12-08'],
	["n8n's date picker (local date-time text)", '2026-12-08T00:30:00'],
	['ISO with an offset east of UTC', '2026-12-08T00:30:00+01:00'],
	['ISO with an offset west of UTC', '2026-12-08T23:30:00-08:00'],
	['RFC 2822 (mail, RSS) east of UTC', 'Tue, 08 Dec 2026 00:30:00 +0100'],
	['RFC 2822 west of UTC', 'Tue, 08 Dec 2026 23:30:00 -0800'],
	['a JavaScript Date string', 'Tue Dec 08 2026 00:30:00 GMT+1300 (New Zealand Daylight Time)'],
];

function invoiceDated(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'invoice',
		operation: 'create',
		customer: locator('id', '1'),
		docNumber: '={{ $json.id }}',
		ifExists: 'error',
		lines: { line: [line('Design', 1, 10, { serviceDate: '={{ $json.date }}' })] },
		additionalFields: { txnDate: '={{ $json.date }}', dueDate: '={{ $json.date }}' },
		...extra,
	};
}

describe(`dates on the right day (process TZ ${process.env.TZ ?? 'unset'})`, () => {
	it.each(DEC_8)('%s → TxnDate, DueDate and ServiceDate 2026-12-08', async (_label, date) => {
		const [invoice] = jsonOf(await runSync(qbo, invoiceDated(), [{ id: 'DAY-1', date }]));
		expect(invoice.TxnDate).toBe('2026-12-08');
		expect(invoice.DueDate).toBe('2026-12-08');
		const itemLine = (invoice.Line as IDataObject[]).find((l) => l.DetailType === 'SalesItemLineDetail')!;
		expect((itemLine.SalesItemLineDetail as IDataObject).ServiceDate).toBe('2026-12-08');
	});

	it("a Luxon DateTime from an expression is its own day in its own zone (n8n's $now, DateTime.fromISO)", async () => {
		const [invoice] = jsonOf(
			await runSync(
				qbo,
				invoiceDated({
					additionalFields: {
						txnDate: "={{ DateTime.fromISO('2026-12-08T00:30:00', { zone: 'Pacific/Auckland' }) }}",
						dueDate: "={{ DateTime.fromISO('2026-12-08T23:30:00', { zone: 'America/Los_Angeles' }) }}",
					},
				}),
				[{ id: 'LUX-1', date: '2026-12-08' }],
			),
		);
		expect(invoice.TxnDate).toBe('2026-12-08');
		expect(invoice.DueDate).toBe('2026-12-08');
	});

	it('an estimate expiration date, a payment date and an inventory start date follow the same rule', async () => {
		const [estimate] = jsonOf(
			await runSync(qbo, {
				resource: 'estimate',
				operation: 'create',
				customer: locator('id', '1'),
				ifExists: 'error',
				lines: { line: [line('Design', 1, 10)] },
				additionalFields: { expirationDate: 'Tue, 08 Dec 2026 00:30:00 +0100' },
			}),
		);
		expect(estimate.ExpirationDate).toBe('2026-12-08');

		await runSync(qbo, invoiceDated(), [{ id: 'PAYDAY-1', date: '2026-12-01' }]);
		const [payment] = jsonOf(
			await runSync(qbo, {
				resource: 'payment',
				operation: 'create',
				matchInvoicesBy: 'DocNumber',
				invoices: 'PAYDAY-1',
				amount: 0,
				additionalFields: { txnDate: 'Tue Dec 08 2026 23:30:00 GMT-0800 (Pacific Standard Time)' },
			}),
		);
		expect(payment.TxnDate).toBe('2026-12-08');

		const [item] = jsonOf(
			await runSync(qbo, {
				resource: 'item',
				operation: 'create',
				name: 'Dated Widget',
				type: 'Inventory',
				incomeAccountId: '1',
				expenseAccountId: '3',
				assetAccountId: '4',
				qtyOnHand: 1,
				invStartDate: 'Tue, 08 Dec 2026 00:30:00 +0100',
			}),
		);
		expect(item.InvStartDate).toBe('2026-12-08');
	});

	it('date text that is not unambiguous fails its item naming the field, before anything is written; the rest goes through', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				invoiceDated({ lines: { line: [line('Design', 1, 10)] }, additionalFields: { txnDate: '={{ $json.date }}' } }),
				[
					{ id: 'BADDAY-1', date: '12/08/2026' },
					{ id: 'BADDAY-2', date: '2026-02-30' },
					{ id: 'BADDAY-3', date: 'next tuesday' },
					{ id: 'GOODDAY-1', date: '2026-12-08' },
				],
				{ continueOnFail: true },
			),
		);
		for (const failed of out.slice(0, 3)) {
			expect(failed.parameter).toBe('additionalFields.txnDate');
			expect(failed.error).toMatch(/YYYY-MM-DD/);
		}
		expect(out[0].error).toMatch(/item 0/);
		expect(out[3].TxnDate).toBe('2026-12-08');
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber LIKE 'BADDAY%'")).toHaveLength(0);

		const lineDate = jsonOf(
			await runSync(qbo, invoiceDated({ additionalFields: {} }), [{ id: 'BADDAY-4', date: '08.12.2026' }], { continueOnFail: true }),
		);
		expect(lineDate[0].parameter).toBe('lines[0].serviceDate');
	});

	it('Get Many date filters read the day the same way, and refuse what is not one naming the filter', async () => {
		await runSync(qbo, invoiceDated(), [
			{ id: 'F-7', date: '2026-12-07' },
			{ id: 'F-8', date: '2026-12-08' },
		]);
		const out = jsonOf(
			await runSync(
				qbo,
				{ resource: 'invoice', operation: 'getAll', returnAll: true, filters: { txnDateFrom: '={{ $json.from }}' } },
				[{ from: 'Tue, 08 Dec 2026 00:30:00 +0100' }, { from: '12/08/2026' }],
				{ continueOnFail: true },
			),
		);
		expect(out.filter((o) => !o.error).map((o) => o.DocNumber)).toEqual(['F-8']);
		expect(out.find((o) => o.error)?.parameter).toBe('filters.txnDateFrom');
	});

	it('Updated Since reads a date-time with its offset, or without one in the workflow zone, and refuses ambiguous text naming the filter', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				{ resource: 'customer', operation: 'getAll', returnAll: true, filters: { updatedSince: '={{ $json.since }}' } },
				[{ since: 'Sat, 01 Jan 2000 00:00:00 +0100' }, { since: '2999-01-01T00:00:00' }, { since: '01/02/2000' }],
				{ continueOnFail: true },
			),
		);
		const failed = out.filter((o) => o.error);
		expect(failed).toHaveLength(1);
		expect(failed[0].parameter).toBe('filters.updatedSince');
		expect(out.filter((o) => !o.error).length).toBeGreaterThan(0);
		expect(out.every((o) => o.error || o.DisplayName)).toBe(true);
	});
});
