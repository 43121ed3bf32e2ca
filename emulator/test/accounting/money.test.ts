import fc from 'fast-check';

import { fromCents, lineCents, percentCents, toCents } from '../../src/accounting/money';
import {
	centsOf,
	decimalArbitrary,
	divideHalfAway,
	lineCents as referenceLineCents,
	money,
	percentOfCents,
	qtyArbitrary,
	rateArbitrary,
	written,
	type Written,
} from '../../../test/support/decimal-reference';
import { faultOf, freshAccounting, type Obj } from './helpers';

/** Percentages as QuickBooks keeps them: up to two decimals. */
const percentArbitrary = decimalArbitrary(0, 100, 0, 2);

describe('emulator money module', () => {
	it('line amounts, cents and percentages agree with the decimal reference', () => {
		expect(fromCents(lineCents(1, 1.005))).toBe(1.01);
		expect(fromCents(lineCents(7, 1.255))).toBe(8.79);
		fc.assert(
			fc.property(qtyArbitrary, rateArbitrary, percentArbitrary, (qty, rate, percent) => {
				const cents = referenceLineCents(qty, rate);
				expect(lineCents(qty.value, rate.value)).toBe(cents);
				expect(percentCents(cents, percent.value)).toBe(percentOfCents(cents, percent));
				expect(toCents(rate.value)).toBe(centsOf(rate));
				expect(fromCents(cents)).toBe(money(cents));
			}),
			{ numRuns: 3000 },
		);
	});
});

interface Sale {
	lines: Array<[Written, Written]>;
	discount?: { percent: Written } | { amount: Written };
}

const saleArbitrary: fc.Arbitrary<Sale> = fc.record({
	lines: fc.array(fc.tuple(qtyArbitrary, rateArbitrary), { minLength: 1, maxLength: 25 }),
	discount: fc.oneof(
		fc.constant(undefined),
		percentArbitrary.map((percent) => ({ percent })),
		decimalArbitrary(0, 2_000, 0, 2).map((amount) => ({ amount })),
	),
});

/** The sale's lines as a request body, each line's Amount the reference product. */
function body(sale: Sale, taxCode: string): Obj[] {
	const lines: Obj[] = sale.lines.map(([qty, rate]) => ({
		Amount: money(referenceLineCents(qty, rate)),
		DetailType: 'SalesItemLineDetail',
		SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: qty.value, UnitPrice: rate.value, TaxCodeRef: { value: taxCode } },
	}));
	if (sale.discount && 'percent' in sale.discount) {
		lines.push({ DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: sale.discount.percent.value } });
	} else if (sale.discount) {
		lines.push({ Amount: sale.discount.amount.value, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } });
	}
	return lines;
}

/** Subtotal and discount in cents, by the reference. */
function subtotalAndDiscount(sale: Sale): { subtotal: bigint; discount: bigint } {
	const subtotal = sale.lines.reduce((sum, [qty, rate]) => sum + referenceLineCents(qty, rate), 0n);
	const discount = !sale.discount ? 0n : 'percent' in sale.discount ? percentOfCents(subtotal, sale.discount.percent) : centsOf(sale.discount.amount);
	return { subtotal, discount };
}

/** Tax of one rate on the discounted subtotal: round(subtotal × (subtotal − discount) / subtotal × percent / 100). */
function taxCents(taxable: bigint, subtotal: bigint, discount: bigint, percent: Written): bigint {
	if (subtotal === 0n) return 0n;
	return divideHalfAway(taxable * (subtotal - discount) * percent.units, subtotal * 100n * 10n ** BigInt(percent.scale));
}

describe('emulator invoices total to the cent (property, against the decimal reference)', () => {
	it('US: lines, percent or amount discount, 8% tax after discount', () => {
		const { accounting, us } = freshAccounting();
		fc.assert(
			fc.property(saleArbitrary, (sale) => {
				const { subtotal, discount } = subtotalAndDiscount(sale);
				const request = { CustomerRef: { value: '1' }, ApplyTaxAfterDiscount: true, TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } }, Line: body(sale, 'TAX') };
				if (discount > subtotal) {
					expect(faultOf(() => accounting.create(us, 'Invoice', request)).code).toBe('6000');
					return;
				}
				const invoice = accounting.create(us, 'Invoice', request) as Obj;
				const tax = taxCents(subtotal, subtotal, discount, written(8, 0));
				expect(invoice.TxnTaxDetail.TotalTax).toBe(money(tax));
				expect(invoice.TotalAmt).toBe(money(subtotal - discount + tax));
				const sub = invoice.Line.find((l: Obj) => l.DetailType === 'SubTotalLineDetail');
				expect(sub.Amount).toBe(money(subtotal));
			}),
			{ numRuns: 300 },
		);
	});

	it('Canada: GST 5% + QST 9.975% per rate on the discounted lines', () => {
		const { accounting, ca } = freshAccounting();
		const qc = (accounting.query(ca, "select * from TaxCode where Name = 'GST/QST QC'") as Obj).TaxCode[0].Id as string;
		fc.assert(
			fc.property(saleArbitrary, (sale) => {
				const { subtotal, discount } = subtotalAndDiscount(sale);
				const request = { CustomerRef: { value: '1' }, Line: body(sale, qc) };
				if (discount > subtotal) return;
				const invoice = accounting.create(ca, 'Invoice', request) as Obj;
				const gst = taxCents(subtotal, subtotal, discount, written(5, 0));
				const qst = taxCents(subtotal, subtotal, discount, written(9975, 3));
				expect(invoice.TxnTaxDetail.TaxLine.map((l: Obj) => l.Amount)).toEqual([money(gst), money(qst)]);
				expect(invoice.TotalAmt).toBe(money(subtotal - discount + gst + qst));
			}),
			{ numRuns: 300 },
		);
	});

	it('a line whose Amount is not Qty × UnitPrice rounded to the cent is refused with 6070; the rounded one is accepted', () => {
		const { accounting, us } = freshAccounting();
		fc.assert(
			fc.property(qtyArbitrary, rateArbitrary, fc.constantFrom(-1n, 1n), (qty, rate, off) => {
				const cents = referenceLineCents(qty, rate);
				const line = (amount: number): Obj => ({ Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: qty.value, UnitPrice: rate.value } });
				expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: '1' }, Line: [line(money(cents + off))] })).code).toBe('6070');
				const invoice = accounting.create(us, 'Invoice', { CustomerRef: { value: '1' }, Line: [line(money(cents))] }) as Obj;
				expect(invoice.Line[0].Amount).toBe(money(cents));
			}),
			{ numRuns: 300 },
		);
	});
});
