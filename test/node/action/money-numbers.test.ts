import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TestEmulator } from '../../support/emulator';
import { centsOf, lineCents, money, percentOfCents, qtyArbitrary, rateArbitrary, written, type Written } from '../../support/decimal-reference';
import { emulatorForFile, jsonOf, line, locator, query, runSync } from './helpers';

jest.setTimeout(120_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

/** Invoice Create whose lines come from the item's `lines` array, by item name. */
function invoiceFromJson(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'invoice',
		operation: 'create',
		customer: locator('id', '1'),
		docNumber: '={{ $json.id }}',
		ifExists: 'error',
		linesInput: 'json',
		linesJson: '={{ $json.lines }}',
		newItemSettings: { incomeAccountId: '1' },
		...extra,
	};
}

/** Invoice Create with one fixed-collection line read from the item's qty, rate and amount. */
function invoiceWithOneLine(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'invoice',
		operation: 'create',
		customer: locator('id', '1'),
		docNumber: '={{ $json.id }}',
		ifExists: 'error',
		lines: { line: [line('Part', '={{ $json.qty }}' as unknown as number, '={{ $json.rate }}' as unknown as number, { amount: '={{ $json.amount }}' })] },
		newItemSettings: { incomeAccountId: '1' },
		...extra,
	};
}

function lineAmounts(invoice: IDataObject): number[] {
	return (invoice.Line as IDataObject[]).filter((l) => l.DetailType === 'SalesItemLineDetail').map((l) => l.Amount as number);
}

describe('money to the cent: half-cent prices', () => {
	it('prices with a third decimal are written with the amount QuickBooks computes (1 × 1.005 = 1.01 …)', async () => {
		const out = jsonOf(
			await runSync(qbo, invoiceFromJson(), [
				{
					id: 'HALF-1',
					lines: [
						{ itemName: 'Part', quantity: 1, rate: 1.005 },
						{ itemName: 'Part', quantity: 3, rate: 1.015 },
						{ itemName: 'Part', quantity: 1, rate: 0.285 },
						{ itemName: 'Part', quantity: 7, rate: 1.255 },
						{ itemName: 'Part', quantity: '2.5', rate: '0.01' },
					],
				},
			]),
		);
		expect(out[0].error).toBeUndefined();
		expect(lineAmounts(out[0])).toEqual([1.01, 3.05, 0.29, 8.79, 0.03]);
		expect(out[0].TotalAmt).toBe(13.17);
	});

	it('an explicit amount equal to the correctly rounded product is accepted; one a cent off is refused naming the field', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				invoiceWithOneLine(),
				[
					{ id: 'EXPL-1', qty: 1, rate: 1.005, amount: 1.01 },
					{ id: 'EXPL-2', qty: 1, rate: 1.005, amount: 1.0 },
					{ id: 'EXPL-3', qty: 3, rate: 1.015, amount: '3.05' },
				],
				{ continueOnFail: true },
			),
		);
		expect(out[0]._action).toBe('created');
		expect(lineAmounts(out[0])).toEqual([1.01]);
		expect(out[1].parameter).toBe('lines[0].amount');
		expect(out[1].error).toMatch(/1\.01/);
		expect(out[2]._action).toBe('created');
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'EXPL-2'")).toHaveLength(0);
	});

	it('property: many invoices with 2–5-decimal rates, quantities and discounts total exactly what the decimal reference says', async () => {
		const lineArbitrary = fc.tuple(qtyArbitrary, rateArbitrary);
		const discountArbitrary = fc.oneof(
			fc.constant(undefined),
			fc.integer({ min: 0, max: 10_000 }).map((units) => ({ percent: written(units, 2) })),
			fc.integer({ min: 0, max: 2 }).chain((scale) => fc.integer({ min: 0, max: 500 * 10 ** scale }).map((units) => ({ amount: written(units, scale) }))),
		);
		const invoiceArbitrary = fc.tuple(fc.array(lineArbitrary, { minLength: 1, maxLength: 12 }), discountArbitrary);
		let run = 0;
		await fc.assert(
			fc.asyncProperty(fc.array(invoiceArbitrary, { minLength: 1, maxLength: 8 }), async (invoices) => {
				run++;
				const items = invoices.map(([lines, discount], index) => ({
					id: `P${run}-${index}`,
					lines: lines.map(([qty, rate]) => ({ itemName: 'Part', quantity: qty.value, rate: rate.value })),
					discountType: discount ? ('percent' in discount ? 'percent' : 'amount') : 'none',
					discountValue: discount ? ('percent' in discount ? discount.percent.value : discount.amount!.value) : 0,
				}));
				const out = jsonOf(
					await runSync(qbo, invoiceFromJson({ additionalFields: { discountType: '={{ $json.discountType }}', discountValue: '={{ $json.discountValue }}' } }), items, {
						continueOnFail: true,
					}),
				);
				invoices.forEach(([lines, discount], index) => {
					const cents = lines.map(([qty, rate]) => lineCents(qty, rate));
					const subtotal = cents.reduce((a, b) => a + b, 0n);
					const off = !discount ? 0n : 'percent' in discount ? percentOfCents(subtotal, discount.percent as Written) : centsOf(discount.amount as Written);
					if (off > subtotal) {
						expect(out[index].parameter).toBe('additionalFields.discountValue');
						return;
					}
					expect(out[index].error).toBeUndefined();
					expect(lineAmounts(out[index])).toEqual(cents.map(money));
					expect(out[index].TotalAmt).toBe(money(subtotal - off));
				});
			}),
			{ numRuns: 15 },
		);
	});
});

describe('numbers are numbers', () => {
	const bad: Array<[string, string | boolean]> = [
		['hexadecimal', '0x10'],
		['binary', '0b11'],
		['an exponent', '1e3'],
		['empty text', ''],
		['a thousands separator', '1,000'],
		['a decimal comma', '12,5'],
		['Infinity', 'Infinity'],
		['trailing letters', '12abc'],
		['a boolean', true],
	];

	it.each(bad)('a quantity in %s fails its item naming the field; the rest of the run is written', async (_label, qty) => {
		const out = jsonOf(
			await runSync(
				qbo,
				invoiceWithOneLine(),
				[
					{ id: 'NUM-BAD', qty, rate: 2, amount: 0 },
					{ id: 'NUM-OK', qty: '3', rate: '2.5', amount: 0 },
				],
				{ continueOnFail: true },
			),
		);
		expect(out[0].parameter).toBe('lines[0].quantity');
		expect(out[0].error).toMatch(/not a number/);
		expect(out[0].error).toMatch(/item 0/);
		expect(out[1].error).toBeUndefined();
		expect(out[1]._action).toBe('created');
		expect(out[1].TotalAmt).toBe(7.5);
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'NUM-BAD'")).toHaveLength(0);
	});

	it('rates, amounts and JSON-line numbers get the same rule', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				invoiceFromJson(),
				[
					{ id: 'J-1', lines: [{ itemName: 'Part', quantity: 1, rate: '0x10' }] },
					{ id: 'J-2', lines: [{ itemName: 'Part', quantity: 1, rate: 2, amount: '2e0' }] },
					{ id: 'J-3', lines: [{ itemName: 'Part', qty: '1,5', rate: 2 }] },
					{ id: 'J-4', lines: [{ itemName: 'Part', quantity: '1.5', rate: ' 2 ' }] },
				],
				{ continueOnFail: true },
			),
		);
		expect(out.map((o) => o.parameter)).toEqual(['linesJson[0].rate', 'linesJson[0].amount', 'linesJson[0].quantity', undefined]);
		expect(out[3].TotalAmt).toBe(3);
	});

	it('a discount, a payment amount, an item price and a quantity on hand that are not numbers fail their item', async () => {
		const discount = jsonOf(
			await runSync(qbo, invoiceWithOneLine({ additionalFields: { discountType: 'amount', discountValue: '={{ $json.off }}' } }), [{ id: 'D-1', qty: 1, rate: 10, amount: 0, off: '0x1' }], {
				continueOnFail: true,
			}),
		);
		expect(discount[0].parameter).toBe('additionalFields.discountValue');
		const percent = jsonOf(
			await runSync(qbo, invoiceWithOneLine({ additionalFields: { discountType: 'percent', discountValue: 12.345 } }), [{ id: 'D-2', qty: 1, rate: 10, amount: 0 }], {
				continueOnFail: true,
			}),
		);
		expect(percent[0].parameter).toBe('additionalFields.discountValue');
		expect(percent[0].error).toMatch(/two decimals/);

		await runSync(qbo, invoiceWithOneLine(), [{ id: 'PAY-1', qty: 1, rate: 100, amount: 0 }]);
		const payment = jsonOf(
			await runSync(qbo, { resource: 'payment', operation: 'create', matchInvoicesBy: 'DocNumber', invoices: 'PAY-1', amount: '={{ $json.amount }}' }, [{ amount: '0x10' }, { amount: '25.005' }], {
				continueOnFail: true,
			}),
		);
		expect(payment[0].parameter).toBe('amount');
		expect(payment[1].TotalAmt).toBe(25.01);
		expect(query(qbo, 'SELECT * FROM Payment')).toHaveLength(1);

		const items = jsonOf(
			await runSync(
				qbo,
				{
					resource: 'item',
					operation: 'create',
					name: '={{ $json.name }}',
					type: '={{ $json.type }}',
					incomeAccountId: '1',
					expenseAccountId: '3',
					assetAccountId: '4',
					qtyOnHand: '={{ $json.qty }}',
					invStartDate: '2026-01-01',
					additionalFields: { UnitPrice: '={{ $json.price }}', PurchaseCost: '={{ $json.cost }}' },
				},
				[
					{ name: 'Hex Price', type: 'Service', price: '0x10', cost: 1, qty: 0 },
					{ name: 'Hex Cost', type: 'Service', price: 1, cost: '1e2', qty: 0 },
					{ name: 'Hex Stock', type: 'Inventory', price: 1, cost: 1, qty: '0x10' },
					{ name: 'Fuel', type: 'Service', price: '1.2345', cost: '0.5', qty: 0 },
				],
				{ continueOnFail: true },
			),
		);
		expect(items.map((o) => o.parameter)).toEqual(['additionalFields.UnitPrice', 'additionalFields.PurchaseCost', 'qtyOnHand', undefined]);
		expect(items[3].UnitPrice).toBe(1.2345);
		expect(query(qbo, "SELECT * FROM Item WHERE Name LIKE 'Hex%'")).toHaveLength(0);
	});
});

describe('limits and discounts', () => {
	it('a Limit that is not a whole number of at least 1 fails its item naming it', async () => {
		const out = jsonOf(
			await runSync(qbo, { resource: 'customer', operation: 'getAll', returnAll: false, limit: '={{ $json.limit }}', filters: {} }, [{ limit: '0x10' }, { limit: 2.5 }, { limit: '2' }], {
				continueOnFail: true,
			}),
		);
		expect(out.slice(0, 2).map((o) => o.parameter)).toEqual(['limit', 'limit']);
		expect(out.slice(2)).toHaveLength(2);
		expect(out[2].error).toBeUndefined();
	});

	it('an amount discount over the subtotal of the lines fails its item before anything is written, on create and on update', async () => {
		const out = jsonOf(
			await runSync(qbo, invoiceWithOneLine({ additionalFields: { discountType: 'amount', discountValue: '={{ $json.off }}' } }), [
				{ id: 'OFF-1', qty: 2, rate: 1.005, amount: 0, off: 2.02 },
				{ id: 'OFF-2', qty: 2, rate: 1.005, amount: 0, off: 2.01 },
			], { continueOnFail: true }),
		);
		expect(out[0].parameter).toBe('additionalFields.discountValue');
		expect(out[0].error).toMatch(/more than the subtotal of the lines, 2\.01/);
		expect(out[1]._action).toBe('created');
		expect(out[1].TotalAmt).toBe(0);
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'OFF-1'")).toHaveLength(0);

		const update = jsonOf(
			await runSync(
				qbo,
				{
					resource: 'invoice',
					operation: 'update',
					updateDocumentId: locator('id', String(out[1].Id)),
					lines: { line: [line('Part', 1, 5)] },
					updateFields: { discountType: 'amount', discountValue: 5.01 },
				},
				[{}],
				{ continueOnFail: true },
			),
		);
		expect(update[0].parameter).toBe('updateFields.discountValue');
	});
});

describe('JSON lines', () => {
	it('a line with a quantity and a rate but no item names the missing item, not a description', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				invoiceFromJson(),
				[
					{ id: 'NOITEM-1', lines: [{ quantity: 2, rate: 5 }] },
					{ id: 'NOITEM-2', lines: [{ description: 'Note only' }, { itemName: 'Part', quantity: 1, rate: 5 }] },
					{ id: 'NOITEM-3', lines: [{}] },
				],
				{ continueOnFail: true },
			),
		);
		expect(out[0].parameter).toBe('linesJson[0].itemName');
		expect(out[0].error).toMatch(/no item/i);
		expect(out[0].error).not.toMatch(/Description Only/);
		expect(out[1]._action).toBe('created');
		expect(out[2].parameter).toBe('linesJson[0]');
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'NOITEM-1'")).toHaveLength(0);
	});
});
