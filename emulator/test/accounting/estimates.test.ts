import { faultOf, freshAccounting, itemLine, US, type Obj } from './helpers';

describe('estimates', () => {
	test('an estimate starts Pending; an invoice made from it closes it and both sides link', () => {
		const { accounting, us } = freshAccounting();
		const est = accounting.create(us, 'Estimate', { CustomerRef: { value: US.amy }, Line: [itemLine(US.design, 150, {}, { Qty: 2, UnitPrice: 75 })] }) as Obj;
		expect(est).toMatchObject({ TxnStatus: 'Pending', TotalAmt: 150, LinkedTxn: [] });
		expect(est).not.toHaveProperty('Balance');
		const inv = accounting.create(us, 'Invoice', {
			CustomerRef: { value: US.amy },
			LinkedTxn: [{ TxnId: est.Id, TxnType: 'Estimate' }],
			Line: [itemLine(US.design, 150, {}, { Qty: 2, UnitPrice: 75 })],
		}) as Obj;
		expect(inv.LinkedTxn).toEqual([{ TxnId: est.Id, TxnType: 'Estimate' }]);
		const closed = accounting.read(us, 'Estimate', est.Id) as Obj;
		expect(closed).toMatchObject({ TxnStatus: 'Closed', SyncToken: '1', LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] });
	});

	test('linking an estimate that does not exist is a business validation fault', () => {
		const { accounting, us } = freshAccounting();
		const fault = faultOf(() =>
			accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, LinkedTxn: [{ TxnId: '555', TxnType: 'Estimate' }], Line: [itemLine(US.services, 1)] }),
		);
		expect(fault.code).toBe('6000');
		expect(fault.Detail).toContain('Estimate 555');
		const other = accounting.create(us, 'Estimate', { CustomerRef: { value: US.coolCars }, Line: [itemLine(US.services, 1)] }) as Obj;
		const wrongCustomer = faultOf(() =>
			accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, LinkedTxn: [{ TxnId: other.Id, TxnType: 'Estimate' }], Line: [itemLine(US.services, 1)] }),
		);
		expect(wrongCustomer.code).toBe('6000');
		expect(accounting.read(us, 'Estimate', other.Id).TxnStatus).toBe('Pending');
	});

	test('deleting the invoice reopens the estimate and removes its link', () => {
		const { accounting, us } = freshAccounting();
		const est = accounting.create(us, 'Estimate', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj;
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, LinkedTxn: [{ TxnId: est.Id, TxnType: 'Estimate' }], Line: [itemLine(US.services, 10)] }) as Obj;
		accounting.delete(us, 'Invoice', { Id: inv.Id, SyncToken: inv.SyncToken });
		expect(accounting.read(us, 'Estimate', est.Id)).toMatchObject({ TxnStatus: 'Pending', LinkedTxn: [] });
	});

	test('TxnStatus accepts Pending, Accepted, Closed, Rejected only; estimates cannot be voided', () => {
		const { accounting, us } = freshAccounting();
		const est = accounting.create(us, 'Estimate', { CustomerRef: { value: US.amy }, TxnStatus: 'Accepted', ExpirationDate: '2030-01-01', Line: [itemLine(US.services, 10)] }) as Obj;
		expect(est.TxnStatus).toBe('Accepted');
		expect(faultOf(() => accounting.update(us, 'Estimate', { Id: est.Id, SyncToken: '0', sparse: true, TxnStatus: 'Maybe' })).code).toBe('2170');
		expect(accounting.update(us, 'Estimate', { Id: est.Id, SyncToken: '0', sparse: true, TxnStatus: 'Rejected' })).toMatchObject({ TxnStatus: 'Rejected' });
		expect(faultOf(() => accounting.void(us, 'Estimate', { Id: est.Id, SyncToken: '1' })).code).toBe('500');
	});
});
