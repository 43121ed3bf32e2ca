import { entitySpec } from '../query';
import { isObj, type Obj } from './values';

/**
 * What QuickBooks does on a write, read from the entity descriptions (query/entity-fields.ts) so that
 * one table says, per entity, how queries AND writes behave.
 */

/** Fills the properties QuickBooks sets on create when the request left them out. */
export function withCreateDefaults(entity: string, obj: Obj): Obj {
	const defaults = entitySpec(entity)?.createDefaults;
	if (!defaults) return obj;
	for (const key in defaults) if (obj[key] === undefined || obj[key] === null) obj[key] = defaults[key];
	return obj;
}

/** True when a name of this entity gains " (deleted)" when made inactive (Account, Item, Customer …). */
export function renamedWhenInactive(entity: string): boolean {
	return entitySpec(entity)?.renamedWhenInactive === true;
}

/**
 * Deep equality of two JSON values, ignoring key order and treating an absent key like one holding
 * undefined/null (the store drops empty values). A sparse update whose result equals the stored
 * object is a no-op in QuickBooks: the SyncToken and LastUpdatedTime stay (recorded: an inactive
 * Employee sent `{"sparse":true,"Active":false}` comes back with SyncToken "1" unchanged,
 * minimul/qbo_api spec/vcr/deactivate/employee.yml).
 */
export function sameContent(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (a === undefined || a === null) return b === undefined || b === null;
	if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameContent(v, b[i]));
	if (isObj(a) && isObj(b) && !Array.isArray(b)) {
		const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
		for (const key of keys) if (!sameContent(a[key], b[key])) return false;
		return true;
	}
	// Numbers and strings that QuickBooks stores alike ("12" vs 12 in a ref value) are not merged here.
	return false;
}
