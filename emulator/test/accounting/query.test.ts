import { faultOf, freshAccounting, type Obj } from './helpers';

describe('query through the accounting core', () => {
	test('selects seeded customers by escaped name, counts, and hides nothing it should not', () => {
		const { accounting, us } = freshAccounting();
		const res = accounting.query(us, "select * from Customer where DisplayName = 'Amy\\'s Bird Sanctuary'") as Obj;
		expect(res.Customer).toHaveLength(1);
		expect(res.Customer[0].Id).toBe('1');
		const count = accounting.query(us, 'select count(*) from Vendor') as Obj;
		expect(count.totalCount).toBe(3);
		const items = accounting.query(us, "select * from Item where Type = 'Inventory'") as Obj;
		expect(items.Item.map((i: Obj) => i.Name)).toEqual(['Rock Fountain']);
	});

	test('finds the Canadian tax codes by their QuickBooks names', () => {
		const { accounting, ca } = freshAccounting();
		const res = accounting.query(ca, "select * from TaxCode where Name IN ('HST ON', 'GST/QST QC')") as Obj;
		expect(res.TaxCode.map((t: Obj) => t.Name).sort()).toEqual(['GST/QST QC', 'HST ON']);
	});

	test('returned rows are copies: changing them does not change the company', () => {
		const { accounting, us } = freshAccounting();
		const res = accounting.query(us, "select * from Customer where Id = '1'") as Obj;
		res.Customer[0].DisplayName = 'Hacked';
		expect(accounting.read(us, 'Customer', '1').DisplayName).toBe("Amy's Bird Sanctuary");
	});

	test('a query that does not parse is a 4000-family fault', () => {
		const { accounting, us } = freshAccounting();
		expect(faultOf(() => accounting.query(us, 'selec * from Customer')).code).toMatch(/^400/);
	});
});
