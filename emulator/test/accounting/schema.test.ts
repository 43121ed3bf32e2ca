import { faultOf, freshAccounting, itemLine, US, type Obj } from './helpers';

describe('properties outside the schema', () => {
	test('an unknown property is 2010 Request has invalid or unsupported property', () => {
		const { accounting, us } = freshAccounting();
		const fault = faultOf(() => accounting.create(us, 'Customer', { DisplayName: 'Typo Co', EmailAddress: 'x@y.example' }));
		expect(fault).toMatchObject({ code: '2010', Message: 'Request has invalid or unsupported property', element: 'EmailAddress' });
		expect(faultOf(() => accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 1, { Qty: 1 })] }))).toMatchObject({
			code: '2010',
			element: 'Line.Qty',
		});
		expect(faultOf(() => accounting.create(us, 'Customer', 'not an object')).code).toBe('2010');
	});

	test('whatever is read can be sent back as a full update, for every writable entity', () => {
		const { accounting, us, ca } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', {
			CustomerRef: { value: US.amy },
			Line: [itemLine(US.services, 10), { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: 5 } }],
		}) as Obj;
		accounting.send(us, 'Invoice', inv.Id);
		const made: [string, string, Obj][] = [
			[us, 'Invoice', accounting.read(us, 'Invoice', inv.Id) as Obj],
			[us, 'Estimate', accounting.create(us, 'Estimate', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj],
			[us, 'SalesReceipt', accounting.create(us, 'SalesReceipt', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj],
			[us, 'CreditMemo', accounting.create(us, 'CreditMemo', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj],
			[us, 'Payment', accounting.create(us, 'Payment', { CustomerRef: { value: US.amy }, TotalAmt: 5, Line: [{ Amount: 5, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] }) as Obj],
			[us, 'Bill', accounting.create(us, 'Bill', { VendorRef: { value: US.acmeVendor }, Line: [{ Amount: 3, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '10' } } }] }) as Obj],
			[ca, 'Invoice', accounting.create(ca, 'Invoice', { CustomerRef: { value: '1' }, GlobalTaxCalculation: 'TaxInclusive', Line: [itemLine('1', 11.3, {}, { TaxCodeRef: { value: '4' } })] }) as Obj],
		];
		for (const entity of ['Customer', 'Vendor', 'Employee', 'Item', 'Account', 'Term', 'PaymentMethod']) {
			const res = accounting.query(us, `select * from ${entity} MAXRESULTS 1`) as Obj;
			made.push([us, entity, res[entity][0]]);
		}
		made.push([us, 'Customer', accounting.read(us, 'Customer', '5') as Obj]); // a sub-customer
		made.push([us, 'Item', accounting.read(us, 'Item', US.rockFountain) as Obj]);
		for (const [realm, entity, obj] of made) {
			const current = accounting.read(realm, entity, obj.Id) as Obj;
			const updated = accounting.update(realm, entity, current) as Obj;
			expect({ entity, SyncToken: updated.SyncToken }).toEqual({ entity, SyncToken: String(Number(current.SyncToken) + 1) });
			const { SyncToken: _a, MetaData: _b, ...before } = current;
			const { SyncToken: _c, MetaData: _d, ...after } = updated;
			expect({ entity, ...after }).toEqual({ entity, ...before });
		}
	});
});
