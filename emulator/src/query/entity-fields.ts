/**
 * Which properties each entity has, and which of them a query may filter (WHERE) or sort (ORDERBY) on.
 *
 * Sources, merged (a field is filterable/sortable when Intuit marks it so for QBO):
 * - Intuit's XSDs, intuit/QuickBooks-V3-Java-SDK ipp-v3-java-data/src/main/xsd/{IntuitBaseTypes,
 *   IntuitNamesTypes,Finance}.xsd, `Filterable:`/`Sortable:` annotations marked ALL or QBO
 *   (Id, MetaData.CreateTime/LastUpdatedTime, Given/Middle/FamilyName, DocNumber, TxnDate, Balance,
 *   Item Name/Sku/Description/Type, TaxCode Name/Active/Hidden, Term Name/Active, …);
 * - Intuit's API reference pages ("filterable", "sortable" per attribute), as transcribed in
 *   Nytely-Official/quickbooks-api src/types/classes/*.ts (Customer DisplayName/PrimaryEmailAddr/
 *   CompanyName, Invoice CustomerRef/DueDate/SalesTermRef/ProjectRef, Account AccountType, …);
 * - recorded live answers: `Customer WHERE CustomerTypeRef = …` → "property 'CustomerTypeRef' is not
 *   queryable"; `Customer WHERE Active IN (true, false)` works (minimul/qbo_api cassettes).
 * The XSD marks many fields "QBW" (desktop only); where no QBO source confirms them they stay NOT
 * filterable here — the stricter choice. Properties listed without a flag exist but cannot be queried
 * (QuickBooks answers "property 'X' is not queryable" rather than "Property X not found").
 */

export type FieldKind = 'id' | 'string' | 'number' | 'boolean' | 'date' | 'datetime' | 'ref' | 'email';

export interface FieldSpec {
	kind: FieldKind;
	filterable: boolean;
	sortable: boolean;
}

export interface EntitySpec {
	/** Canonical name: 'Customer', 'SalesReceipt'. */
	name: string;
	fields: Record<string, FieldSpec>;
	/** Name lists: `select *` leaves out Active=false rows unless the query filters on Active. */
	hidesInactive: boolean;
	/**
	 * The order of a query without ORDERBY. Name lists come back sorted by name (recorded: `SELECT *
	 * FROM Vendor MAXRESULTS 5` pages in DisplayName order, minimul/qbo_api spec/vcr/all/vendors_by_5.yml);
	 * transactions in Id (creation) order.
	 */
	defaultOrder?: string;
	/**
	 * Writes, described for the accounting part (see ../accounting/behaviour.ts, which reads these):
	 * - `createDefaults`: properties QuickBooks fills on create when the request leaves them out
	 *   (recorded create answers, minimul/qbo_api spec/vcr/create/{customer,invoice}.yml);
	 * - `renamedWhenInactive`: made inactive, the name gains " (deleted)" (recorded for Account in
	 *   spec/vcr/deactivate/account.yml, for Employee in spec/vcr/deactivate/employee.yml);
	 * - a sparse update that changes nothing keeps the SyncToken, for every entity (see behaviour.ts).
	 */
	createDefaults?: Record<string, unknown>;
	renamedWhenInactive?: boolean;
}

/** `flags`: 'F' filterable, 'S' sortable, '' exists but not queryable. */
function field(kind: FieldKind, flags: '' | 'F' | 'S' | 'FS'): FieldSpec {
	return { kind, filterable: flags.includes('F'), sortable: flags.includes('S') };
}

/** Properties not listed in any query column: they exist, so a WHERE on them is "not queryable". */
function plain(names: string, kind: FieldKind = 'string'): Record<string, FieldSpec> {
	return Object.fromEntries(names.split(/\s+/).filter(Boolean).map((n) => [n, field(kind, '')]));
}

const COMMON: Record<string, FieldSpec> = {
	Id: field('id', 'FS'),
	'MetaData.CreateTime': field('datetime', 'FS'),
	'MetaData.LastUpdatedTime': field('datetime', 'FS'),
	...plain('SyncToken MetaData domain sparse'),
};

const PERSON_NAMES: Record<string, FieldSpec> = {
	DisplayName: field('string', 'FS'),
	// XSD NameBase: Filterable ALL, Sortable ALL.
	GivenName: field('string', 'FS'),
	MiddleName: field('string', 'FS'),
	FamilyName: field('string', 'FS'),
	PrintOnCheckName: field('string', 'FS'),
	...plain('Title Suffix PrimaryPhone Mobile Fax AlternatePhone WebAddr OtherContactInfo'),
};

/** Header fields every sales/purchase document has but no query may use. */
const TXN_PLAIN = plain(
	'Line PrivateNote TxnTaxDetail LinkedTxn CurrencyRef ExchangeRate CustomField TxnSource ' +
		'DepartmentRef ClassRef TransactionLocationType RecurDataRef TaxExemptionRef GlobalTaxCalculation ' +
		'HomeTotalAmt',
);

const SALES_PLAIN = plain(
	'CustomerMemo BillAddr ShipAddr ShipFromAddr BillEmail BillEmailCc BillEmailBcc PrintStatus EmailStatus ' +
		'DeliveryInfo ApplyTaxAfterDiscount ShipDate TrackingNum ShipMethodRef FreeFormAddress',
);

const ENTITIES: EntitySpec[] = [
	{
		name: 'Customer',
		defaultOrder: 'DisplayName',
		renamedWhenInactive: true,
		createDefaults: { Taxable: true, Job: false, BillWithParent: false, Balance: 0, BalanceWithJobs: 0, PreferredDeliveryMethod: 'Print', Active: true },
		hidesInactive: true,
		fields: {
			...COMMON,
			...PERSON_NAMES,
			PrimaryEmailAddr: field('email', 'F'),
			Active: field('boolean', 'FS'),
			CompanyName: field('string', 'FS'),
			Balance: field('number', 'FS'),
			// XSD: Filterable ALL; API reference: sortable.
			BalanceWithJobs: field('number', 'FS'),
			FullyQualifiedName: field('string', 'FS'),
			...plain('Notes Job BillWithParent ParentRef Level BillAddr ShipAddr Taxable DefaultTaxCodeRef SalesTermRef'),
			...plain('PaymentMethodRef CustomerTypeRef CurrencyRef OpenBalanceDate ResaleNum PreferredDeliveryMethod'),
			...plain('IsProject TaxExemptionReasonId PrimaryTaxIdentifier SecondaryTaxIdentifier ARAccountRef'),
		},
	},
	{
		name: 'Vendor',
		defaultOrder: 'DisplayName',
		renamedWhenInactive: true,
		createDefaults: { Balance: 0, Vendor1099: false, Active: true },
		hidesInactive: true,
		fields: {
			...COMMON,
			...PERSON_NAMES,
			Active: field('boolean', 'FS'),
			CompanyName: field('string', 'FS'),
			Balance: field('number', 'FS'),
			...plain('PrimaryEmailAddr BillAddr AcctNum Vendor1099 TaxIdentifier TermRef CurrencyRef APAccountRef'),
			...plain('BillRate CostRate GSTIN BusinessNumber TaxReportingBasis VendorPaymentBankDetail T4AEligible'),
		},
	},
	{
		name: 'Employee',
		defaultOrder: 'DisplayName',
		renamedWhenInactive: true,
		createDefaults: { Active: true, BillableTime: false },
		hidesInactive: true,
		fields: {
			...COMMON,
			...PERSON_NAMES,
			Active: field('boolean', 'FS'),
			...plain('PrimaryAddr PrimaryEmailAddr EmployeeNumber SSN BillableTime BillRate CostRate BirthDate'),
			...plain('Gender HiredDate ReleasedDate Organization V4IDPseudonym'),
		},
	},
	{
		name: 'Item',
		defaultOrder: 'Name',
		renamedWhenInactive: true,
		createDefaults: { Active: true },
		hidesInactive: true,
		fields: {
			...COMMON,
			Name: field('string', 'FS'),
			Sku: field('string', 'FS'),
			Description: field('string', 'FS'),
			Active: field('boolean', 'FS'),
			Type: field('string', 'FS'),
			FullyQualifiedName: field('string', 'FS'),
			...plain('UnitPrice QtyOnHand PurchaseCost ReorderPoint', 'number'),
			...plain('IncomeAccountRef ExpenseAccountRef AssetAccountRef TrackQtyOnHand InvStartDate PurchaseDesc'),
			...plain('Taxable SalesTaxIncluded PurchaseTaxIncluded SubItem ParentRef Level ClassRef PrefVendorRef'),
			...plain('SalesTaxCodeRef PurchaseTaxCodeRef ItemCategoryType ItemGroupDetail ItemAssemblyDetail'),
			...plain('Source ServiceType AbatementRate ReverseChargeRate TaxClassificationRef PrintGroupedItems'),
		},
	},
	{
		name: 'Account',
		defaultOrder: 'Name',
		renamedWhenInactive: true,
		createDefaults: { Active: true, SubAccount: false, CurrentBalance: 0, CurrentBalanceWithSubAccounts: 0 },
		hidesInactive: true,
		fields: {
			...COMMON,
			Name: field('string', 'FS'),
			FullyQualifiedName: field('string', 'FS'),
			AccountType: field('string', 'FS'),
			AccountSubType: field('string', 'FS'),
			Classification: field('string', 'FS'),
			CurrentBalance: field('number', 'FS'),
			CurrentBalanceWithSubAccounts: field('number', 'FS'),
			Active: field('boolean', 'FS'),
			...plain('SubAccount ParentRef Description AcctNum CurrencyRef TaxCodeRef TxnLocationType'),
		},
	},
	{
		name: 'TaxCode',
		defaultOrder: 'Name',
		hidesInactive: true,
		fields: {
			...COMMON,
			Name: field('string', 'FS'),
			Active: field('boolean', 'F'),
			Hidden: field('boolean', 'F'),
			...plain('Description Taxable TaxGroup SalesTaxRateList PurchaseTaxRateList TaxCodeConfigType'),
		},
	},
	{
		name: 'TaxRate',
		defaultOrder: 'Name',
		hidesInactive: true,
		fields: {
			...COMMON,
			Name: field('string', 'FS'),
			Active: field('boolean', 'F'),
			...plain('RateValue', 'number'),
			...plain('Description AgencyRef TaxReturnLineRef EffectiveTaxRate SpecialTaxType DisplayType OriginalTaxRate'),
		},
	},
	{
		name: 'Term',
		defaultOrder: 'Name',
		hidesInactive: true,
		fields: {
			...COMMON,
			Name: field('string', 'FS'),
			Active: field('boolean', 'F'),
			...plain('Type DueDays DiscountDays DiscountPercent DayOfMonthDue DueNextMonthDays DiscountDayOfMonth'),
		},
	},
	{
		name: 'PaymentMethod',
		defaultOrder: 'Name',
		hidesInactive: true,
		fields: { ...COMMON, Name: field('string', 'FS'), Active: field('boolean', 'F'), ...plain('Type') },
	},
	{
		name: 'Class',
		defaultOrder: 'Name',
		renamedWhenInactive: true,
		hidesInactive: true,
		fields: {
			...COMMON,
			Name: field('string', 'FS'),
			FullyQualifiedName: field('string', 'FS'),
			Active: field('boolean', 'F'),
			...plain('SubClass ParentRef'),
		},
	},
	{
		name: 'Department',
		defaultOrder: 'Name',
		hidesInactive: true,
		fields: {
			...COMMON,
			Name: field('string', 'FS'),
			FullyQualifiedName: field('string', 'FS'),
			Active: field('boolean', 'F'),
			...plain('SubDepartment ParentRef'),
		},
	},
	{
		name: 'Invoice',
		createDefaults: { Deposit: 0, AllowIPNPayment: false, AllowOnlinePayment: false, AllowOnlineCreditCardPayment: false, AllowOnlineACHPayment: false, ApplyTaxAfterDiscount: false, PrintStatus: 'NeedToPrint', EmailStatus: 'NotSet' },
		hidesInactive: false,
		fields: {
			...COMMON,
			...TXN_PLAIN,
			...SALES_PLAIN,
			DocNumber: field('string', 'FS'),
			TxnDate: field('date', 'FS'),
			DueDate: field('date', 'FS'),
			CustomerRef: field('ref', 'F'),
			SalesTermRef: field('ref', 'F'),
			ProjectRef: field('ref', 'F'),
			Balance: field('number', 'FS'),
			// Intuit's Invoice reference: TotalAmt "filterable, sortable" (the XSD marks it QBW only).
			TotalAmt: field('number', 'FS'),
			...plain('HomeBalance Deposit', 'number'),
			...plain('DepositToAccountRef AllowOnlinePayment AllowOnlineCreditCardPayment AllowOnlineACHPayment'),
			...plain('AllowIPNPayment InvoiceLink'),
		},
	},
	{
		name: 'Estimate',
		createDefaults: { ApplyTaxAfterDiscount: false, PrintStatus: 'NeedToPrint', EmailStatus: 'NotSet', TxnStatus: 'Pending' },
		hidesInactive: false,
		fields: {
			...COMMON,
			...TXN_PLAIN,
			...SALES_PLAIN,
			DocNumber: field('string', 'FS'),
			TxnDate: field('date', 'FS'),
			DueDate: field('date', 'FS'),
			CustomerRef: field('ref', 'F'),
			SalesTermRef: field('ref', 'F'),
			ProjectRef: field('ref', 'F'),
			TotalAmt: field('number', 'FS'),
			...plain('TxnStatus ExpirationDate AcceptedDate AcceptedBy'),
		},
	},
	{
		name: 'SalesReceipt',
		createDefaults: { ApplyTaxAfterDiscount: false, PrintStatus: 'NeedToPrint', EmailStatus: 'NotSet', Balance: 0 },
		hidesInactive: false,
		fields: {
			...COMMON,
			...TXN_PLAIN,
			...SALES_PLAIN,
			DocNumber: field('string', 'FS'),
			TxnDate: field('date', 'FS'),
			CustomerRef: field('ref', 'F'),
			ProjectRef: field('ref', 'F'),
			// SalesTransaction.Balance: XSD "Filterable: ALL".
			Balance: field('number', 'F'),
			TotalAmt: field('number', 'FS'),
			...plain('HomeBalance', 'number'),
			...plain('PaymentMethodRef PaymentRefNum DepositToAccountRef CreditCardPayment'),
		},
	},
	{
		name: 'Payment',
		hidesInactive: false,
		fields: {
			...COMMON,
			...TXN_PLAIN,
			TxnDate: field('date', 'FS'),
			TotalAmt: field('number', 'FS'),
			CustomerRef: field('ref', 'F'),
			ProjectRef: field('ref', 'F'),
			...plain('UnappliedAmt', 'number'),
			...plain('DocNumber PaymentRefNum PaymentMethodRef DepositToAccountRef ARAccountRef ProcessPayment CreditCardPayment'),
		},
	},
	{
		name: 'CreditMemo',
		createDefaults: { ApplyTaxAfterDiscount: false, PrintStatus: 'NeedToPrint', EmailStatus: 'NotSet' },
		hidesInactive: false,
		fields: {
			...COMMON,
			...TXN_PLAIN,
			...SALES_PLAIN,
			DocNumber: field('string', 'FS'),
			TxnDate: field('date', 'FS'),
			CustomerRef: field('ref', 'F'),
			ProjectRef: field('ref', 'F'),
			TotalAmt: field('number', 'FS'),
			Balance: field('number', 'FS'),
			...plain('RemainingCredit HomeBalance', 'number'),
			...plain('PaymentMethodRef DepositToAccountRef SalesTermRef'),
		},
	},
	{
		name: 'Bill',
		hidesInactive: false,
		fields: {
			...COMMON,
			...TXN_PLAIN,
			DocNumber: field('string', 'FS'),
			TxnDate: field('date', 'FS'),
			DueDate: field('date', 'FS'),
			VendorRef: field('ref', 'F'),
			SalesTermRef: field('ref', 'F'),
			TotalAmt: field('number', 'FS'),
			Balance: field('number', 'FS'),
			...plain('HomeBalance', 'number'),
			...plain('APAccountRef VendorAddr IncludeInAnnualTPAR'),
		},
	},
	{
		name: 'CompanyInfo',
		hidesInactive: false,
		fields: {
			...COMMON,
			...plain('CompanyName LegalName CompanyAddr LegalAddr CustomerCommunicationAddr CustomerCommunicationEmailAddr'),
			...plain('PrimaryPhone Email WebAddr Country SupportedLanguages FiscalYearStartMonth CompanyStartDate'),
			...plain('EmployerId NameValue'),
		},
	},
	{
		name: 'Preferences',
		hidesInactive: false,
		fields: {
			...COMMON,
			...plain('AccountingInfoPrefs ProductAndServicesPrefs SalesFormsPrefs EmailMessagesPrefs VendorAndPurchasesPrefs'),
			...plain('TimeTrackingPrefs TaxPrefs CurrencyPrefs ReportPrefs OtherPrefs'),
		},
	},
];

/**
 * Entities QuickBooks' query endpoint knows but this table does not describe field by field: a query
 * on them is accepted with any property (their fields' kinds are read from the data itself).
 */
const OTHER_QUERYABLE = [
	'Attachable',
	'BillPayment',
	'Budget',
	'CompanyCurrency',
	'Currency',
	'CustomerType',
	'Deposit',
	'ExchangeRate',
	'JournalCode',
	'JournalEntry',
	'Purchase',
	'PurchaseOrder',
	'RecurringTransaction',
	'RefundReceipt',
	'TaxAgency',
	'TaxClassification',
	'TimeActivity',
	'Transfer',
	'VendorCredit',
];

/** Every entity the FROM clause accepts, keyed by lower-case name. */
const CANONICAL_BY_LOWER = new Map<string, string>(
	[...ENTITIES.map((e) => e.name), ...OTHER_QUERYABLE].map((n) => [n.toLowerCase(), n]),
);

const SPEC_BY_NAME = new Map(ENTITIES.map((e) => [e.name, e]));

/** 'customer' → 'Customer'; undefined when QuickBooks has no such queryable entity. */
export function canonicalEntityName(name: string): string | undefined {
	return CANONICAL_BY_LOWER.get(name.toLowerCase());
}

/** The field table of an entity; undefined for entities queried without a table (see OTHER_QUERYABLE). */
export function entitySpec(entity: string): EntitySpec | undefined {
	return SPEC_BY_NAME.get(entity);
}

const LOWER_FIELDS = new Map(ENTITIES.map((e) => [e.name, new Map(Object.keys(e.fields).map((f) => [f.toLowerCase(), f]))]));

/** A property of an entity, found without regard to case (`id` → `Id`); undefined when it has no such property. */
export function lookupField(spec: EntitySpec, name: string): { name: string; field: FieldSpec } | undefined {
	const exact = spec.fields[name];
	if (exact) return { name, field: exact };
	const canonical = LOWER_FIELDS.get(spec.name)?.get(name.toLowerCase());
	return canonical ? { name: canonical, field: spec.fields[canonical] } : undefined;
}

/** Every entity with a field table (for other parts and tests). */
export function describedEntities(): readonly EntitySpec[] {
	return ENTITIES;
}
