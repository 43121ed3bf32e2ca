import type { Obj } from './values';

/**
 * The two demo companies: a US one and a Canadian one, each with a small chart of accounts, terms,
 * payment methods, tax codes and a handful of names and items. Kept small on purpose.
 * List entities below are stored as they are (fixed ids); names and items go through the real rules.
 */

export const US_REALM = '9130354337211001';
export const CA_REALM = '9130354337211002';

export interface CompanySeed {
	realmId: string;
	country: 'US' | 'CA';
	/** Stored as-is, ids fixed. */
	fixed: { entity: string; rows: Obj[] }[];
	/** Created through the entity rules, in order. */
	created: { entity: string; body: Obj }[];
}

const accounts = (ca: boolean): Obj[] => [
	{ Id: '1', Name: 'Services', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome', Classification: 'Revenue' },
	{ Id: '2', Name: 'Sales of Product Income', AccountType: 'Income', AccountSubType: 'SalesOfProductIncome', Classification: 'Revenue' },
	{ Id: '3', Name: 'Cost of Goods Sold', AccountType: 'Cost of Goods Sold', AccountSubType: 'SuppliesMaterialsCogs', Classification: 'Expense' },
	{ Id: '4', Name: 'Inventory Asset', AccountType: 'Other Current Asset', AccountSubType: 'Inventory', Classification: 'Asset' },
	{ Id: '5', Name: 'Checking', AccountType: 'Bank', AccountSubType: 'Checking', Classification: 'Asset' },
	{ Id: '6', Name: 'Undeposited Funds', AccountType: 'Other Current Asset', AccountSubType: 'UndepositedFunds', Classification: 'Asset' },
	{ Id: '7', Name: 'Accounts Receivable (A/R)', AccountType: 'Accounts Receivable', AccountSubType: 'AccountsReceivable', Classification: 'Asset' },
	{ Id: '8', Name: 'Accounts Payable (A/P)', AccountType: 'Accounts Payable', AccountSubType: 'AccountsPayable', Classification: 'Liability' },
	{ Id: '9', Name: 'Discounts given', AccountType: 'Income', AccountSubType: 'DiscountsRefundsGiven', Classification: 'Revenue' },
	{ Id: '10', Name: 'Office Expenses', AccountType: 'Expense', AccountSubType: 'OfficeGeneralAdministrativeExpenses', Classification: 'Expense' },
	{
		Id: '11',
		Name: ca ? 'GST/HST Payable' : 'Sales Tax Payable',
		AccountType: 'Other Current Liability',
		AccountSubType: ca ? 'GlobalTaxPayable' : 'SalesTaxPayable',
		Classification: 'Liability',
	},
].map((a) => ({
	...a,
	FullyQualifiedName: a.Name,
	SubAccount: false,
	Active: true,
	CurrentBalance: 0,
	CurrentBalanceWithSubAccounts: 0,
	CurrencyRef: ca ? { value: 'CAD', name: 'Canadian Dollar' } : { value: 'USD', name: 'United States Dollar' },
}));

const terms: Obj[] = [
	{ Id: '1', Name: 'Due on receipt', DueDays: 0 },
	{ Id: '2', Name: 'Net 15', DueDays: 15 },
	{ Id: '3', Name: 'Net 30', DueDays: 30 },
	{ Id: '4', Name: 'Net 60', DueDays: 60 },
].map((t) => ({ ...t, Active: true, Type: 'STANDARD' }));

const paymentMethods: Obj[] = [
	{ Id: '1', Name: 'Cash', Type: 'NON_CREDIT_CARD' },
	{ Id: '2', Name: 'Check', Type: 'NON_CREDIT_CARD' },
	{ Id: '3', Name: 'Credit Card', Type: 'CREDIT_CARD' },
	{ Id: '4', Name: 'Visa', Type: 'CREDIT_CARD' },
	{ Id: '5', Name: 'MasterCard', Type: 'CREDIT_CARD' },
].map((p) => ({ ...p, Active: true }));

function taxRate(id: string, name: string, rate: number, agency: string): Obj {
	return { Id: id, Name: name, Description: name, Active: true, RateValue: rate, AgencyRef: { value: agency }, SpecialTaxType: 'NONE', DisplayType: 'ReadOnly' };
}

/** A tax code whose sales and purchase sides use the same rates. */
function taxCode(id: string, name: string, description: string, rates: Obj[], taxable = true): Obj {
	const list = { TaxRateDetail: rates.map((r, i) => ({ TaxRateRef: { value: r.Id, name: r.Name }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: i })) };
	return { Id: id, Name: name, Description: description, Active: true, Hidden: false, Taxable: taxable, TaxGroup: rates.length > 1, SalesTaxRateList: list, PurchaseTaxRateList: list };
}

const usRates = [taxRate('1', 'California', 8, '1')];
const usCodes = [
	{ Id: 'TAX', Name: 'TAX', Description: 'TAX', Active: true, Taxable: true, TaxGroup: false },
	{ Id: 'NON', Name: 'NON', Description: 'NON', Active: true, Taxable: false, TaxGroup: false },
	taxCode('2', 'California', 'California sales tax', usRates),
];

const caRates = [
	taxRate('1', 'GST', 5, '1'),
	taxRate('2', 'HST ON', 13, '1'),
	taxRate('3', 'HST NS', 14, '1'),
	taxRate('4', 'HST NB', 15, '1'),
	taxRate('5', 'HST NL', 15, '1'),
	taxRate('6', 'HST PE', 15, '1'),
	taxRate('7', 'PST BC', 7, '2'),
	taxRate('8', 'PST MB', 7, '3'),
	taxRate('9', 'QST', 9.975, '4'),
	taxRate('10', 'PST SK', 6, '5'),
	taxRate('11', 'Exempt', 0, '1'),
	taxRate('12', 'Zero-rated', 0, '1'),
	taxRate('13', 'Out of scope', 0, '1'),
];
const r = (name: string) => caRates.find((x) => x.Name === name) as Obj;
const caCodes = [
	taxCode('3', 'GST', 'GST', [r('GST')]),
	taxCode('4', 'HST ON', 'HST Ontario', [r('HST ON')]),
	taxCode('5', 'HST NS', 'HST Nova Scotia', [r('HST NS')]),
	taxCode('6', 'HST NB', 'HST New Brunswick', [r('HST NB')]),
	taxCode('7', 'HST NL', 'HST Newfoundland and Labrador', [r('HST NL')]),
	taxCode('8', 'HST PE', 'HST Prince Edward Island', [r('HST PE')]),
	taxCode('9', 'GST/PST BC', 'GST/PST British Columbia', [r('GST'), r('PST BC')]),
	taxCode('10', 'GST/PST MB', 'GST/RST Manitoba', [r('GST'), r('PST MB')]),
	taxCode('11', 'GST/QST QC', 'GST/QST Quebec', [r('GST'), r('QST')]),
	taxCode('12', 'GST/PST SK', 'GST/PST Saskatchewan', [r('GST'), r('PST SK')]),
	taxCode('13', 'Exempt', 'Exempt', [r('Exempt')], false),
	taxCode('14', 'Zero-rated', 'Zero-rated', [r('Zero-rated')], false),
	taxCode('15', 'Out of scope', 'Out of scope', [r('Out of scope')], false),
];

function preferences(ca: boolean): Obj {
	const flag = (n: number, on: boolean) => ({ Name: `SalesFormsPrefs.UseSalesCustomName${n}`, Type: 'BooleanType', BooleanValue: on });
	const label = (n: number, name: string) => ({ Name: `SalesFormsPrefs.SalesCustomName${n}`, Type: 'StringType', StringValue: name });
	return {
		Id: '1',
		AccountingInfoPrefs: { TrackDepartments: false, DepartmentTerminology: 'Location', ClassTrackingPerTxn: false, ClassTrackingPerTxnLine: true, CustomerTerminology: 'Customers' },
		ProductAndServicesPrefs: { ForSales: true, ForPurchase: true, QuantityWithPriceAndRate: true, QuantityOnHand: true },
		SalesFormsPrefs: {
			CustomField: [
				{ CustomField: [flag(1, true), flag(2, true), flag(3, true)] },
				{ CustomField: [label(1, 'PO Number'), label(2, 'Tracking No'), label(3, 'Shipping Method')] },
			],
			CustomTxnNumbers: false,
			AllowDeposit: true,
			AllowDiscount: true,
			DefaultDiscountAccount: '9',
			AllowEstimates: true,
			EstimateMessage: 'Please review the estimate below.',
			ETransactionEnabledStatus: 'NotApplicable',
			AllowServiceDate: true,
			AllowShipping: false,
			DefaultTerms: { value: '3' },
			UsingPriceLevels: false,
			UsingProgressInvoicing: false,
			IPNSupportEnabled: false,
		},
		EmailMessagesPrefs: {
			InvoiceMessage: { Subject: 'Invoice from Sandbox Company', Message: 'Your invoice is attached.' },
			EstimateMessage: { Subject: 'Estimate from Sandbox Company', Message: 'Please review the estimate.' },
			SalesReceiptMessage: { Subject: 'Sales Receipt from Sandbox Company', Message: 'Your sales receipt is attached.' },
		},
		VendorAndPurchasesPrefs: { TrackingByCustomer: true, BillableExpenseTracking: true, DefaultTerms: { value: '3' } },
		TimeTrackingPrefs: { UseServices: true, BillCustomers: true, ShowBillRateToAll: false, WorkWeekStartDate: 'Monday', MarkTimeEntriesBillable: true },
		TaxPrefs: ca ? { UsingSalesTax: true, PartnerTaxEnabled: false } : { UsingSalesTax: true, PartnerTaxEnabled: false, TaxGroupCodeRef: { value: '2' } },
		CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: ca ? 'CAD' : 'USD' } },
		ReportPrefs: { ReportBasis: 'Accrual', CalcAgingReportFromTxnDate: false },
		OtherPrefs: { NameValue: [{ Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business.' }] },
	};
}

function companyInfo(ca: boolean, realmId: string): Obj {
	const addr = ca
		? { Id: '1', Line1: '100 King St W', City: 'Toronto', CountrySubDivisionCode: 'ON', PostalCode: 'M5X 1A9', Country: 'CA' }
		: { Id: '1', Line1: '123 Sierra Way', City: 'San Pablo', CountrySubDivisionCode: 'CA', PostalCode: '87999', Country: 'US' };
	const name = ca ? 'Sandbox Company CA' : 'Sandbox Company US';
	return {
		Id: '1',
		CompanyName: name,
		LegalName: name,
		CompanyAddr: addr,
		CustomerCommunicationAddr: addr,
		LegalAddr: addr,
		PrimaryPhone: { FreeFormNumber: ca ? '(416) 555-0100' : '(650) 555-0100' },
		CompanyStartDate: '2025-01-01',
		FiscalYearStartMonth: 'January',
		Country: ca ? 'CA' : 'US',
		Email: { Address: 'noreply@quickbooks.com' },
		WebAddr: {},
		SupportedLanguages: 'en',
		NameValue: [
			{ Name: 'NeoEnabled', Value: 'true' },
			{ Name: 'IndustryType', Value: 'Services' },
			{ Name: 'CompanyType', Value: 'Other' },
			{ Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
			{ Name: 'IsQbdtMigrated', Value: 'false' },
			{ Name: 'ItemCategoriesFeature', Value: 'true' },
			{ Name: 'RealmId', Value: realmId },
		],
	};
}

const addr = (line1: string, city: string, region: string, postal: string) => ({ Line1: line1, City: city, CountrySubDivisionCode: region, PostalCode: postal });

function names(ca: boolean): { entity: string; body: Obj }[] {
	const customers = ca
		? [
				{ DisplayName: 'Maple Leaf Café', CompanyName: 'Maple Leaf Café', PrimaryEmailAddr: { Address: 'orders@mapleleafcafe.example' }, BillAddr: addr('12 Queen St', 'Toronto', 'ON', 'M5H 2M9') },
				{ DisplayName: 'Chez Jacques Bistro', GivenName: 'Jacques', FamilyName: 'Bélanger', PrimaryEmailAddr: { Address: 'jacques@chezjacques.example' }, BillAddr: addr('450 rue Saint-Paul', 'Montréal', 'QC', 'H2Y 1H8') },
				{ DisplayName: 'Pacific Rim Outfitters', BillAddr: addr('800 Granville St', 'Vancouver', 'BC', 'V6Z 1K3') },
			]
		: [
				{ DisplayName: "Amy's Bird Sanctuary", GivenName: 'Amy', FamilyName: 'Lauterbach', CompanyName: "Amy's Bird Sanctuary", PrimaryEmailAddr: { Address: 'birds@intuit.example' }, BillAddr: addr('4581 Finch St.', 'Bayshore', 'CA', '94326') },
				{ DisplayName: 'Cool Cars', CompanyName: 'Cool Cars', PrimaryEmailAddr: { Address: 'cool_cars@intuit.example' }, BillAddr: addr('65 Ocean Dr.', 'Half Moon Bay', 'CA', '94213') },
				{ DisplayName: "Bill's Windsurf Shop", CompanyName: "Bill's Windsurf Shop", BillAddr: addr('12 Ocean Dr.', 'Half Moon Bay', 'CA', '94213') },
				{ DisplayName: 'Freeman Sporting Goods', CompanyName: 'Freeman Sporting Goods', PrimaryEmailAddr: { Address: 'sporting_goods@intuit.example' } },
			];
	const out: { entity: string; body: Obj }[] = customers.map((body) => ({ entity: 'Customer', body }));
	if (!ca) out.push({ entity: 'Customer', body: { DisplayName: '0969 Ocean View Road', Job: true, ParentRef: { value: '4' }, BillWithParent: true } });
	for (const body of [
		// The trap: a company a user will naturally try to create as a customer already exists as a vendor.
		{ DisplayName: 'Acme Facilities Ltd', CompanyName: 'Acme Facilities Ltd', PrimaryEmailAddr: { Address: 'billing@acmefacilities.example' } },
		{ DisplayName: 'Books by Bessie', CompanyName: 'Books by Bessie' },
		{ DisplayName: 'Hicks Hardware', CompanyName: 'Hicks Hardware' },
	]) out.push({ entity: 'Vendor', body });
	out.push({ entity: 'Employee', body: { GivenName: 'Emily', FamilyName: 'Platt' } });
	out.push({ entity: 'Employee', body: { GivenName: 'John', FamilyName: 'Johnson' } });
	return out;
}

function items(): { entity: string; body: Obj }[] {
	return [
		{ Name: 'Services', Type: 'Service', IncomeAccountRef: { value: '1' } },
		{ Name: 'Design', Type: 'Service', Description: 'Custom Design', UnitPrice: 75, IncomeAccountRef: { value: '1' } },
		{ Name: 'Installation', Type: 'Service', Description: 'Installation of landscape design', UnitPrice: 50, IncomeAccountRef: { value: '1' } },
		{ Name: 'Shipping', Type: 'NonInventory', UnitPrice: 15, IncomeAccountRef: { value: '2' } },
		{ Name: 'Landscaping', Type: 'Category' },
		{
			Name: 'Rock Fountain',
			Type: 'Inventory',
			Description: 'Rock Fountain',
			UnitPrice: 275,
			PurchaseCost: 125,
			IncomeAccountRef: { value: '2' },
			ExpenseAccountRef: { value: '3' },
			AssetAccountRef: { value: '4' },
			TrackQtyOnHand: true,
			QtyOnHand: 2,
			InvStartDate: '2025-01-01',
		},
		{ Name: 'Pump', Type: 'NonInventory', Description: 'Fountain pump', UnitPrice: 15, Taxable: true, IncomeAccountRef: { value: '2' } },
	].map((body) => ({ entity: 'Item', body }));
}

function company(realmId: string, ca: boolean): CompanySeed {
	return {
		realmId,
		country: ca ? 'CA' : 'US',
		fixed: [
			{ entity: 'CompanyInfo', rows: [companyInfo(ca, realmId)] },
			{ entity: 'Preferences', rows: [preferences(ca)] },
			{ entity: 'Account', rows: accounts(ca) },
			{ entity: 'Term', rows: terms },
			{ entity: 'PaymentMethod', rows: paymentMethods },
			{ entity: 'TaxRate', rows: ca ? caRates : usRates },
			{ entity: 'TaxCode', rows: ca ? caCodes : usCodes },
		],
		created: [...names(ca), ...items()],
	};
}

/** Both companies, freshly built (callers may mutate them). */
export function companySeeds(): CompanySeed[] {
	return structuredClone([company(US_REALM, false), company(CA_REALM, true)]);
}
