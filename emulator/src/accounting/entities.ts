import { billRules } from './bills';
import { accountRules, classRules, paymentMethodRules, readOnlyRules, termRules } from './lists';
import { customerRules, employeeRules, vendorRules } from './names';
import { itemRules } from './items';
import { paymentRules } from './payments';
import { preferencesRules } from './preferences';
import { creditMemoRules, estimateRules, invoiceRules, salesReceiptRules } from './sales';
import type { EntityRules } from './types';

/** Every entity the accounting layer serves, by canonical name. */
export const RULES: ReadonlyMap<string, EntityRules> = new Map(
	[
		customerRules,
		vendorRules,
		employeeRules,
		itemRules,
		accountRules,
		termRules,
		paymentMethodRules,
		classRules,
		...readOnlyRules,
		preferencesRules,
		invoiceRules,
		estimateRules,
		salesReceiptRules,
		creditMemoRules,
		paymentRules,
		billRules,
	].map((r) => [r.name, r]),
);

const BY_PATH = new Map([...RULES.keys()].map((name) => [name.toLowerCase(), name]));

/** URL segment ('salesreceipt', '/Invoice') → canonical entity name. */
export function entityForPath(segment: string): string | undefined {
	return BY_PATH.get(segment.replace(/^\/+/, '').toLowerCase());
}

/** The word QuickBooks uses for an entity's table in "Invalid Reference Id" details. */
export function referenceWord(entity: string): string {
	const words: Record<string, string> = { Account: 'Accounts', Customer: 'Names', Vendor: 'Names', Employee: 'Names', Class: 'Klasses', Term: 'SalesTerm' };
	return words[entity] ?? entity;
}
