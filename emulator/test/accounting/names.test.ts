import { faultOf, freshAccounting, US, type Obj } from './helpers';

describe('names: customers, vendors and employees', () => {
	test('the seeded companies exist with their company info and preferences', () => {
		const { accounting, us, ca } = freshAccounting();
		expect(accounting.realmIds()).toEqual([us, ca]);
		expect(accounting.hasRealm('9130354337211001')).toBe(true);
		expect(accounting.read(us, 'CompanyInfo', us)).toMatchObject({ CompanyName: 'Sandbox Company US', Country: 'US' });
		expect(accounting.read(ca, 'CompanyInfo', ca)).toMatchObject({ Country: 'CA' });
		const prefs = accounting.read(us, 'Preferences', '1') as Obj;
		expect(JSON.stringify(prefs.SalesFormsPrefs.CustomField)).toContain('PO Number');
	});

	test('a customer is created with Id, SyncToken 0, QuickBooks timestamps and no empty fields', () => {
		const { accounting, us } = freshAccounting();
		const c = accounting.create(us, 'Customer', { DisplayName: 'Weiskopf Consulting', Notes: undefined }) as Obj;
		expect(c.Id).toMatch(/^\d+$/);
		expect(c.SyncToken).toBe('0');
		expect(c.MetaData.CreateTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/);
		expect(c).not.toHaveProperty('Notes');
		expect(c).toMatchObject({ DisplayName: 'Weiskopf Consulting', FullyQualifiedName: 'Weiskopf Consulting', Active: true, Balance: 0, Job: false });
		expect(accounting.read(us, 'Customer', c.Id)).toEqual(c);
		const next = accounting.create(us, 'Customer', { DisplayName: 'Next One' }) as Obj;
		expect(Number(next.Id)).toBe(Number(c.Id) + 1);
	});

	test('a customer named like an existing VENDOR fails with 6240 and the Id of the vendor holding the name', () => {
		const { accounting, us } = freshAccounting();
		const fault = faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'Acme Facilities Ltd' }));
		expect(fault).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error', status: 400 });
		expect(fault.Detail).toBe(`The name supplied already exists. : Id=${US.acmeVendor}`);
		expect(accounting.read(us, 'Vendor', US.acmeVendor)).toMatchObject({ DisplayName: 'Acme Facilities Ltd' });
	});

	test('name uniqueness ignores case and surrounding spaces, and spans employees too', () => {
		const { accounting, us } = freshAccounting();
		expect(faultOf(() => accounting.create(us, 'Customer', { DisplayName: '  ACME facilities ltd ' })).code).toBe('6240');
		expect(faultOf(() => accounting.create(us, 'Vendor', { DisplayName: 'emily platt' })).code).toBe('6240');
		const e = accounting.create(us, 'Employee', { GivenName: 'Zoë', FamilyName: 'Ng' }) as Obj;
		expect(faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'Zoë Ng' })).Detail).toContain(`Id=${e.Id}`);
	});

	test('apostrophes, accents and emoji round-trip unchanged', () => {
		const { accounting, us } = freshAccounting();
		for (const name of ["O'Brien & Sons", 'Crème Brûlée Café', 'Rocket 🚀 Labs', 'Łódź Sp. z o.o.']) {
			const c = accounting.create(us, 'Customer', { DisplayName: name }) as Obj;
			expect(accounting.read(us, 'Customer', c.Id).DisplayName).toBe(name);
		}
		expect(faultOf(() => accounting.create(us, 'Customer', { DisplayName: "o'brien & sons" })).code).toBe('6240');
	});

	test('DisplayName is built from the name parts when absent; no name at all is 6080', () => {
		const { accounting, us } = freshAccounting();
		const c = accounting.create(us, 'Customer', { Title: 'Dr.', GivenName: 'Ada', MiddleName: 'K', FamilyName: 'Lovelace', Suffix: 'III' }) as Obj;
		expect(c.DisplayName).toBe('Dr. Ada K Lovelace III');
		const fault = faultOf(() => accounting.create(us, 'Customer', { CompanyName: 'Only A Company', Notes: 'x' }));
		expect(fault.code).toBe('6080');
		expect(fault.Detail).toContain('DisplayName');
	});

	test('strings longer than QuickBooks allows fail with 2050 naming the element', () => {
		const { accounting, us } = freshAccounting();
		const fault = faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'x'.repeat(501) }));
		expect(fault).toMatchObject({ code: '2050', element: 'DisplayName', Message: 'String length is either shorter or longer than supported by specification' });
		expect(fault.Detail).toBe('String length specified does not match the supported length. Min:0 Max:500 supported. Supplied length:501');
		expect(accounting.create(us, 'Customer', { DisplayName: 'x'.repeat(500) })).toHaveProperty('Id');
		expect(faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'Long Given', GivenName: 'g'.repeat(101) })).element).toBe('GivenName');
	});

	test('sub-customers: Job needs ParentRef; FullyQualifiedName "Parent:Child", Level, and renames flow down', () => {
		const { accounting, us } = freshAccounting();
		expect(faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'Orphan Job', Job: true })).code).toBe('2020');
		const parent = accounting.create(us, 'Customer', { DisplayName: 'Parent Co' }) as Obj;
		const child = accounting.create(us, 'Customer', { DisplayName: 'Kitchen Remodel', Job: true, IsProject: true, ParentRef: { value: parent.Id } }) as Obj;
		expect(child).toMatchObject({ FullyQualifiedName: 'Parent Co:Kitchen Remodel', Level: 1, Job: true, IsProject: true, ParentRef: { value: parent.Id } });
		const grandchild = accounting.create(us, 'Customer', { DisplayName: 'Phase 1', Job: true, ParentRef: { value: child.Id } }) as Obj;
		expect(grandchild).toMatchObject({ FullyQualifiedName: 'Parent Co:Kitchen Remodel:Phase 1', Level: 2 });
		expect(accounting.create(us, 'Customer', { DisplayName: 'Implicit Job', ParentRef: { value: parent.Id } })).toMatchObject({ Job: true, Level: 1 });
		accounting.update(us, 'Customer', { Id: parent.Id, SyncToken: parent.SyncToken, sparse: true, DisplayName: 'Parent Group' });
		expect(accounting.read(us, 'Customer', grandchild.Id).FullyQualifiedName).toBe('Parent Group:Kitchen Remodel:Phase 1');
		expect(faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'Bad Parent', Job: true, ParentRef: { value: '9999' } }))).toMatchObject({ code: '2500', element: 'ParentRef' });
	});

	test('sparse update changes only the fields sent; a full update clears omitted fields', () => {
		const { accounting, us } = freshAccounting();
		const c = accounting.create(us, 'Customer', { DisplayName: 'Sparse Co', Notes: 'keep me', PrimaryEmailAddr: { Address: 'a@b.example' } }) as Obj;
		const sparse = accounting.update(us, 'Customer', { Id: c.Id, SyncToken: '0', sparse: true, CompanyName: 'Sparse Company' }) as Obj;
		expect(sparse).toMatchObject({ SyncToken: '1', Notes: 'keep me', CompanyName: 'Sparse Company', PrimaryEmailAddr: { Address: 'a@b.example' } });
		expect(sparse.MetaData.CreateTime).toBe(c.MetaData.CreateTime);
		const full = accounting.update(us, 'Customer', { Id: c.Id, SyncToken: '1', DisplayName: 'Sparse Co' }) as Obj;
		expect(full.SyncToken).toBe('2');
		expect(full).not.toHaveProperty('Notes');
		expect(full).not.toHaveProperty('CompanyName');
		expect(full).not.toHaveProperty('PrimaryEmailAddr');
	});

	test('an old SyncToken is 5010 Stale Object Error; a missing one is 2020', () => {
		const { accounting, us } = freshAccounting();
		const c = accounting.create(us, 'Customer', { DisplayName: 'Stale Co' }) as Obj;
		accounting.update(us, 'Customer', { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'first' });
		const fault = faultOf(() => accounting.update(us, 'Customer', { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'second' }));
		expect(fault).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
		expect(accounting.read(us, 'Customer', c.Id).Notes).toBe('first');
		expect(faultOf(() => accounting.update(us, 'Customer', { Id: c.Id, sparse: true, Notes: 'x' }))).toMatchObject({ code: '2020', element: 'SyncToken' });
	});

	test('renaming onto another name is 6240; keeping its own name is fine', () => {
		const { accounting, us } = freshAccounting();
		const c = accounting.read(us, 'Customer', US.coolCars) as Obj;
		expect(accounting.update(us, 'Customer', { Id: c.Id, SyncToken: c.SyncToken, sparse: true, DisplayName: 'COOL CARS' })).toMatchObject({ DisplayName: 'COOL CARS' });
		expect(faultOf(() => accounting.update(us, 'Customer', { Id: c.Id, SyncToken: '1', sparse: true, DisplayName: "Amy's Bird Sanctuary" })).code).toBe('6240');
	});

	test('unknown ids are 610 Object Not Found; names cannot be deleted, only made inactive', () => {
		const { accounting, us } = freshAccounting();
		const fault = faultOf(() => accounting.read(us, 'Customer', '99999'));
		expect(fault).toMatchObject({ code: '610', Message: 'Object Not Found' });
		expect(faultOf(() => accounting.delete(us, 'Customer', { Id: US.amy, SyncToken: '0' }))).toMatchObject({ code: '500', Message: 'Unsupported Operation' });
		const v = accounting.read(us, 'Vendor', US.acmeVendor) as Obj;
		expect(accounting.update(us, 'Vendor', { Id: v.Id, SyncToken: v.SyncToken, sparse: true, Active: false })).toMatchObject({ Active: false, SyncToken: '1' });
	});

	test('referencing an inactive customer is 610; an unknown one is 2500 Invalid Reference Id', () => {
		const { accounting, us } = freshAccounting();
		const c = accounting.create(us, 'Customer', { DisplayName: 'Gone Inc' }) as Obj;
		accounting.update(us, 'Customer', { Id: c.Id, SyncToken: '0', sparse: true, Active: false });
		const line = { Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: US.services } } };
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: c.Id }, Line: [line] }))).toMatchObject({ code: '610', element: 'CustomerRef' });
		const bad = faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: '4242' }, Line: [line] }));
		expect(bad).toMatchObject({ code: '2500', Message: 'Invalid Reference Id', element: 'CustomerRef' });
	});

	test('entityForPath maps lower-case URL segments to entity names', () => {
		const { accounting } = freshAccounting();
		expect(accounting.entityForPath('salesreceipt')).toBe('SalesReceipt');
		expect(accounting.entityForPath('/creditmemo')).toBe('CreditMemo');
		expect(accounting.entityForPath('companyinfo')).toBe('CompanyInfo');
		for (const e of ['customer', 'vendor', 'employee', 'item', 'account', 'taxcode', 'taxrate', 'term', 'paymentmethod', 'invoice', 'estimate', 'payment', 'bill', 'preferences', 'class']) {
			expect(accounting.entityForPath(e)).toBeDefined();
		}
		expect(accounting.entityForPath('nonsense')).toBeUndefined();
	});

	test('an inactive name becomes "X (deleted)" and frees "X"; reactivating gives it back unless taken', () => {
		const { accounting, us } = freshAccounting();
		const v = accounting.read(us, 'Vendor', US.acmeVendor) as Obj;
		const inactive = accounting.update(us, 'Vendor', { Id: v.Id, SyncToken: v.SyncToken, sparse: true, Active: false }) as Obj;
		expect(inactive).toMatchObject({ DisplayName: 'Acme Facilities Ltd (deleted)', PrintOnCheckName: 'Acme Facilities Ltd', Active: false });
		// A full update of the inactive vendor as read keeps a single suffix.
		expect(accounting.update(us, 'Vendor', inactive)).toMatchObject({ DisplayName: 'Acme Facilities Ltd (deleted)' });
		const customer = accounting.create(us, 'Customer', { DisplayName: 'Acme Facilities Ltd' }) as Obj;
		const current = accounting.read(us, 'Vendor', v.Id) as Obj;
		expect(faultOf(() => accounting.update(us, 'Vendor', { Id: v.Id, SyncToken: current.SyncToken, sparse: true, Active: true })).Detail).toContain(`Id=${customer.Id}`);
		accounting.update(us, 'Customer', { Id: customer.Id, SyncToken: '0', sparse: true, DisplayName: 'Acme Facilities (Customer)' });
		expect(accounting.update(us, 'Vendor', { Id: v.Id, SyncToken: current.SyncToken, sparse: true, Active: true })).toMatchObject({ DisplayName: 'Acme Facilities Ltd', Active: true });
	});

	test('making a parent inactive makes its sub-customers inactive too', () => {
		const { accounting, us } = freshAccounting();
		const parent = accounting.create(us, 'Customer', { DisplayName: 'Holding Co' }) as Obj;
		const child = accounting.create(us, 'Customer', { DisplayName: 'Site A', Job: true, ParentRef: { value: parent.Id } }) as Obj;
		const grandchild = accounting.create(us, 'Customer', { DisplayName: 'Site A1', Job: true, ParentRef: { value: child.Id } }) as Obj;
		accounting.update(us, 'Customer', { Id: parent.Id, SyncToken: '0', sparse: true, Active: false });
		expect(accounting.read(us, 'Customer', child.Id)).toMatchObject({ Active: false, DisplayName: 'Site A (deleted)', FullyQualifiedName: 'Holding Co (deleted):Site A (deleted)' });
		expect(accounting.read(us, 'Customer', grandchild.Id)).toMatchObject({ Active: false, FullyQualifiedName: 'Holding Co (deleted):Site A (deleted):Site A1 (deleted)' });
		expect(accounting.create(us, 'Customer', { DisplayName: 'Site A' })).toHaveProperty('Id');
	});
});
