/**
 * Money as QuickBooks Online computes it, in exact decimals: a line's Amount is Qty × UnitPrice rounded
 * to the cent half away from zero (1 × 1.005 = 1.01), subtotals are sums of cents, a percent discount
 * and each tax rate are rounded to the cent once. A JSON number stands for the decimal it prints as
 * (its shortest round-trip form), never its binary neighbour. Amounts are carried as BigInt cents.
 * Intuit does not publish its rounding mode; half away from zero matches QuickBooks' screens and the
 * integrators' notes (Qty and UnitPrice to 7 decimals, amounts, tax and totals to 2).
 */

interface Decimal {
	units: bigint;
	scale: number;
}

/** The decimal a finite JS number prints as. */
function decimalOf(value: number): Decimal {
	const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
	if (!match) throw new RangeError(`${value} is not a finite number`);
	const [, sign, whole, fraction = '', exponent = '0'] = match;
	let digits = whole + fraction;
	let scale = fraction.length - Number(exponent);
	if (scale < 0) {
		digits += '0'.repeat(-scale);
		scale = 0;
	}
	const units = BigInt(digits);
	return { units: sign ? -units : units, scale };
}

/** `numerator / denominator` rounded to an integer, halves away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
	const negative = numerator < 0n !== denominator < 0n;
	const n = numerator < 0n ? -numerator : numerator;
	const d = denominator < 0n ? -denominator : denominator;
	const rounded = (2n * n + d) / (2n * d);
	return negative ? -rounded : rounded;
}

function centsOfDecimal(d: Decimal): bigint {
	if (d.scale <= 2) return d.units * 10n ** BigInt(2 - d.scale);
	return divideRounded(d.units, 10n ** BigInt(d.scale - 2));
}

/** A money value in cents, rounded half away from zero. */
export function toCents(value: number): bigint {
	return centsOfDecimal(decimalOf(value));
}

/** Cents as the JSON number QuickBooks answers with. */
export function fromCents(cents: bigint): number {
	return Number(`${cents}e-2`);
}

/** Qty × UnitPrice in cents: the Amount QuickBooks expects on a sales line (else 6070). */
export function lineCents(qty: number, unitPrice: number): bigint {
	const q = decimalOf(qty);
	const p = decimalOf(unitPrice);
	return centsOfDecimal({ units: q.units * p.units, scale: q.scale + p.scale });
}

/** `percent`% of an amount in cents, in cents. */
export function percentCents(cents: bigint, percent: number): bigint {
	const p = decimalOf(percent);
	return divideRounded(cents * p.units, 100n * 10n ** BigInt(p.scale));
}

/**
 * `percent`% of `cents × part / whole`, rounded once at the end: the tax of one rate on lines whose
 * subtotal `whole` is reduced to `part` by a discount applied before tax.
 */
export function taxCents(cents: bigint, part: bigint, whole: bigint, percent: number): bigint {
	if (whole === 0n) return percentCents(cents, percent);
	const p = decimalOf(percent);
	return divideRounded(cents * part * p.units, whole * 100n * 10n ** BigInt(p.scale));
}

/** `cents × part / whole` rounded to the cent (the taxable net after a discount). */
export function shareCents(cents: bigint, part: bigint, whole: bigint): bigint {
	return whole === 0n ? cents : divideRounded(cents * part, whole);
}

/** A gross amount in cents less its tax at `percent`% (tax-inclusive lines): gross / (1 + percent/100). */
export function netOfTaxCents(grossCents: bigint, percent: number): bigint {
	const p = decimalOf(percent);
	const scale = 100n * 10n ** BigInt(p.scale);
	return divideRounded(grossCents * scale, scale + p.units);
}
