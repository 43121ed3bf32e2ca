import fc from 'fast-check';

/**
 * The decimal reference the money tests compare against: exact BigInt arithmetic on the digits a
 * person writes, with QuickBooks' rounding to the cent (half away from zero). It shares no code with
 * the node's or the emulator's money module, so a slip in either shows up here.
 */

/** A decimal as written: `units / 10^scale`, with the JS number a source system would send for it. */
export interface Written {
	units: bigint;
	scale: number;
	value: number;
	text: string;
}

/** The decimal `units / 10^scale`, as text and as the nearest JS number. */
export function written(units: number | bigint, scale: number): Written {
	const big = BigInt(units);
	const negative = big < 0n;
	const digits = (negative ? -big : big).toString().padStart(scale + 1, '0');
	const text = `${negative ? '-' : ''}${scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`}`;
	return { units: big, scale, value: Number(text), text };
}

/** `numerator / denominator` rounded to an integer, halves away from zero. */
export function divideHalfAway(numerator: bigint, denominator: bigint): bigint {
	const negative = numerator < 0n !== denominator < 0n;
	const n = numerator < 0n ? -numerator : numerator;
	const d = denominator < 0n ? -denominator : denominator;
	const rounded = (2n * n + d) / (2n * d);
	return negative ? -rounded : rounded;
}

/** A decimal in cents, rounded half away from zero. */
export function centsOf(d: { units: bigint; scale: number }): bigint {
	if (d.scale <= 2) return d.units * 10n ** BigInt(2 - d.scale);
	return divideHalfAway(d.units, 10n ** BigInt(d.scale - 2));
}

/** Quantity × rate in cents, as QuickBooks rounds a line's Amount. */
export function lineCents(qty: Written, rate: Written): bigint {
	return centsOf({ units: qty.units * rate.units, scale: qty.scale + rate.scale });
}

/** `percent`% of `cents`, in cents. */
export function percentOfCents(cents: bigint, percent: Written): bigint {
	return divideHalfAway(cents * percent.units, 100n * 10n ** BigInt(percent.scale));
}

/** Cents as the JS number QuickBooks' JSON carries. */
export function money(cents: bigint): number {
	return written(cents, 2).value;
}

/** A decimal with `minScale`–`maxScale` decimals between `min` and `max` (in whole units). */
export function decimalArbitrary(min: number, max: number, minScale: number, maxScale: number): fc.Arbitrary<Written> {
	return fc.integer({ min: minScale, max: maxScale }).chain((scale) =>
		fc.bigInt({ min: BigInt(Math.round(min * 10 ** scale)), max: BigInt(Math.round(max * 10 ** scale)) }).map((units) => written(units, scale)),
	);
}

/** Unit prices as catalogues write them: 2–5 decimals, up to 10,000. */
export const rateArbitrary = decimalArbitrary(0, 10_000, 2, 5);

/** Quantities: whole or with up to 4 decimals, up to 1,000. */
export const qtyArbitrary = decimalArbitrary(0, 1_000, 0, 4);
