/**
 * Plain-object maps kept in n8n's static data (which must stay JSON), bounded by dropping the
 * entries touched longest ago. Keys must not look like integers: JavaScript orders those first,
 * which would break the insertion order the eviction relies on.
 */

/** Sets key to value as the most recent entry, then drops the oldest entries beyond cap. */
export function touchBounded<T>(record: Record<string, T>, key: string, value: T, cap: number): void {
	delete record[key];
	record[key] = value;
	const keys = Object.keys(record);
	for (let index = 0; index < keys.length - cap; index++) delete record[keys[index]];
}

/** Copies a static-data value into a fresh record, tolerating anything that is not an object. */
export function recordFrom<T>(value: unknown): Record<string, T> {
	return value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, T>) } : {};
}
