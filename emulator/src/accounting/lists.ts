import { duplicateName, invalidEnumeration, requiredMissing } from './faults';
import type { EntityRules, WriteContext } from './types';
import { renamedWhenInactive } from './behaviour';
import { bool, maxLen, nameForState, num, str, type Obj } from './values';

/** Simple list entities: accounts, terms, payment methods, classes, and the read-only tax and company lists. */

/** AccountType → Classification, as QuickBooks derives it. */
const ACCOUNT_TYPES: Record<string, string> = {
	Bank: 'Asset',
	'Other Current Asset': 'Asset',
	'Fixed Asset': 'Asset',
	'Other Asset': 'Asset',
	'Accounts Receivable': 'Asset',
	Equity: 'Equity',
	Expense: 'Expense',
	'Other Expense': 'Expense',
	'Cost of Goods Sold': 'Expense',
	'Accounts Payable': 'Liability',
	'Credit Card': 'Liability',
	'Long Term Liability': 'Liability',
	'Other Current Liability': 'Liability',
	Income: 'Revenue',
	'Other Income': 'Revenue',
};

/** A list whose Name is unique within the entity (case-folded). */
function uniqueNamed(entity: string, maxName: number, extra: (ctx: WriteContext, input: Obj, out: Obj) => void): EntityRules {
	const key = (name: string) => `${entity}:${name.trim().toLowerCase()}`;
	return {
		name: entity,
		kind: 'name',
		sequence: entity,
		keys: (obj) => [key(String(obj.Name))],
		build(ctx, input, prev) {
			const given = str(input.Name);
			if (!given) throw requiredMissing('Name');
			maxLen(given, maxName, 'Name');
			const active = bool(input.Active) ?? true;
			// Accounts and classes made inactive are renamed "X (deleted)", as QuickBooks does.
			const name = renamedWhenInactive(entity) ? nameForState(given, active, prev?.Active === false) : given;
			const holder = ctx.holder(key(name));
			if (holder && holder.id !== prev?.Id) throw duplicateName(holder.id);
			const out: Obj = { ...input, Name: name, Active: active };
			extra(ctx, input, out);
			return out;
		},
	};
}

export const accountRules = uniqueNamed('Account', 100, (ctx, input, out) => {
	const type = str(input.AccountType);
	if (!type) throw requiredMissing('AccountType');
	if (!(type in ACCOUNT_TYPES)) throw invalidEnumeration('AccountType', type);
	maxLen(input.Description, 100, 'Description');
	maxLen(input.AcctNum, 20, 'AcctNum');
	out.Classification = ACCOUNT_TYPES[type];
	out.FullyQualifiedName = out.Name;
	out.SubAccount = false;
	out.CurrentBalance = num(out.CurrentBalance, 'CurrentBalance') ?? 0;
	out.CurrentBalanceWithSubAccounts = out.CurrentBalance;
	out.CurrencyRef = ctx.realm.country === 'CA' ? { value: 'CAD', name: 'Canadian Dollar' } : { value: 'USD', name: 'United States Dollar' };
});

export const termRules = uniqueNamed('Term', 31, (_ctx, input, out) => {
	out.Type = str(input.Type) ?? 'STANDARD';
	if (out.Type === 'STANDARD') out.DueDays = num(input.DueDays, 'DueDays') ?? 0;
	out.DiscountPercent = num(input.DiscountPercent, 'DiscountPercent') ?? undefined;
});

export const paymentMethodRules = uniqueNamed('PaymentMethod', 31, (_ctx, input, out) => {
	const type = str(input.Type) ?? 'NON_CREDIT_CARD';
	if (type !== 'CREDIT_CARD' && type !== 'NON_CREDIT_CARD') throw invalidEnumeration('Type', type);
	out.Type = type;
});

export const classRules = uniqueNamed('Class', 100, (_ctx, _input, out) => {
	out.SubClass = false;
	out.FullyQualifiedName = out.Name;
});

/** Entities QuickBooks lets an app read and query but that this emulator does not let it write. */
export const readOnlyRules: EntityRules[] = ['TaxCode', 'TaxRate', 'CompanyInfo'].map((name) => ({
	name,
	kind: 'readonly',
	sequence: name,
}));
