import { invalidProperty, invalidReference, requiredMissing } from './faults';
import type { WriteContext } from './types';
import { isObj, maxLen, str, type Obj } from './values';

/** Sales custom fields: the three the company declares in Preferences, by DefinitionId. */

/** QuickBooks keeps at most 31 characters in a sales custom field. */
const CUSTOM_FIELD_MAX = 31;

/** The sales custom fields the company declared (Preferences.SalesFormsPrefs.CustomField). */
export function declaredCustomFields(prefs: Obj): { id: string; name: string }[] {
	const cached = declaredCache.get(prefs);
	if (cached) return cached;
	const groups = ((prefs.SalesFormsPrefs as Obj | undefined)?.CustomField as Obj[] | undefined) ?? [];
	const flat = groups.flatMap((g) => (g.CustomField as Obj[] | undefined) ?? []);
	const value = (name: string) => flat.find((f) => f.Name === name);
	const out: { id: string; name: string }[] = [];
	for (let n = 1; n <= 3; n++) {
		const use = value(`SalesFormsPrefs.UseSalesCustomName${n}`);
		const name = value(`SalesFormsPrefs.SalesCustomName${n}`);
		if (use?.BooleanValue === true && typeof name?.StringValue === 'string') out.push({ id: String(n), name: name.StringValue });
	}
	declaredCache.set(prefs, out);
	return out;
}

/** Preferences objects are replaced, never changed in place, so their declarations can be cached by identity. */
const declaredCache = new WeakMap<Obj, { id: string; name: string }[]>();

/** The CustomField array to store: every declared field, with the values sent; unknown ids refused. */
export function customFields(ctx: WriteContext, input: Obj): Obj[] {
	const declared = declaredCustomFields(ctx.prefs());
	const sent = input.CustomField === undefined ? [] : input.CustomField;
	if (!Array.isArray(sent)) throw invalidProperty('CustomField');
	const values = new Map<string, string>();
	for (const field of sent) {
		if (!isObj(field)) throw invalidProperty('CustomField');
		const id = str(field.DefinitionId);
		if (!id) throw requiredMissing('CustomField.DefinitionId');
		if (!declared.some((d) => d.id === id)) throw invalidReference('CustomField', id, 'CustomField.DefinitionId');
		const value = field.StringValue;
		if (value !== undefined && value !== null) {
			maxLen(String(value), CUSTOM_FIELD_MAX, 'CustomField.StringValue');
			values.set(id, String(value));
		}
	}
	return declared.map((d) => ({ DefinitionId: d.id, Name: d.name, Type: 'StringType', ...(values.has(d.id) ? { StringValue: values.get(d.id) } : {}) }));
}
