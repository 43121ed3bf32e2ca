/**
 * Money to the cent, as QuickBooks Online computes it: a line's Amount is Quantity × Unit Price rounded
 * to two decimals, half away from zero, from the decimals the user wrote (1 × 1.005 = 1.01), never from
 * their nearest binary fraction (which makes 1.005 × 100 = 100.49999… and so 1.00). QuickBooks keeps
 * Qty and UnitPrice to 7 decimals and every amount, subtotal, discount, tax and total to 2. The
 * emulator has its own module with the same rules (emulator/src/accounting/money.ts); both are tested
 * against a BigInt reference.
 */

/** A decimal as written: `units / 10^scale`. */
interface Decimal {
	units: bigint;
	scale: number;
}

/** Decimal text a person writes: digits with an optional sign and decimal point; nothing else. */
const PLAIN_DECIMAL = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

/**
 * A number from a JSON number or plain decimal text ("12", "-3.25", " 7.5 "); undefined for anything
 * else: hex, binary or octal, exponents, thousands separators, empty text, Infinity, booleans.
 */
export function plainNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return PLAIN_DECIMAL.test(text) ? Number(text) : undefined;
}

/** The decimal a JS number stands for: its shortest round-trip form, i.e. what was written. */
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

/** `numerator / denominator` (denominator > 0) rounded to an integer, halves away from zero. */
function divideHalfAway(numerator: bigint, denominator: bigint): bigint {
	const magnitude = numerator < 0n ? -numerator : numerator;
	const rounded = (2n * magnitude + denominator) / (2n * denominator);
	return numerator < 0n ? -rounded : rounded;
}

/** The decimal in units of 10^-places, rounded half away from zero. */
function unitsAt(decimal: Decimal, places: number): bigint {
	if (decimal.scale <= places) return decimal.units * 10n ** BigInt(places - decimal.scale);
	return divideHalfAway(decimal.units, 10n ** BigInt(decimal.scale - places));
}

/** `units / 10^places` as the JS number JSON carries (the nearest double, which prints as written). */
function numberAt(units: bigint, places: number): number {
	return Number(`${units}e-${places}`);
}

/** A money value rounded to the cent, half away from zero (2.675 → 2.68). */
export function roundToCents(value: number): number {
	return numberAt(unitsAt(decimalOf(value), 2), 2);
}

/** Quantity × unit price rounded to the cent, as QuickBooks checks a line's Amount (error 6070). */
export function lineAmount(qty: number, rate: number): number {
	const q = decimalOf(qty);
	const r = decimalOf(rate);
	return numberAt(unitsAt({ units: q.units * r.units, scale: q.scale + r.scale }, 2), 2);
}

/** The sum of money values, each to the cent, with no binary drift. */
export function addMoney(values: number[]): number {
	return numberAt(values.reduce((sum, value) => sum + unitsAt(decimalOf(value), 2), 0n), 2);
}

/** `a − b` to the cent. */
export function subtractMoney(a: number, b: number): number {
	return numberAt(unitsAt(decimalOf(a), 2) - unitsAt(decimalOf(b), 2), 2);
}

/** How many decimals the number has as written (1.50 → 1, 12.345 → 3). */
export function decimalPlaces(value: number): number {
	return decimalOf(value).scale;
}
