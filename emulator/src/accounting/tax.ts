import { businessValidation, invalidUsLineTaxCode } from './faults';
import type { WriteContext } from './types';
import { fromCents, shareCents, taxCents, toCents } from './money';
import { refId, type Obj } from './values';

/** Sales tax: US (TAX/NON lines + one transaction tax code) and Canada (a GST/HST code on every line). */

export interface TaxableLine {
	/** Net amount of the line (before tax). */
	net: number;
	/** Tax code id on the line (US: TAX/NON). */
	taxCodeId: string | undefined;
}

/** A discount applied before tax scales the taxable amounts by part / whole (subtotal less discount / subtotal), in cents. */
export interface DiscountShare {
	part: bigint;
	whole: bigint;
}

export const NO_DISCOUNT: DiscountShare = { part: 1n, whole: 1n };

export interface TaxResult {
	totalTax: number;
	detail: Obj;
}

/** The rates of a tax code as [{rate object, percent}]. */
function ratesOf(ctx: WriteContext, taxCode: Obj, listField: 'SalesTaxRateList' | 'PurchaseTaxRateList'): { rate: Obj; percent: number }[] {
	const list = (taxCode[listField] as Obj | undefined)?.TaxRateDetail as Obj[] | undefined;
	return (list ?? []).map((d) => {
		const rate = ctx.get('TaxRate', String(refId(d.TaxRateRef))) as Obj;
		return { rate, percent: Number(rate.RateValue ?? 0) };
	});
}

/** Sum of the percentages a Canadian line carries (for tax-inclusive amounts). */
export function linePercent(ctx: WriteContext, taxCodeId: string, listField: 'SalesTaxRateList' | 'PurchaseTaxRateList' = 'SalesTaxRateList'): number {
	const code = ctx.get('TaxCode', taxCodeId);
	return code ? ratesOf(ctx, code, listField).reduce((s, r) => s + r.percent, 0) : 0;
}

/** Canada: every line needs a tax code; returns the checked code id. */
export function requireCanadianLineCode(ctx: WriteContext, taxCodeRef: unknown, element: string): string {
	if (refId(taxCodeRef) === undefined) throw businessValidation('Make sure all your transactions have a GST/HST rate before you save.');
	return String(ctx.ref('TaxCode', taxCodeRef, element).Id);
}

/** US: a line code must be TAX or NON (`fallback` when the line has none). */
export function usLineCode(taxCodeRef: unknown, fallback: 'TAX' | 'NON'): string {
	const id = refId(taxCodeRef) ?? fallback;
	if (id !== 'TAX' && id !== 'NON') throw invalidUsLineTaxCode(id);
	return id;
}

function taxLine(rate: Obj, percent: number, netCents: bigint, share: DiscountShare): { line: Obj; cents: bigint } {
	const cents = taxCents(netCents, share.part, share.whole, percent);
	return {
		cents,
		line: {
			Amount: fromCents(cents),
			DetailType: 'TaxLineDetail',
			TaxLineDetail: {
				TaxRateRef: { value: rate.Id, name: rate.Name },
				PercentBased: true,
				TaxPercent: percent,
				NetAmountTaxable: fromCents(shareCents(netCents, share.part, share.whole)),
			},
		},
	};
}

/**
 * Canada: per tax rate, tax = the sum of the taxable net amounts × rate, rounded to the cent once —
 * QuickBooks rounds per rate on the sum of lines, not per line. `share` scales nets for a discount applied before tax.
 */
export function canadianTax(ctx: WriteContext, lines: TaxableLine[], share: DiscountShare, listField: 'SalesTaxRateList' | 'PurchaseTaxRateList' = 'SalesTaxRateList'): TaxResult {
	const byRate = new Map<string, { rate: Obj; percent: number; net: bigint }>();
	for (const line of lines) {
		const code = ctx.get('TaxCode', String(line.taxCodeId)) as Obj;
		for (const { rate, percent } of ratesOf(ctx, code, listField)) {
			const entry = byRate.get(rate.Id as string) ?? { rate, percent, net: 0n };
			entry.net += toCents(line.net);
			byRate.set(rate.Id as string, entry);
		}
	}
	const taxed = [...byRate.values()].map((e) => taxLine(e.rate, e.percent, e.net, share));
	const totalTax = fromCents(taxed.reduce((s, t) => s + t.cents, 0n));
	return { totalTax, detail: { TotalTax: totalTax, TaxLine: taxed.map((t) => t.line) } };
}

/** US: tax on the TAX lines at the rate(s) of the transaction's tax code (none → 0). */
export function usTax(ctx: WriteContext, lines: TaxableLine[], share: DiscountShare, txnTaxCodeRef: unknown): TaxResult {
	const codeId = refId(txnTaxCodeRef);
	if (codeId === undefined) return { totalTax: 0, detail: { TotalTax: 0 } };
	const code = ctx.ref('TaxCode', txnTaxCodeRef, 'TxnTaxDetail.TxnTaxCodeRef');
	const taxable = lines.filter((l) => l.taxCodeId === 'TAX').reduce((s, l) => s + toCents(l.net), 0n);
	const taxed = ratesOf(ctx, code, 'SalesTaxRateList').map(({ rate, percent }) => taxLine(rate, percent, taxable, share));
	const totalTax = fromCents(taxed.reduce((s, t) => s + t.cents, 0n));
	return { totalTax, detail: { TxnTaxCodeRef: { value: code.Id, name: code.Name }, TotalTax: totalTax, TaxLine: taxed.map((t) => t.line) } };
}
