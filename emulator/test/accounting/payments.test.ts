import { faultOf, freshAccounting, itemLine, US, type Obj } from './helpers';

function setup() {
	const env = freshAccounting();
	const { accounting, us } = env;
	const invoice = (amount: number, customer = US.amy) =>
		accounting.create(us, 'Invoice', { CustomerRef: { value: customer }, Line: [itemLine(US.services, amount)] }) as Obj;
	const pay = (total: number, applied: [string, number][], customer = US.amy) =>
		accounting.create(us, 'Payment', {
			CustomerRef: { value: customer },
			TotalAmt: total,
			Line: applied.map(([id, amount]) => ({ Amount: amount, LinkedTxn: [{ TxnId: id, TxnType: 'Invoice' }] })),
		}) as Obj;
	return { ...env, invoice, pay };
}

describe('payments', () => {
	test('a partial payment lowers the balance; the invoice links to the payment', () => {
		const { accounting, us, invoice, pay } = setup();
		const inv = invoice(100);
		const p = pay(40, [[inv.Id, 40]]);
		expect(p).toMatchObject({ TotalAmt: 40, UnappliedAmt: 0, DepositToAccountRef: { name: 'Undeposited Funds' } });
		const after = accounting.read(us, 'Invoice', inv.Id) as Obj;
		expect(after).toMatchObject({ Balance: 60, TotalAmt: 100, SyncToken: '1' });
		expect(after.LinkedTxn).toEqual([{ TxnId: p.Id, TxnType: 'Payment' }]);
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(60);
	});

	test('one payment across several invoices, with the rest unapplied', () => {
		const { accounting, us, invoice, pay } = setup();
		const a = invoice(100);
		const b = invoice(50.5);
		const p = pay(200, [
			[a.Id, 100],
			[b.Id, 50.5],
		]);
		expect(p.UnappliedAmt).toBe(49.5);
		expect(accounting.read(us, 'Invoice', a.Id).Balance).toBe(0);
		expect(accounting.read(us, 'Invoice', b.Id).Balance).toBe(0);
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(0);
	});

	test('two payments pay an invoice in full; over-applying is refused and changes nothing', () => {
		const { accounting, us, invoice, pay } = setup();
		const inv = invoice(100);
		pay(30, [[inv.Id, 30]]);
		const fault = faultOf(() => pay(80, [[inv.Id, 80]]));
		expect(fault.code).toBe('6000');
		expect(accounting.read(us, 'Invoice', inv.Id).Balance).toBe(70);
		pay(70, [[inv.Id, 70]]);
		const paid = accounting.read(us, 'Invoice', inv.Id) as Obj;
		expect(paid.Balance).toBe(0);
		expect(paid.LinkedTxn).toHaveLength(2);
	});

	test('applying more than the payment total, or another customer\'s invoice, is refused', () => {
		const { invoice, pay } = setup();
		const inv = invoice(100);
		expect(faultOf(() => pay(10, [[inv.Id, 20]])).code).toBe('6000');
		const other = invoice(100, US.coolCars);
		expect(faultOf(() => pay(100, [[other.Id, 100]])).code).toBe('6000');
		expect(faultOf(() => pay(100, [['98765', 100]])).code).toBe('2500');
	});

	test('required fields: CustomerRef and TotalAmt (2020)', () => {
		const { accounting, us } = setup();
		expect(faultOf(() => accounting.create(us, 'Payment', { TotalAmt: 5 }))).toMatchObject({ code: '2020', element: 'CustomerRef' });
		expect(faultOf(() => accounting.create(us, 'Payment', { CustomerRef: { value: US.amy } }))).toMatchObject({ code: '2020', element: 'TotalAmt' });
	});

	test('deleting a payment restores the balances and removes the links', () => {
		const { accounting, us, invoice, pay } = setup();
		const inv = invoice(100);
		const p = pay(100, [[inv.Id, 100]]);
		accounting.delete(us, 'Payment', { Id: p.Id, SyncToken: p.SyncToken });
		const after = accounting.read(us, 'Invoice', inv.Id) as Obj;
		expect(after.Balance).toBe(100);
		expect(after.LinkedTxn).toEqual([]);
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(100);
	});

	test('voiding a payment (update + include=void) zeroes it and restores the balance', () => {
		const { accounting, us, invoice, pay } = setup();
		const inv = invoice(100);
		const p = pay(60, [[inv.Id, 60]]);
		const voided = accounting.update(us, 'Payment', { Id: p.Id, SyncToken: p.SyncToken, sparse: true }, { include: ['void'] }) as Obj;
		expect(voided).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0, PrivateNote: 'Voided', SyncToken: '1' });
		expect(accounting.read(us, 'Invoice', inv.Id).Balance).toBe(100);
	});

	test('updating a payment re-applies it (balances follow the new amounts)', () => {
		const { accounting, us, invoice, pay } = setup();
		const inv = invoice(100);
		const p = pay(50, [[inv.Id, 50]]);
		accounting.update(us, 'Payment', { Id: p.Id, SyncToken: '0', sparse: true, TotalAmt: 80, Line: [{ Amount: 80, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
		expect(accounting.read(us, 'Invoice', inv.Id).Balance).toBe(20);
		// Re-applying up to the invoice's full amount is allowed: its own earlier application counts as open.
		accounting.update(us, 'Payment', { Id: p.Id, SyncToken: '1', sparse: true, TotalAmt: 100, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] });
		expect(accounting.read(us, 'Invoice', inv.Id).Balance).toBe(0);
	});

	test('deleting or voiding a paid invoice leaves the money as unapplied credit on the payment', () => {
		const { accounting, us, invoice, pay } = setup();
		const inv = invoice(100);
		const p = pay(100, [[inv.Id, 100]]);
		const current = accounting.read(us, 'Invoice', inv.Id) as Obj;
		accounting.void(us, 'Invoice', { Id: inv.Id, SyncToken: current.SyncToken });
		const after = accounting.read(us, 'Payment', p.Id) as Obj;
		expect(after).toMatchObject({ UnappliedAmt: 100, Line: [], SyncToken: '1' });
		expect(accounting.read(us, 'Invoice', inv.Id)).toMatchObject({ Balance: 0, TotalAmt: 0, LinkedTxn: [] });
	});

	test('a payment after a stale invoice edit: the invoice SyncToken moved, so the old token is 5010', () => {
		const { accounting, us, invoice, pay } = setup();
		const inv = invoice(100);
		pay(10, [[inv.Id, 10]]);
		expect(faultOf(() => accounting.update(us, 'Invoice', { Id: inv.Id, SyncToken: '0', sparse: true, PrivateNote: 'x' })).code).toBe('5010');
	});

	test('an invoice with payments applied cannot move to another customer', () => {
		const { accounting, us, invoice, pay } = setup();
		const inv = invoice(100);
		pay(10, [[inv.Id, 10]]);
		const current = accounting.read(us, 'Invoice', inv.Id) as Obj;
		expect(faultOf(() => accounting.update(us, 'Invoice', { Id: inv.Id, SyncToken: current.SyncToken, sparse: true, CustomerRef: { value: US.coolCars } })).code).toBe('6000');
	});

	test('a credit memo used in a payment pays part of an invoice; both balances and links follow', () => {
		const { accounting, us, invoice } = setup();
		const inv = invoice(100);
		const cm = accounting.create(us, 'CreditMemo', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 30)] }) as Obj;
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(70);
		const p = accounting.create(us, 'Payment', {
			CustomerRef: { value: US.amy },
			TotalAmt: 70,
			Line: [
				{ Amount: 100, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] },
				{ Amount: 30, LinkedTxn: [{ TxnId: cm.Id, TxnType: 'CreditMemo' }] },
			],
		}) as Obj;
		expect(p.UnappliedAmt).toBe(0);
		expect(accounting.read(us, 'Invoice', inv.Id).Balance).toBe(0);
		expect(accounting.read(us, 'CreditMemo', cm.Id)).toMatchObject({ Balance: 0, RemainingCredit: 0, LinkedTxn: [{ TxnId: p.Id, TxnType: 'Payment' }] });
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(0);
		// Used credit can not be deleted away, nor used twice.
		expect(faultOf(() => accounting.delete(us, 'CreditMemo', { Id: cm.Id, SyncToken: '1' })).code).toBe('6000');
		const inv2 = invoice(10);
		expect(faultOf(() => accounting.create(us, 'Payment', { CustomerRef: { value: US.amy }, TotalAmt: 0, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: inv2.Id, TxnType: 'Invoice' }] }, { Amount: 10, LinkedTxn: [{ TxnId: cm.Id, TxnType: 'CreditMemo' }] }] })).code).toBe('6000');
		// Deleting the payment gives the credit back.
		accounting.delete(us, 'Payment', { Id: p.Id, SyncToken: '0' });
		expect(accounting.read(us, 'CreditMemo', cm.Id)).toMatchObject({ Balance: 30, RemainingCredit: 30, LinkedTxn: [] });
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(80);
	});
});
