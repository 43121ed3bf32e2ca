import { canonicalEntityName, describedEntities, entitySpec } from '../../src/query';

const REQUIRED = [
	'Customer',
	'Vendor',
	'Employee',
	'Item',
	'Account',
	'TaxCode',
	'TaxRate',
	'Term',
	'PaymentMethod',
	'Invoice',
	'Estimate',
	'SalesReceipt',
	'Payment',
	'CreditMemo',
	'Bill',
	'CompanyInfo',
	'Preferences',
];

describe('the filterable/sortable field tables', () => {
	it.each(REQUIRED)('describes %s, with Id and MetaData times filterable and sortable', (entity) => {
		const spec = entitySpec(entity);
		expect(spec?.name).toBe(entity);
		for (const field of ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime']) {
			expect(spec?.fields[field]).toMatchObject({ filterable: true, sortable: true });
		}
		expect(spec?.fields.SyncToken).toMatchObject({ filterable: false, sortable: false });
	});

	it('marks what the n8n nodes and Intuit examples filter on as filterable', () => {
		const filterable = (entity: string, field: string) => entitySpec(entity)?.fields[field]?.filterable;
		expect(filterable('Customer', 'DisplayName')).toBe(true);
		expect(filterable('Customer', 'PrimaryEmailAddr')).toBe(true);
		expect(filterable('Customer', 'Active')).toBe(true);
		expect(filterable('Item', 'Name')).toBe(true);
		expect(filterable('Item', 'Sku')).toBe(true);
		expect(filterable('Item', 'Type')).toBe(true);
		expect(filterable('Account', 'AccountType')).toBe(true);
		expect(filterable('TaxCode', 'Name')).toBe(true);
		expect(filterable('Invoice', 'DocNumber')).toBe(true);
		expect(filterable('Invoice', 'CustomerRef')).toBe(true);
		expect(filterable('Invoice', 'Balance')).toBe(true);
		expect(filterable('Invoice', 'TxnDate')).toBe(true);
		expect(filterable('Bill', 'VendorRef')).toBe(true);
	});

	it('marks properties QuickBooks refuses to filter on as present but not filterable', () => {
		expect(entitySpec('Customer')?.fields.CustomerTypeRef).toMatchObject({ filterable: false });
		expect(entitySpec('Invoice')?.fields.DepartmentRef).toMatchObject({ filterable: false });
		expect(entitySpec('Invoice')?.fields.Line).toMatchObject({ filterable: false });
	});

	it('gives reference, email, date and datetime fields their kinds', () => {
		expect(entitySpec('Invoice')?.fields.CustomerRef.kind).toBe('ref');
		expect(entitySpec('Customer')?.fields.PrimaryEmailAddr.kind).toBe('email');
		expect(entitySpec('Invoice')?.fields.TxnDate.kind).toBe('date');
		expect(entitySpec('Invoice')?.fields['MetaData.LastUpdatedTime'].kind).toBe('datetime');
		expect(entitySpec('Customer')?.fields.Balance.kind).toBe('number');
	});

	it('hides inactive rows for name lists only', () => {
		const hiding = describedEntities()
			.filter((e) => e.hidesInactive)
			.map((e) => e.name);
		expect(hiding).toEqual(expect.arrayContaining(['Customer', 'Vendor', 'Employee', 'Item', 'Account', 'Term', 'PaymentMethod']));
		expect(hiding).not.toContain('Invoice');
		for (const name of hiding) expect(entitySpec(name)?.fields.Active?.filterable).toBe(true);
	});

	it('normalises entity names and knows the other queryable entities', () => {
		expect(canonicalEntityName('journalentry')).toBe('JournalEntry');
		expect(canonicalEntityName('VENDORCREDIT')).toBe('VendorCredit');
		expect(canonicalEntityName('Custmoer')).toBeUndefined();
	});
});
