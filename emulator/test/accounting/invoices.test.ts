import { faultOf, freshAccounting, itemLine, US, type Obj } from './helpers';

const customer = { value: US.amy };

describe('invoices', () => {
	test('lines are numbered, a SubTotalLineDetail is appended and Balance equals TotalAmt', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', {
			CustomerRef: customer,
			Line: [itemLine(US.design, 150, { Description: 'Design work' }, { Qty: 2, UnitPrice: 75 }), { DetailType: 'DescriptionOnly', Description: 'Thanks!' }, itemLine(US.services, 100)],
		}) as Obj;
		expect(inv.Line.map((l: Obj) => [l.Id, l.DetailType])).toEqual([
			['1', 'SalesItemLineDetail'],
			['2', 'DescriptionOnly'],
			['3', 'SalesItemLineDetail'],
			[undefined, 'SubTotalLineDetail'],
		]);
		expect(inv.Line[3].Amount).toBe(250);
		expect(inv).toMatchObject({ TotalAmt: 250, Balance: 250, CustomerRef: { value: US.amy, name: "Amy's Bird Sanctuary" }, EmailStatus: 'NotSet' });
		expect(inv.Line[0].SalesItemLineDetail).toMatchObject({ ItemRef: { value: US.design, name: 'Design' }, TaxCodeRef: { value: 'NON' } });
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(250);
	});

	test('TxnDate defaults to today and DueDate follows the terms (company default Net 30, or SalesTermRef)', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: customer, TxnDate: '2025-01-31', Line: [itemLine(US.services, 10)] }) as Obj;
		expect(inv).toMatchObject({ DueDate: '2025-03-02', SalesTermRef: { value: '3', name: 'Net 30' } });
		const net15 = accounting.create(us, 'Invoice', { CustomerRef: customer, TxnDate: '2025-01-31', SalesTermRef: { value: '2' }, Line: [itemLine(US.services, 10)] }) as Obj;
		expect(net15.DueDate).toBe('2025-02-15');
		const today = accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [itemLine(US.services, 10)] }) as Obj;
		expect(today.TxnDate).toMatch(/^\d{4}-\d\d-\d\d$/);
	});

	test('missing CustomerRef or Line is 2020 with the element named', () => {
		const { accounting, us } = freshAccounting();
		const noCustomer = faultOf(() => accounting.create(us, 'Invoice', { Line: [itemLine(US.services, 10)] }));
		expect(noCustomer).toMatchObject({ code: '2020', element: 'CustomerRef', Message: 'Required param missing, need to supply the required value for the API' });
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer }))).toMatchObject({ code: '2020', element: 'Line' });
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [] }))).toMatchObject({ code: '2020', element: 'Line' });
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [{ DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }] }))).toMatchObject({
			code: '2020',
			element: 'Line.Amount',
		});
	});

	test('Amount must equal Qty × UnitPrice (6070)', () => {
		const { accounting, us } = freshAccounting();
		const fault = faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [itemLine(US.design, 100, {}, { Qty: 3, UnitPrice: 75 })] }));
		expect(fault).toMatchObject({ code: '6070' });
		expect(fault.Detail).toContain('Amount is not equal to UnitPrice * Qty');
		const ok = accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [itemLine(US.design, 33.33, {}, { Qty: 3, UnitPrice: 11.11 })] }) as Obj;
		expect(ok.TotalAmt).toBe(33.33);
	});

	test('percent discount, amount discount and US sales tax on TAX lines', () => {
		const { accounting, us } = freshAccounting();
		const lines = [itemLine(US.design, 150, {}, { Qty: 2, UnitPrice: 75, TaxCodeRef: { value: 'TAX' } }), itemLine(US.services, 100, {}, { TaxCodeRef: { value: 'NON' } })];
		const taxOnly = accounting.create(us, 'Invoice', { CustomerRef: customer, Line: lines, TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } } }) as Obj;
		expect(taxOnly.TxnTaxDetail).toMatchObject({ TxnTaxCodeRef: { value: '2' }, TotalTax: 12 });
		expect(taxOnly.TxnTaxDetail.TaxLine[0].TaxLineDetail).toMatchObject({ TaxPercent: 8, NetAmountTaxable: 150, TaxRateRef: { value: '1' } });
		expect(taxOnly.TotalAmt).toBe(262);

		const pct = accounting.create(us, 'Invoice', {
			CustomerRef: customer,
			Line: [...lines, { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 } }],
			TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
		}) as Obj;
		const discount = pct.Line.find((l: Obj) => l.DetailType === 'DiscountLineDetail');
		expect(discount).toMatchObject({ Amount: 25, DiscountLineDetail: { PercentBased: true, DiscountPercent: 10, DiscountAccountRef: { value: '9' } } });
		expect(pct.TotalAmt).toBe(237); // 250 − 25 + 12 (tax before discount by default)

		const after = accounting.create(us, 'Invoice', {
			CustomerRef: customer,
			ApplyTaxAfterDiscount: true,
			Line: [...lines, { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 } }],
			TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
		}) as Obj;
		expect(after.TxnTaxDetail.TotalTax).toBe(10.8);
		expect(after.TotalAmt).toBe(235.8);

		const amount = accounting.create(us, 'Invoice', {
			CustomerRef: customer,
			Line: [...lines, { Amount: 30, DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: false } }],
			TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
		}) as Obj;
		expect(amount.TotalAmt).toBe(232);
		expect(amount.Balance).toBe(232);
	});

	test('a discount line without amount or percent is 6090; a US line tax code other than TAX/NON is 6100', () => {
		const { accounting, us } = freshAccounting();
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [itemLine(US.services, 10), { DetailType: 'DiscountLineDetail', DiscountLineDetail: {} }] })).code).toBe('6090');
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [itemLine(US.services, 10, {}, { TaxCodeRef: { value: 'GST' } })] })).code).toBe('6100');
	});

	test('DocNumber is assigned automatically; a duplicate is 6140 unless duplicates are allowed', () => {
		const { accounting, us } = freshAccounting();
		const a = accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [itemLine(US.services, 10)] }) as Obj;
		const b = accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [itemLine(US.services, 10)] }) as Obj;
		expect([a.DocNumber, b.DocNumber]).toEqual(['1001', '1002']);
		const wo = accounting.create(us, 'Invoice', { CustomerRef: customer, DocNumber: 'WO-77', Line: [itemLine(US.services, 10)] }) as Obj;
		const fault = faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, DocNumber: 'wo-77', Line: [itemLine(US.services, 10)] }));
		expect(fault).toMatchObject({ code: '6140', Message: 'Duplicate Document Number Error' });
		expect(fault.Detail).toContain(`TxnId=${wo.Id}`);
		const dup = accounting.create(us, 'Invoice', { CustomerRef: customer, DocNumber: 'WO-77', Line: [itemLine(US.services, 10)] }, { allowDuplicateDocNumber: true }) as Obj;
		expect(dup.DocNumber).toBe('WO-77');
		// The same number on another document type is fine.
		expect(accounting.create(us, 'Estimate', { CustomerRef: customer, DocNumber: 'WO-77', Line: [itemLine(US.services, 10)] })).toHaveProperty('Id');
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, DocNumber: 'D'.repeat(22), Line: [itemLine(US.services, 10)] }))).toMatchObject({ code: '2050', element: 'DocNumber' });
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, PrivateNote: 'p'.repeat(4001), Line: [itemLine(US.services, 10)] }))).toMatchObject({ code: '2050', element: 'PrivateNote' });
	});

	test('custom fields follow Preferences: names filled in, unknown DefinitionId refused, 31 characters at most', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: customer, CustomField: [{ DefinitionId: '1', Type: 'StringType', StringValue: 'PO-4471' }], Line: [itemLine(US.services, 10)] }) as Obj;
		expect(inv.CustomField).toEqual([
			{ DefinitionId: '1', Name: 'PO Number', Type: 'StringType', StringValue: 'PO-4471' },
			{ DefinitionId: '2', Name: 'Tracking No', Type: 'StringType' },
			{ DefinitionId: '3', Name: 'Shipping Method', Type: 'StringType' },
		]);
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, CustomField: [{ DefinitionId: '7', StringValue: 'x' }], Line: [itemLine(US.services, 10)] }))).toMatchObject({
			code: '2500',
			element: 'CustomField.DefinitionId',
		});
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, CustomField: [{ DefinitionId: '2', StringValue: 'x'.repeat(32) }], Line: [itemLine(US.services, 10)] })).code).toBe('2050');
	});

	test('BillEmail defaults to the customer email; NeedToSend without any address fails', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: customer, EmailStatus: 'NeedToSend', Line: [itemLine(US.services, 10)] }) as Obj;
		expect(inv).toMatchObject({ EmailStatus: 'NeedToSend', BillEmail: { Address: 'birds@intuit.example' } });
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: '3' }, EmailStatus: 'NeedToSend', Line: [itemLine(US.services, 10)] })).code).toBe('6000');
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: customer, EmailStatus: 'Sometimes', Line: [itemLine(US.services, 10)] })).code).toBe('2170');
	});

	test('sparse update keeps lines; full update replaces them and recomputes totals; delete tombstones it', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: customer, PrivateNote: 'n', Line: [itemLine(US.services, 10)] }) as Obj;
		const sparse = accounting.update(us, 'Invoice', { Id: inv.Id, SyncToken: '0', sparse: true, CustomerMemo: { value: 'Thanks' } }) as Obj;
		expect(sparse).toMatchObject({ SyncToken: '1', TotalAmt: 10, PrivateNote: 'n', CustomerMemo: { value: 'Thanks' }, DocNumber: inv.DocNumber });
		const full = accounting.update(us, 'Invoice', { Id: inv.Id, SyncToken: '1', CustomerRef: customer, Line: [itemLine(US.services, 40)] }) as Obj;
		expect(full).toMatchObject({ SyncToken: '2', TotalAmt: 40, Balance: 40 });
		expect(full).not.toHaveProperty('PrivateNote');
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(40);
		expect(faultOf(() => accounting.delete(us, 'Invoice', { Id: inv.Id, SyncToken: '1' })).code).toBe('5010');
		expect(accounting.delete(us, 'Invoice', { Id: inv.Id, SyncToken: '2' })).toEqual({ domain: 'QBO', status: 'Deleted', Id: inv.Id });
		expect(faultOf(() => accounting.read(us, 'Invoice', inv.Id)).code).toBe('610');
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(0);
	});

	test('void zeroes the amounts, notes "Voided" and releases the customer balance', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: customer, Line: [itemLine(US.services, 99)] }) as Obj;
		const voided = accounting.void(us, 'Invoice', { Id: inv.Id, SyncToken: '0' }) as Obj;
		expect(voided).toMatchObject({ SyncToken: '1', TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
		expect(voided.Line.every((l: Obj) => l.Amount === 0)).toBe(true);
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(0);
	});

	test('sales receipts are paid at once (Balance 0) and deposit to Undeposited Funds by default', () => {
		const { accounting, us } = freshAccounting();
		const sr = accounting.create(us, 'SalesReceipt', { CustomerRef: customer, PaymentMethodRef: { value: '1' }, Line: [itemLine(US.design, 75, {}, { Qty: 1, UnitPrice: 75 })] }) as Obj;
		expect(sr).toMatchObject({ TotalAmt: 75, Balance: 0, DepositToAccountRef: { value: '6', name: 'Undeposited Funds' }, PaymentMethodRef: { value: '1', name: 'Cash' } });
		expect(faultOf(() => accounting.create(us, 'SalesReceipt', { PaymentMethodRef: { value: '99' }, Line: [itemLine(US.design, 75)] }))).toMatchObject({ code: '2500', element: 'PaymentMethodRef' });
		expect(accounting.void(us, 'SalesReceipt', { Id: sr.Id, SyncToken: '0' })).toMatchObject({ TotalAmt: 0, PrivateNote: 'Voided' });
	});

	test('credit memos carry a remaining credit that lowers the customer balance', () => {
		const { accounting, us } = freshAccounting();
		const cm = accounting.create(us, 'CreditMemo', { CustomerRef: { value: US.coolCars }, Line: [itemLine(US.services, 20)] }) as Obj;
		expect(cm).toMatchObject({ TotalAmt: 20, Balance: 20, RemainingCredit: 20 });
		expect(accounting.read(us, 'Customer', US.coolCars).Balance).toBe(-20);
	});

	test('bills need a vendor and expense lines; totals add up', () => {
		const { accounting, us } = freshAccounting();
		expect(faultOf(() => accounting.create(us, 'Bill', { Line: [] })).element).toBe('VendorRef');
		const bill = accounting.create(us, 'Bill', {
			VendorRef: { value: US.acmeVendor },
			Line: [
				{ Amount: 120.5, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '10' } } },
				{ Amount: 30, DetailType: 'ItemBasedExpenseLineDetail', ItemBasedExpenseLineDetail: { ItemRef: { value: US.rockFountain }, Qty: 1 } },
			],
		}) as Obj;
		expect(bill).toMatchObject({ TotalAmt: 150.5, Balance: 150.5, VendorRef: { name: 'Acme Facilities Ltd' } });
		expect(accounting.delete(us, 'Bill', { Id: bill.Id, SyncToken: '0' })).toMatchObject({ status: 'Deleted' });
	});

	test('ProjectRef must be a project (a customer with IsProject); DepartmentRef points at nothing in these companies', () => {
		const { accounting, us } = freshAccounting();
		const project = accounting.create(us, 'Customer', { DisplayName: 'Roof Job', Job: true, IsProject: true, ParentRef: { value: US.amy } }) as Obj;
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, ProjectRef: { value: project.Id }, Line: [itemLine(US.services, 5)] }) as Obj;
		expect(inv.ProjectRef).toEqual({ value: project.Id, name: 'Roof Job' });
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, ProjectRef: { value: US.coolCars }, Line: [itemLine(US.services, 5)] }))).toMatchObject({
			code: '2500',
			element: 'ProjectRef',
		});
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, DepartmentRef: { value: '1' }, Line: [itemLine(US.services, 5)] }))).toMatchObject({
			code: '2500',
			element: 'DepartmentRef',
		});
	});

	test('a sub-customer\'s invoices count in its own Balance and in BalanceWithJobs up the parents', () => {
		const { accounting, us } = freshAccounting();
		const job = accounting.read(us, 'Customer', '5') as Obj; // "0969 Ocean View Road", a job of Freeman Sporting Goods
		expect(job.ParentRef.value).toBe(US.freeman);
		accounting.create(us, 'Invoice', { CustomerRef: { value: job.Id }, Line: [itemLine(US.services, 70)] });
		accounting.create(us, 'Invoice', { CustomerRef: { value: US.freeman }, Line: [itemLine(US.services, 30)] });
		expect(accounting.read(us, 'Customer', job.Id)).toMatchObject({ Balance: 70, BalanceWithJobs: 70 });
		expect(accounting.read(us, 'Customer', US.freeman)).toMatchObject({ Balance: 30, BalanceWithJobs: 100 });
	});

	test('US lines without a tax code are TAX when item and customer are taxable, else NON', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', {
			CustomerRef: { value: US.amy },
			TxnTaxDetail: { TxnTaxCodeRef: { value: '2' } },
			Line: [itemLine(US.pump, 100), itemLine(US.services, 50)],
		}) as Obj;
		expect(inv.Line.slice(0, 2).map((l: Obj) => l.SalesItemLineDetail.TaxCodeRef.value)).toEqual(['TAX', 'NON']);
		expect(inv.TxnTaxDetail.TotalTax).toBe(8);
		const exempt = accounting.create(us, 'Customer', { DisplayName: 'Tax Exempt Org', Taxable: false }) as Obj;
		const inv2 = accounting.create(us, 'Invoice', { CustomerRef: { value: exempt.Id }, Line: [itemLine(US.pump, 100)] }) as Obj;
		expect(inv2.Line[0].SalesItemLineDetail.TaxCodeRef.value).toBe('NON');
	});
});
