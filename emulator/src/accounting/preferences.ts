import { invalidProperty, unsupportedOperation } from './faults';
import type { EntityRules } from './types';
import { isObj, type Obj } from './values';

/**
 * Preferences: one object per company, read with GET /preferences and changed with POST /preferences
 * carrying Id and the current SyncToken (5010 when stale, like any entity). Intuit's reference
 * describes the update as sparse in effect: the sections and settings sent replace those stored, the
 * rest stays; a full update is read the same way here (QuickBooks never clears company settings that
 * were left out). It cannot be created or deleted.
 */

/** The sections of Intuit's Preferences object (Finance.xsd, Preferences). */
const SECTIONS = new Set([
	'AccountingInfoPrefs',
	'AdvancedInventoryPrefs',
	'ProductAndServicesPrefs',
	'SalesFormsPrefs',
	'EmailMessagesPrefs',
	'PrintDocumentPrefs',
	'VendorAndPurchasesPrefs',
	'TimeTrackingPrefs',
	'TaxPrefs',
	'FinanceChargesPrefs',
	'CurrencyPrefs',
	'ReportPrefs',
	'OtherPrefs',
]);

/**
 * Settings an app can read but not change (Intuit: Preferences are "mostly exposed as read-only ... with only
 * a very small subset of them available as writable"). Which ones exactly is not listed field by field; these
 * are the ones no company can change through the API (its sales-tax setup and home currency), refused when
 * sent with another value (the same value, as a client echoing the object back sends it, passes).
 */
const READ_ONLY = ['TaxPrefs', 'CurrencyPrefs.HomeCurrency'];

function readPath(o: unknown, path: string): unknown {
	return path.split('.').reduce<unknown>((v, key) => (isObj(v) ? v[key] : undefined), o);
}

/** `sent` laid over `stored`, object by object; arrays and values replace. */
function merged(stored: unknown, sent: unknown): unknown {
	if (!isObj(stored) || !isObj(sent)) return sent;
	const out: Obj = { ...stored };
	for (const key in sent) out[key] = merged(stored[key], sent[key]);
	return out;
}

export const preferencesRules: EntityRules = {
	name: 'Preferences',
	kind: 'list',
	sequence: 'Preferences',
	build(_ctx, input, prev) {
		if (!prev) throw unsupportedOperation('Create');
		const out: Obj = {};
		for (const key in prev) out[key] = prev[key];
		for (const key in input) {
			if (!SECTIONS.has(key)) throw invalidProperty(key);
			if (!isObj(input[key])) throw invalidProperty(key);
			out[key] = merged(prev[key], input[key]);
		}
		for (const path of READ_ONLY) {
			if (JSON.stringify(readPath(out, path)) !== JSON.stringify(readPath(prev, path))) throw invalidProperty(path);
		}
		return out;
	},
};
