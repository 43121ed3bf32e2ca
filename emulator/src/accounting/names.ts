import { duplicateName, invalidProperty, noNameProvided, requiredMissing } from './faults';
import type { EntityRules, WriteContext } from './types';
import { bool, maxLen, nameForState, refId, round2, str, type Obj } from './values';

/** Customer, Vendor and Employee: the "names" that share one DisplayName namespace. */

const PERSON_PARTS = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'] as const;

/** Length limits from Intuit's schema. */
const LIMITS: Record<string, number> = {
	Title: 16,
	GivenName: 100,
	MiddleName: 100,
	FamilyName: 100,
	Suffix: 16,
	DisplayName: 500,
	CompanyName: 100,
	PrintOnCheckName: 110,
	Notes: 2000,
	ResaleNum: 16,
	AcctNum: 100,
	EmployeeNumber: 100,
};

/** Uniqueness key for a DisplayName: trimmed and case-folded (QuickBooks treats "ACME" and "Acme" as the same name). */
export function nameKey(displayName: string): string {
	return `name:${displayName.trim().toLowerCase()}`;
}

function checkLengths(input: Obj): void {
	for (const [field, max] of Object.entries(LIMITS)) maxLen(input[field], max, field);
	if (typeof input.PrimaryEmailAddr === 'object' && input.PrimaryEmailAddr !== null) {
		maxLen((input.PrimaryEmailAddr as Obj).Address, 100, 'PrimaryEmailAddr.Address');
	}
	for (const phone of ['PrimaryPhone', 'AlternatePhone', 'Mobile', 'Fax']) {
		const p = input[phone];
		if (typeof p === 'object' && p !== null) maxLen((p as Obj).FreeFormNumber, 30, `${phone}.FreeFormNumber`);
	}
}

/** DisplayName as given, else composed from the person's name parts as QuickBooks does. */
function displayNameOf(input: Obj): string {
	const given = str(input.DisplayName);
	if (given) return given;
	const parts = PERSON_PARTS.map((p) => str(input[p])).filter((p): p is string => p !== undefined);
	if (parts.length === 0) throw noNameProvided();
	return parts.join(' ');
}

function currencyRef(ctx: WriteContext): Obj {
	return ctx.realm.country === 'CA' ? { value: 'CAD', name: 'Canadian Dollar' } : { value: 'USD', name: 'United States Dollar' };
}

/** Fields every name shares; returns the object to store. */
function buildCommon(ctx: WriteContext, entity: string, input: Obj, prev: Obj | undefined): Obj {
	checkLengths(input);
	const active = bool(input.Active);
	if (input.Active !== undefined && active === undefined) throw invalidProperty('Active');
	const given = displayNameOf(input);
	const displayName = nameForState(given, active ?? true, prev?.Active === false);
	const holder = ctx.holder(nameKey(displayName));
	if (holder && !(holder.entity === entity && holder.id === prev?.Id)) throw duplicateName(holder.id);
	return {
		...input,
		DisplayName: displayName,
		PrintOnCheckName: str(input.PrintOnCheckName) ?? nameForState(given, true, true),
		Active: active ?? true,
		// Employees carry no currency in QuickBooks' schema.
		CurrencyRef: entity === 'Employee' ? undefined : currencyRef(ctx),
	};
}

function buildCustomer(ctx: WriteContext, input: Obj, prev: Obj | undefined): Obj {
	const out = buildCommon(ctx, 'Customer', input, prev);
	const parentId = refId(input.ParentRef);
	// A customer under a parent is a sub-customer (job) whether or not Job was sent.
	const job = (bool(input.Job) ?? false) || parentId !== undefined;
	if (job && !parentId) throw requiredMissing('ParentRef');
	let fqn = out.DisplayName as string;
	let level = 0;
	if (parentId) {
		if (parentId === prev?.Id) throw invalidProperty('ParentRef');
		const parent = ctx.ref('Customer', input.ParentRef, 'ParentRef');
		fqn = `${parent.FullyQualifiedName as string}:${fqn}`;
		level = Number(parent.Level ?? 0) + 1;
		// QuickBooks nests customers at most five deep (a customer plus four sub-levels).
		if (level > 4) throw invalidProperty('ParentRef');
		out.ParentRef = { value: parentId, name: parent.DisplayName };
	}
	if (input.SalesTermRef !== undefined) ctx.ref('Term', input.SalesTermRef, 'SalesTermRef');
	if (input.PaymentMethodRef !== undefined) ctx.ref('PaymentMethod', input.PaymentMethodRef, 'PaymentMethodRef');
	if (input.DefaultTaxCodeRef !== undefined) ctx.ref('TaxCode', input.DefaultTaxCodeRef, 'DefaultTaxCodeRef');
	const balance = Number(prev?.Balance ?? 0);
	return {
		...out,
		Job: job,
		BillWithParent: bool(input.BillWithParent) ?? false,
		IsProject: bool(input.IsProject) ?? undefined,
		Taxable: bool(input.Taxable) ?? ctx.realm.country === 'US',
		FullyQualifiedName: fqn,
		Level: parentId ? level : undefined,
		Balance: balance,
		BalanceWithJobs: Number(prev?.BalanceWithJobs ?? balance),
		PreferredDeliveryMethod: str(input.PreferredDeliveryMethod) ?? 'Print',
	};
}

/** Keeps children's FullyQualifiedName in step when a customer is renamed or moved. */
function renameChildren(ctx: WriteContext, parent: Obj): void {
	const customers = ctx.realm.tables.get('Customer');
	if (!customers) return;
	for (const child of customers.values()) {
		if (refId(child.ParentRef) !== parent.Id) continue;
		const fqn = `${parent.FullyQualifiedName as string}:${child.DisplayName as string}`;
		if (child.FullyQualifiedName === fqn) continue;
		ctx.touch('Customer', child.Id as string, (c) => {
			c.FullyQualifiedName = fqn;
			c.Level = Number(parent.Level ?? 0) + 1;
			(c.ParentRef as Obj).name = parent.DisplayName;
		});
		renameChildren(ctx, ctx.get('Customer', child.Id as string) as Obj);
	}
}

/** Making a customer inactive makes its sub-customers inactive too (renamed "X (deleted)" like any inactive name). */
function deactivateChildren(ctx: WriteContext, parent: Obj): void {
	for (const child of [...(ctx.realm.tables.get('Customer')?.values() ?? [])]) {
		if (refId(child.ParentRef) !== parent.Id || child.Active === false) continue;
		ctx.touch('Customer', child.Id as string, (c) => {
			c.Active = false;
			c.DisplayName = nameForState(String(c.DisplayName), false, false);
		});
		deactivateChildren(ctx, ctx.get('Customer', child.Id as string) as Obj);
	}
}

function buildVendor(ctx: WriteContext, input: Obj, prev: Obj | undefined): Obj {
	const out = buildCommon(ctx, 'Vendor', input, prev);
	if (input.TermRef !== undefined) ctx.ref('Term', input.TermRef, 'TermRef');
	return { ...out, Balance: round2(Number(prev?.Balance ?? 0)), Vendor1099: bool(input.Vendor1099) ?? false };
}

function buildEmployee(ctx: WriteContext, input: Obj, prev: Obj | undefined): Obj {
	return buildCommon(ctx, 'Employee', input, prev);
}

const keys = (obj: Obj): string[] => [nameKey(String(obj.DisplayName))];

export const customerRules: EntityRules = {
	name: 'Customer',
	kind: 'name',
	sequence: 'name',
	build: buildCustomer,
	keys,
	afterWrite(ctx, next, prev) {
		if (prev && prev.Active !== false && next.Active === false) deactivateChildren(ctx, next);
		if (prev && prev.FullyQualifiedName !== next.FullyQualifiedName) renameChildren(ctx, ctx.get('Customer', String(next.Id)) as Obj);
	},
};

export const vendorRules: EntityRules = { name: 'Vendor', kind: 'name', sequence: 'name', build: buildVendor, keys };

export const employeeRules: EntityRules = { name: 'Employee', kind: 'name', sequence: 'name', build: buildEmployee, keys };
