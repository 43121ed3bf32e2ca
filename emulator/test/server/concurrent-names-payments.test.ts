import { createInvoice, faultCodes, newCustomer, startTestEmulator, type TestEmulator } from './http-helpers';

/**
 * How the emulator answers concurrent writes of names and payments over real sockets, as QuickBooks
 * does: a name is a lock (exactly one create wins, the others get 6240 whose Detail names the
 * winner's Id), and a payment never applies more than an invoice has open (the later one is refused
 * with 6000; the balance never goes below zero). Payments themselves have no key: two different
 * payments of the same reference are both stored.
 */

let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());

describe('concurrent writes', () => {
	test('5 creates of one new customer name at once: one 200, four 6240 naming the winner', async () => {
		// Answers held back 50 ms, so all five are in flight together.
		await t.admin('POST', 'faults', { count: 5, mode: 'delay', delayMs: 50, match: { pathIncludes: '/customer' } });
		const customer = newCustomer('Race');
		const answers = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', '/customer?minorversion=75', { json: customer })));
		const winners = answers.filter((answer) => answer.status === 200);
		expect(winners).toHaveLength(1);
		const winnerId = winners[0].json.Customer.Id;
		for (const loser of answers.filter((answer) => answer.status !== 200)) {
			expect(loser.status).toBe(400);
			expect(faultCodes(loser.json)).toEqual(['6240']);
			expect(loser.json.Fault.Error[0].Detail).toBe(`The name supplied already exists. : Id=${winnerId}`);
		}
	});

	test('5 creates of one new item name in one batch each, at once: one created, four 6240 naming it', async () => {
		const name = `Race Item ${process.pid}-${Date.now()}`;
		const body = { BatchItemRequest: [{ bId: '1', operation: 'create', Item: { Name: name, Type: 'Service', IncomeAccountRef: { value: '1' } } }] };
		const answers = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', '/batch?minorversion=75', { json: body })));
		const items = answers.map((answer) => answer.json.BatchItemResponse[0]);
		const created = items.filter((item) => item.Item);
		expect(created).toHaveLength(1);
		for (const item of items.filter((entry) => entry.Fault)) {
			expect(item.Fault.Error[0]).toMatchObject({ code: '6240', Detail: `The name supplied already exists. : Id=${created[0].Item.Id}` });
		}
	});

	test('5 full-balance payments of one invoice at once: one applies, four are refused (6000), the balance is 0', async () => {
		const invoice = await createInvoice(t);
		const payment = { CustomerRef: invoice.CustomerRef, TotalAmt: 10, Line: [{ Amount: 10, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] };
		const answers = await Promise.all(Array.from({ length: 5 }, () => t.api('POST', '/payment?minorversion=75', { json: payment })));
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
		for (const loser of answers.filter((answer) => answer.status !== 200)) expect(faultCodes(loser.json)).toEqual(['6000']);
		const after = await t.api('GET', `/invoice/${String(invoice.Id)}`);
		expect(after.json.Invoice.Balance).toBe(0);
	});

	test('two partial payments with one reference number at once are both stored: QuickBooks keeps no key on payments', async () => {
		const invoice = await createInvoice(t);
		const payment = { CustomerRef: invoice.CustomerRef, TotalAmt: 4, PaymentRefNum: 'SAME-REF', Line: [{ Amount: 4, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }] };
		const answers = await Promise.all([1, 2].map(() => t.api('POST', '/payment?minorversion=75', { json: payment })));
		expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
		const after = await t.api('GET', `/invoice/${String(invoice.Id)}`);
		expect(after.json.Invoice.Balance).toBe(2);
	});
});
