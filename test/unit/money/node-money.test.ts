import fc from 'fast-check';

import { addMoney, lineAmount, plainNumber, roundToCents, subtractMoney } from '../../../nodes/QuickBooksSync/sync/money';
import { centsOf, lineCents, money, qtyArbitrary, rateArbitrary, written } from '../../support/decimal-reference';

describe('node money: quantity × rate to the cent, as QuickBooks computes it', () => {
	it.each([
		[1, 1.005, 1.01],
		[1, 1.015, 1.02],
		[1, 0.285, 0.29],
		[1, 1.255, 1.26],
		[3, 1.015, 3.05],
		[7, 1.255, 8.79],
		[1.5, 0.333, 0.5],
		[2.5, 0.01, 0.03],
		[0, 12.5, 0],
		[1, -1.005, -1.01],
		[10, 0.1, 1],
		[1, 4.35, 4.35],
		[100, 1.1, 110],
		[0.07, 0.5, 0.04],
	])('%p × %p = %p', (qty, rate, amount) => {
		expect(lineAmount(qty, rate)).toBe(amount);
	});

	it('agrees with the decimal reference for rates with 2–5 decimals and quantities with up to 4', () => {
		fc.assert(
			fc.property(qtyArbitrary, rateArbitrary, (qty, rate) => {
				expect(lineAmount(qty.value, rate.value)).toBe(money(lineCents(qty, rate)));
			}),
			{ numRuns: 5000 },
		);
	});

	it('sums many lines to the cent, with no binary drift', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(qtyArbitrary, rateArbitrary), { minLength: 1, maxLength: 60 }), (lines) => {
				const amounts = lines.map(([qty, rate]) => lineAmount(qty.value, rate.value));
				const reference = lines.reduce((sum, [qty, rate]) => sum + lineCents(qty, rate), 0n);
				expect(addMoney(amounts)).toBe(money(reference));
			}),
			{ numRuns: 1000 },
		);
	});

	it('rounds a money value to the cent half up from the decimal written, not its binary neighbour', () => {
		expect(roundToCents(1.005)).toBe(1.01);
		expect(roundToCents(2.675)).toBe(2.68);
		expect(roundToCents(0.1 + 0.2)).toBe(0.3);
		expect(roundToCents(-0.125)).toBe(-0.13);
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 5 }).chain((scale) => fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }).map((units) => written(units, scale))), (value) => {
				expect(roundToCents(value.value)).toBe(money(centsOf(value)));
			}),
			{ numRuns: 3000 },
		);
	});

	it('subtracts balances to the cent', () => {
		expect(subtractMoney(0.3, 0.1)).toBe(0.2);
		expect(subtractMoney(100, 33.33)).toBe(66.67);
		fc.assert(
			fc.property(fc.bigInt({ min: 0n, max: 10n ** 10n }), fc.bigInt({ min: 0n, max: 10n ** 10n }), (a, b) => {
				expect(subtractMoney(money(a), money(b))).toBe(money(a - b));
			}),
		);
	});
});

describe('node numbers: numbers and plain decimal text only', () => {
	it.each([
		[12, 12],
		[0.5, 0.5],
		['12', 12],
		['12.50', 12.5],
		[' 7.25 ', 7.25],
		['-3', -3],
		['+4', 4],
		['.5', 0.5],
		['0', 0],
	])('%p → %p', (input, expected) => {
		expect(plainNumber(input)).toBe(expected);
	});

	it.each([['0x10'], ['0b11'], ['0o7'], ['1e3'], ['1E-2'], [''], ['   '], ['1,000'], ['1.000,50'], ['12abc'], ['Infinity'], ['NaN'], ['5.'], ['--1'], [NaN], [Infinity], [true], [null], [{}], [[1]]])(
		'%p is refused',
		(input) => {
			expect(plainNumber(input)).toBeUndefined();
		},
	);
});
