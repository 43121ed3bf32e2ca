import type { IDataObject } from 'n8n-workflow';

/** The custom fields declared in Preferences.SalesFormsPrefs.CustomField, with their DefinitionId. */
export function declaredCustomFields(preferencesResponse: IDataObject): Array<{ name: string; definitionId: string }> {
	const preferences = (preferencesResponse.Preferences ?? preferencesResponse) as IDataObject;
	const sales = (preferences.SalesFormsPrefs ?? {}) as IDataObject;
	const entries = ((sales.CustomField ?? []) as IDataObject[]).flatMap((group) => (group.CustomField ?? []) as IDataObject[]);
	// Declared as SalesFormsPrefs.UseSalesCustomNameN (on/off) + SalesFormsPrefs.SalesCustomNameN (the label).
	const used = (n: string) => entries.find((entry) => entry.Name === `SalesFormsPrefs.UseSalesCustomName${n}`)?.BooleanValue !== false;
	const fields: Array<{ name: string; definitionId: string }> = [];
	for (const entry of entries) {
		const match = /^SalesFormsPrefs\.SalesCustomName(\d+)$/.exec(String(entry.Name ?? ''));
		if (match && entry.StringValue && used(match[1])) fields.push({ name: String(entry.StringValue), definitionId: match[1] });
	}
	return fields;
}
