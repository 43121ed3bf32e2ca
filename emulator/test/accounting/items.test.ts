import { faultOf, freshAccounting, itemLine, US, type Obj } from './helpers';

describe('items', () => {
	test('a Service item needs an income account that exists', () => {
		const { accounting, us } = freshAccounting();
		expect(faultOf(() => accounting.create(us, 'Item', { Name: 'Consulting', Type: 'Service' }))).toMatchObject({ code: '2020', element: 'IncomeAccountRef' });
		expect(faultOf(() => accounting.create(us, 'Item', { Name: 'Consulting', Type: 'Service', IncomeAccountRef: { value: '777' } }))).toMatchObject({
			code: '2500',
			element: 'IncomeAccountRef',
		});
		const item = accounting.create(us, 'Item', { Name: 'Consulting', Type: 'Service', UnitPrice: 120, IncomeAccountRef: { value: '1' } }) as Obj;
		expect(item).toMatchObject({ Name: 'Consulting', FullyQualifiedName: 'Consulting', Type: 'Service', UnitPrice: 120, IncomeAccountRef: { value: '1', name: 'Services' }, TrackQtyOnHand: false });
	});

	test('item names are unique among items (case-insensitive) with 6240, but may equal a customer name', () => {
		const { accounting, us } = freshAccounting();
		const fault = faultOf(() => accounting.create(us, 'Item', { Name: 'design', Type: 'Service', IncomeAccountRef: { value: '1' } }));
		expect(fault.code).toBe('6240');
		expect(fault.Detail).toContain(`Id=${US.design}`);
		expect(accounting.create(us, 'Item', { Name: 'Cool Cars', Type: 'Service', IncomeAccountRef: { value: '1' } })).toHaveProperty('Id');
		expect(faultOf(() => accounting.create(us, 'Item', { Name: 'n'.repeat(101), Type: 'Service', IncomeAccountRef: { value: '1' } }))).toMatchObject({ code: '2050', element: 'Name' });
	});

	test('an Inventory item needs expense and asset accounts, TrackQtyOnHand, QtyOnHand and InvStartDate', () => {
		const { accounting, us } = freshAccounting();
		const full = {
			Name: 'Garden Gnome',
			Type: 'Inventory',
			IncomeAccountRef: { value: '2' },
			ExpenseAccountRef: { value: '3' },
			AssetAccountRef: { value: '4' },
			TrackQtyOnHand: true,
			QtyOnHand: 10,
			InvStartDate: '2025-01-01',
		};
		for (const missing of ['ExpenseAccountRef', 'AssetAccountRef', 'TrackQtyOnHand', 'QtyOnHand', 'InvStartDate']) {
			const body: Obj = { ...full };
			delete body[missing];
			expect(faultOf(() => accounting.create(us, 'Item', body))).toMatchObject({ code: '2020', element: missing });
		}
		expect(accounting.create(us, 'Item', full)).toMatchObject({ Type: 'Inventory', QtyOnHand: 10, TrackQtyOnHand: true, AssetAccountRef: { value: '4' } });
	});

	test('a sale line of an inventory item needs a Qty', () => {
		const { accounting, us } = freshAccounting();
		const fault = faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.rockFountain, 275)] }));
		expect(fault).toMatchObject({ code: '6000', element: 'Line.SalesItemLineDetail.Qty' });
		const ok = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.rockFountain, 275, {}, { Qty: 1, UnitPrice: 275 })] }) as Obj;
		expect(ok.TotalAmt).toBe(275);
	});

	test('categories group items (FullyQualifiedName) and cannot be sold', () => {
		const { accounting, us } = freshAccounting();
		const child = accounting.create(us, 'Item', { Name: 'Hedge Trimming', Type: 'Service', IncomeAccountRef: { value: '1' }, ParentRef: { value: US.category } }) as Obj;
		expect(child).toMatchObject({ FullyQualifiedName: 'Landscaping:Hedge Trimming', SubItem: true, ParentRef: { value: US.category } });
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.category, 10)] })).code).toBe('6000');
	});

	test('an inactive item cannot be used on a new invoice (610)', () => {
		const { accounting, us } = freshAccounting();
		const item = accounting.read(us, 'Item', US.shipping) as Obj;
		expect(accounting.update(us, 'Item', { ...item, Active: false })).toMatchObject({ Name: 'Shipping (deleted)', Active: false });
		expect(accounting.create(us, 'Item', { Name: 'Shipping', Type: 'NonInventory', IncomeAccountRef: { value: '2' } })).toHaveProperty('Id');
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.shipping, 15)] }))).toMatchObject({
			code: '610',
			element: 'Line.SalesItemLineDetail.ItemRef',
		});
	});

	test('an item type cannot switch between inventory and non-inventory', () => {
		const { accounting, us } = freshAccounting();
		const item = accounting.read(us, 'Item', US.design) as Obj;
		expect(faultOf(() => accounting.update(us, 'Item', { Id: item.Id, SyncToken: item.SyncToken, sparse: true, Type: 'Inventory' })).code).toBe('2010');
	});

	test('selling an inventory item lowers QtyOnHand; delete, void and credit memos put it back', () => {
		const { accounting, us } = freshAccounting();
		const qty = () => accounting.read(us, 'Item', US.rockFountain).QtyOnHand;
		const line = (n: number) => itemLine(US.rockFountain, 275 * n, {}, { Qty: n, UnitPrice: 275 });
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [line(1)] }) as Obj;
		expect(qty()).toBe(1);
		const sr = accounting.create(us, 'SalesReceipt', { CustomerRef: { value: US.amy }, Line: [line(3)] }) as Obj;
		expect(qty()).toBe(-2); // QuickBooks lets stock go negative
		accounting.update(us, 'Invoice', { Id: inv.Id, SyncToken: inv.SyncToken, sparse: true, Line: [line(2)] });
		expect(qty()).toBe(-3);
		accounting.void(us, 'SalesReceipt', { Id: sr.Id, SyncToken: sr.SyncToken });
		expect(qty()).toBe(0);
		accounting.create(us, 'CreditMemo', { CustomerRef: { value: US.amy }, Line: [line(1)] });
		expect(qty()).toBe(1);
		const current = accounting.read(us, 'Invoice', inv.Id) as Obj;
		accounting.delete(us, 'Invoice', { Id: inv.Id, SyncToken: current.SyncToken });
		expect(qty()).toBe(3);
		// Stock changes do not move the item's SyncToken (clients editing items are not made stale).
		expect(accounting.read(us, 'Item', US.rockFountain).SyncToken).toBe('0');
	});
});
