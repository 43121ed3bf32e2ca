import { faultOf, freshAccounting, itemLine, type Obj } from './helpers';

/** Canadian seeded ids: customers 1–3, items Services=1, Design=2; tax codes by name. */
const CAFE = { value: '1' };

function codeId(accounting: ReturnType<typeof freshAccounting>['accounting'], ca: string, name: string): string {
	const res = accounting.query(ca, `select * from TaxCode where Name = '${name}'`) as Obj;
	return res.TaxCode[0].Id;
}

function taxedLine(code: string, amount: number): Obj {
	return itemLine('1', amount, {}, { TaxCodeRef: { value: code } });
}

describe('Canadian sales tax', () => {
	test('a line without a tax code fails the whole write with 6000 GST/HST', () => {
		const { accounting, ca } = freshAccounting();
		const hst = codeId(accounting, ca, 'HST ON');
		const fault = faultOf(() => accounting.create(ca, 'Invoice', { CustomerRef: CAFE, Line: [taxedLine(hst, 100), itemLine('1', 50)] }));
		expect(fault).toMatchObject({ code: '6000', Message: 'A business validation error has occurred while processing your request' });
		expect(fault.Detail).toBe('Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.');
		expect(accounting.query(ca, 'select count(*) from Invoice')).toEqual({ totalCount: 0 });
		expect(faultOf(() => accounting.create(ca, 'Invoice', { CustomerRef: CAFE, Line: [taxedLine('999', 100)] }))).toMatchObject({ code: '2500' });
	});

	test('HST ON 13%: one TaxLine with rate, percent and net amount taxable', () => {
		const { accounting, ca } = freshAccounting();
		const inv = accounting.create(ca, 'Invoice', { CustomerRef: CAFE, Line: [taxedLine(codeId(accounting, ca, 'HST ON'), 100)] }) as Obj;
		expect(inv).toMatchObject({ GlobalTaxCalculation: 'TaxExcluded', TotalAmt: 113, Balance: 113, CurrencyRef: { value: 'CAD' } });
		expect(inv.TxnTaxDetail.TotalTax).toBe(13);
		expect(inv.TxnTaxDetail.TaxLine).toEqual([
			{ Amount: 13, DetailType: 'TaxLineDetail', TaxLineDetail: { TaxRateRef: { value: '2', name: 'HST ON' }, PercentBased: true, TaxPercent: 13, NetAmountTaxable: 100 } },
		]);
		expect(inv.TxnTaxDetail).not.toHaveProperty('TxnTaxCodeRef');
	});

	test('GST/QST QC: two tax lines, QST 9.975% rounded half-up to cents', () => {
		const { accounting, ca } = freshAccounting();
		const inv = accounting.create(ca, 'Invoice', { CustomerRef: CAFE, Line: [taxedLine(codeId(accounting, ca, 'GST/QST QC'), 100)] }) as Obj;
		const byName = Object.fromEntries(inv.TxnTaxDetail.TaxLine.map((l: Obj) => [l.TaxLineDetail.TaxRateRef.name, l.Amount]));
		expect(byName).toEqual({ GST: 5, QST: 9.98 });
		expect(inv.TotalAmt).toBe(114.98);
	});

	test('GST/PST BC, HST NS 14% and mixed codes on one invoice', () => {
		const { accounting, ca } = freshAccounting();
		const bc = accounting.create(ca, 'Invoice', { CustomerRef: CAFE, Line: [taxedLine(codeId(accounting, ca, 'GST/PST BC'), 200)] }) as Obj;
		expect(bc.TotalAmt).toBe(224);
		const ns = accounting.create(ca, 'Invoice', { CustomerRef: CAFE, Line: [taxedLine(codeId(accounting, ca, 'HST NS'), 100)] }) as Obj;
		expect(ns.TotalAmt).toBe(114);
		const mixed = accounting.create(ca, 'Invoice', {
			CustomerRef: CAFE,
			Line: [taxedLine(codeId(accounting, ca, 'HST ON'), 100), taxedLine(codeId(accounting, ca, 'Zero-rated'), 50), taxedLine(codeId(accounting, ca, 'GST'), 20)],
		}) as Obj;
		expect(mixed.TxnTaxDetail.TotalTax).toBe(14); // 13 + 0 + 1
		expect(mixed.TotalAmt).toBe(184);
	});

	test('tax is rounded once per rate on the sum of lines, not per line', () => {
		const { accounting, ca } = freshAccounting();
		const gst = codeId(accounting, ca, 'GST');
		const inv = accounting.create(ca, 'Invoice', { CustomerRef: CAFE, Line: [taxedLine(gst, 0.1), taxedLine(gst, 0.1), taxedLine(gst, 0.1)] }) as Obj;
		// per line: 0.005 → 0.01 each = 0.03; on the sum: 0.30 × 5% = 0.015 → 0.02
		expect(inv.TxnTaxDetail.TotalTax).toBe(0.02);
		expect(inv.TotalAmt).toBe(0.32);
	});

	test('a discount is applied before tax', () => {
		const { accounting, ca } = freshAccounting();
		const inv = accounting.create(ca, 'Invoice', {
			CustomerRef: CAFE,
			Line: [taxedLine(codeId(accounting, ca, 'HST ON'), 100), { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 10 } }],
		}) as Obj;
		expect(inv.TxnTaxDetail.TaxLine[0].TaxLineDetail.NetAmountTaxable).toBe(90);
		expect(inv.TxnTaxDetail.TotalTax).toBe(11.7);
		expect(inv.TotalAmt).toBe(101.7);
	});

	test('TaxInclusive: the amount sent includes tax, the stored line is net', () => {
		const { accounting, ca } = freshAccounting();
		const inv = accounting.create(ca, 'Invoice', { CustomerRef: CAFE, GlobalTaxCalculation: 'TaxInclusive', Line: [taxedLine(codeId(accounting, ca, 'HST ON'), 113)] }) as Obj;
		expect(inv.Line[0]).toMatchObject({ Amount: 100, SalesItemLineDetail: { TaxInclusiveAmt: 113 } });
		expect(inv).toMatchObject({ GlobalTaxCalculation: 'TaxInclusive', TotalAmt: 113 });
		// A sparse update that leaves the lines alone keeps the same totals.
		const again = accounting.update(ca, 'Invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'x' }) as Obj;
		expect(again.TotalAmt).toBe(113);
		expect(faultOf(() => accounting.create(ca, 'Invoice', { CustomerRef: CAFE, GlobalTaxCalculation: 'Sometimes', Line: [taxedLine('4', 1)] })).code).toBe('2170');
	});

	test('Canadian bills need a tax code on every line too', () => {
		const { accounting, ca } = freshAccounting();
		const line = { Amount: 100, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '10' } } };
		const vendor = (accounting.query(ca, "select * from Vendor where DisplayName = 'Acme Facilities Ltd'") as Obj).Vendor[0];
		expect(faultOf(() => accounting.create(ca, 'Bill', { VendorRef: { value: vendor.Id }, Line: [line] })).code).toBe('6000');
		const hst = codeId(accounting, ca, 'HST ON');
		const bill = accounting.create(ca, 'Bill', {
			VendorRef: { value: vendor.Id },
			Line: [{ ...line, AccountBasedExpenseLineDetail: { ...line.AccountBasedExpenseLineDetail, TaxCodeRef: { value: hst } } }],
		}) as Obj;
		expect(bill.TotalAmt).toBe(113);
	});
});
