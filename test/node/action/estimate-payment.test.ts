import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { TestEmulator } from '../../support/emulator';
import { emulatorForFile, jsonOf, line, locator, query, runSync } from './helpers';

// Loopback runs share 2 cores with other suites; a generous bound keeps them from flaking.
jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

/** F1b: each completed work order becomes an estimate with its description as a line. */
function estimateParameters(): INodeParameters {
	return {
		resource: 'estimate',
		operation: 'create',
		customer: locator('name', '={{ $json.customer }}'),
		createCustomerIfMissing: true,
		docNumber: '={{ $json.id }}',
		ifExists: 'skip',
		lines: {
			line: [
				{ lineType: 'description', description: '={{ $json.description }}' },
				line('={{ $json.service }}', 1, '={{ $json.price }}' as unknown as number),
			],
		},
		additionalFields: { customerMemo: '={{ $json.description }}' },
	};
}

const workOrders = [
	{ id: 'E-1', customer: 'Harbour Hotel', description: 'Fix boiler', service: 'Boiler repair', price: 250 },
	{ id: 'E-2', customer: 'Harbour Hotel', description: 'Replace lobby lights', service: 'Electrical', price: 120.5 },
	{ id: 'E-3', customer: 'Harbour Hotel', description: 'Paint fence', service: 'Painting', price: 80 },
];

describe('Estimate', () => {
	it('creates estimates idempotently and converts all open estimates of a customer into ONE invoice linked both ways', async () => {
		const estimates = jsonOf(await runSync(qbo, estimateParameters(), workOrders));
		expect(estimates.map((estimate) => estimate._action)).toEqual(['created', 'created', 'created']);
		const replay = jsonOf(await runSync(qbo, estimateParameters(), workOrders));
		expect(replay.map((estimate) => estimate._action)).toEqual(['skipped', 'skipped', 'skipped']);
		expect(query(qbo, "SELECT * FROM Estimate WHERE DocNumber IN ('E-1','E-2','E-3')")).toHaveLength(3);

		const customerId = String((estimates[0].CustomerRef as IDataObject).value);
		const convert: INodeParameters = {
			resource: 'estimate',
			operation: 'convertToInvoice',
			estimateSource: 'customer',
			estimateCustomerId: locator('id', customerId),
			headingLines: true,
			docNumber: 'HH-INV-1',
			ifExists: 'skip',
		};
		const [invoice] = jsonOf(await runSync(qbo, convert));
		expect(invoice._action).toBe('created');
		expect(invoice.TotalAmt).toBe(450.5);
		const descriptions = (invoice.Line as IDataObject[]).filter((l) => l.DetailType === 'DescriptionOnly').map((l) => l.Description);
		expect(descriptions).toEqual(expect.arrayContaining(['Estimate E-1: Fix boiler', 'Estimate E-2: Replace lobby lights', 'Estimate E-3: Paint fence']));
		const links = (invoice.LinkedTxn as IDataObject[]).filter((link) => link.TxnType === 'Estimate').map((link) => link.TxnId);
		expect(links.sort()).toEqual(estimates.map((estimate) => String(estimate.Id)).sort());

		for (const estimate of estimates) {
			const stored = query(qbo, `SELECT * FROM Estimate WHERE Id = '${String(estimate.Id)}'`)[0];
			expect(stored.TxnStatus).toBe('Closed');
			expect(stored.LinkedTxn).toEqual(expect.arrayContaining([{ TxnId: String(invoice.Id), TxnType: 'Invoice' }]));
		}

		// A second conversion finds no open estimate: the invoice with the same DocNumber is returned as skipped, never duplicated.
		const again = jsonOf(await runSync(qbo, convert));
		expect(again).toEqual([expect.objectContaining({ Id: invoice.Id, _action: 'skipped' })]);
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'HH-INV-1'")).toHaveLength(1);
	});

	it('a customer with no open estimate fails the item, or says "nothing to invoice" when asked to', async () => {
		const [estimate] = jsonOf(await runSync(qbo, estimateParameters(), workOrders.slice(0, 1)));
		const customerId = String((estimate.CustomerRef as IDataObject).value);
		const convert: INodeParameters = {
			resource: 'estimate',
			operation: 'convertToInvoice',
			estimateSource: 'customer',
			estimateCustomerId: locator('id', customerId),
			ifExists: 'skip',
			whenNoneOpen: 'output',
		};
		const [invoice] = jsonOf(await runSync(qbo, convert));
		expect(invoice._action).toBe('created');

		// No Document Number: nothing to recognise the replay by but the closed estimates.
		const replay = jsonOf(await runSync(qbo, convert));
		expect(replay).toEqual([{ _action: 'nothingToInvoice', customerId, message: `Customer ${customerId} has no open estimate: nothing to invoice` }]);
		const failed = jsonOf(await runSync(qbo, { ...convert, whenNoneOpen: 'error' }, [{}], { continueOnFail: true }));
		expect(failed[0]).toMatchObject({ error: expect.stringContaining(`Customer ${customerId} has no open estimate`), parameter: 'estimateCustomerId' });
		// A Document Number that was never used does not turn "nothing open" into a skip.
		const unused = jsonOf(await runSync(qbo, { ...convert, docNumber: 'NEVER-USED' }));
		expect(unused[0]._action).toBe('nothingToInvoice');
		expect(query(qbo, 'SELECT * FROM Invoice')).toHaveLength(1);
	});

	it('converts estimates given by ID; a replay finds the invoice that bills them; a closed one with an open one is refused', async () => {
		const estimates = jsonOf(await runSync(qbo, estimateParameters(), workOrders));
		const ids = estimates.slice(0, 2).map((estimate) => String(estimate.Id)).join(', ');
		const convert = { resource: 'estimate', operation: 'convertToInvoice', estimateSource: 'ids', estimateIds: ids, headingLines: false, ifExists: 'skip' };
		const [invoice] = jsonOf(await runSync(qbo, convert));
		expect(invoice.TotalAmt).toBe(370.5);
		expect((invoice.Line as IDataObject[]).some((l) => String(l.Description ?? '').startsWith('Estimate '))).toBe(false);
		// No Document Number: the closed estimates themselves are the key of the replay.
		const [replay] = jsonOf(await runSync(qbo, convert));
		expect(replay).toMatchObject({ _action: 'skipped', Id: invoice.Id });
		const failed = jsonOf(await runSync(qbo, { ...convert, ifExists: 'error' }, [{}], { continueOnFail: true }));
		expect(failed[0].error).toMatch(/already exists/);
		const mixed = `${String(estimates[0].Id)}, ${String(estimates[2].Id)}`;
		const refused = jsonOf(await runSync(qbo, { ...convert, estimateIds: mixed }, [{}], { continueOnFail: true }));
		expect(refused[0].error).toMatch(/is Closed/);
		expect(query(qbo, 'SELECT * FROM Invoice')).toHaveLength(1);
	});

	it('accepts, rejects and closes estimates; sends and downloads one', async () => {
		const estimates = jsonOf(await runSync(qbo, estimateParameters(), workOrders));
		const id = (index: number) => locator('id', String(estimates[index].Id));
		const accepted = jsonOf(await runSync(qbo, { resource: 'estimate', operation: 'accept', documentId: id(0), acceptedBy: 'Ana' }));
		expect(accepted[0]).toMatchObject({ TxnStatus: 'Accepted', AcceptedBy: 'Ana' });
		expect(jsonOf(await runSync(qbo, { resource: 'estimate', operation: 'reject', documentId: id(1) }))[0].TxnStatus).toBe('Rejected');
		expect(jsonOf(await runSync(qbo, { resource: 'estimate', operation: 'close', documentId: id(2) }))[0].TxnStatus).toBe('Closed');
		const sent = jsonOf(await runSync(qbo, { resource: 'estimate', operation: 'send', documentId: id(0), sendTo: 'manager@harbourhotel.example' }));
		expect(sent[0].EmailStatus).toBe('EmailSent');
		const pdf = await runSync(qbo, { resource: 'estimate', operation: 'downloadPdf', documentId: id(0), binaryPropertyName: 'data' });
		expect(pdf[0].binary?.data.mimeType).toBe('application/pdf');
		const many = jsonOf(await runSync(qbo, { resource: 'estimate', operation: 'getAll', returnAll: true, filters: {} }));
		expect(many.length).toBeGreaterThanOrEqual(3);
		const updated = jsonOf(await runSync(qbo, { resource: 'estimate', operation: 'update', updateDocumentId: id(0), updateFields: { privateNote: 'n' } }));
		expect(updated[0].PrivateNote).toBe('n');
		const deleted = jsonOf(await runSync(qbo, { resource: 'estimate', operation: 'delete', documentId: id(2) }));
		expect(deleted[0].deleted).toBe(true);
	});
});

describe('Payment', () => {
	async function twoInvoices(): Promise<IDataObject[]> {
		return jsonOf(
			await runSync(
				qbo,
				{
					resource: 'invoice',
					operation: 'create',
					customer: locator('name', 'Payer Inc'),
					createCustomerIfMissing: true,
					docNumber: '={{ $json.doc }}',
					ifExists: 'skip',
					lines: { line: [line('Design', 1, '={{ $json.amount }}' as unknown as number)] },
				},
				[
					{ doc: 'P-1', amount: 100 },
					{ doc: 'P-2', amount: 50 },
				],
			),
		);
	}

	it('applies one payment to several invoices by DocNumber, lowering their balances', async () => {
		await twoInvoices();
		const [payment] = jsonOf(await runSync(qbo, { resource: 'payment', operation: 'create', matchInvoicesBy: 'DocNumber', invoices: 'P-1, P-2', amount: 120 }));
		expect(payment.TotalAmt).toBe(120);
		const balances = query(qbo, "SELECT * FROM Invoice WHERE DocNumber IN ('P-1','P-2')").map((invoice) => [invoice.DocNumber, invoice.Balance]);
		expect(Object.fromEntries(balances)).toEqual({ 'P-1': 0, 'P-2': 30 });

		const voided = jsonOf(await runSync(qbo, { resource: 'payment', operation: 'void', paymentId: locator('id', String(payment.Id)) }));
		expect(voided[0].TotalAmt).toBe(0);
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'P-1'")[0].Balance).toBe(100);
	});

	it('a payment with a Reference Number is recorded once, however often it is replayed', async () => {
		await twoInvoices();
		const parameters = {
			resource: 'payment',
			operation: 'create',
			matchInvoicesBy: 'DocNumber',
			invoices: 'P-1',
			amount: 40,
			additionalFields: { paymentRefNum: '={{ $json.ref }}' },
		};
		const first = jsonOf(await runSync(qbo, parameters, [{ ref: 'CRM-PMT-77' }]));
		expect(first[0]._action).toBe('created');
		const replay = jsonOf(await runSync(qbo, parameters, [{ ref: 'CRM-PMT-77' }, { ref: 'CRM-PMT-78' }]));
		expect(replay[0]).toMatchObject({ _action: 'skipped', Id: first[0].Id });
		expect(replay[1]._action).toBe('created');
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'P-1'")[0].Balance).toBe(20);
		expect(query(qbo, 'SELECT * FROM Payment')).toHaveLength(2);
	});

	it('Create on an invoice with no open balance records nothing: the invoice comes back as alreadyPaid, never an unapplied credit', async () => {
		await twoInvoices();
		const pay = (ref: string) => ({
			resource: 'payment',
			operation: 'create',
			matchInvoicesBy: 'DocNumber',
			invoices: 'P-2',
			amount: 50,
			additionalFields: { paymentRefNum: ref },
		});
		expect(jsonOf(await runSync(qbo, pay('CRM-A')))[0]._action).toBe('created');
		// Another reference for the same, now settled, invoice (e.g. the CRM's "paid" event and its payment event).
		const again = jsonOf(await runSync(qbo, pay('CRM-B')));
		expect(again[0]).toMatchObject({ _action: 'alreadyPaid', DocNumber: 'P-2', Balance: 0 });
		expect(query(qbo, 'SELECT * FROM Payment')).toHaveLength(1);
	});

	it('marks invoices paid (open balance by default) and never pays one twice', async () => {
		const invoices = await twoInvoices();
		const first = jsonOf(
			await runSync(qbo, { resource: 'payment', operation: 'markInvoicePaid', matchInvoicesBy: 'Id', invoices: '={{ $json.id }}' }, [
				{ id: String(invoices[0].Id) },
				{ id: String(invoices[0].Id) },
			]),
		);
		expect(first[0]._action).toBe('created');
		expect(first[0].TotalAmt).toBe(100);
		expect(first[1]._action).toBe('alreadyPaid');
		const replay = jsonOf(await runSync(qbo, { resource: 'payment', operation: 'markInvoicePaid', matchInvoicesBy: 'DocNumber', invoices: 'P-1' }));
		expect(replay[0]._action).toBe('alreadyPaid');
		expect(query(qbo, 'SELECT * FROM Payment')).toHaveLength(1);

		const got = jsonOf(await runSync(qbo, { resource: 'payment', operation: 'get', paymentId: locator('id', String(first[0].Id)) }));
		expect(got[0].TotalAmt).toBe(100);
		const many = jsonOf(await runSync(qbo, { resource: 'payment', operation: 'getAll', returnAll: true, filters: {} }));
		expect(many).toHaveLength(1);
		const deleted = jsonOf(await runSync(qbo, { resource: 'payment', operation: 'delete', paymentId: locator('id', String(first[0].Id)) }));
		expect(deleted[0].deleted).toBe(true);
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'P-1'")[0].Balance).toBe(100);
	});

	it('an unknown invoice number fails only its item', async () => {
		await twoInvoices();
		const out = jsonOf(
			await runSync(qbo, { resource: 'payment', operation: 'create', matchInvoicesBy: 'DocNumber', invoices: '={{ $json.doc }}', amount: 0 }, [{ doc: 'NOPE-9' }, { doc: 'P-2' }], {
				continueOnFail: true,
			}),
		);
		expect(out[0].error).toMatch(/No invoice with Document Number "NOPE-9"/);
		expect(out[1].TotalAmt).toBe(50);
	});
});

describe('Sales receipt', () => {
	it('records a paid sale for a customer matched by email (created when missing), replay-safe, voidable', async () => {
		const parameters: INodeParameters = {
			resource: 'salesReceipt',
			operation: 'create',
			customer: locator('email', '={{ $json.email }}'),
			createCustomerIfMissing: true,
			newCustomerFields: { DisplayName: '={{ $json.name }}' },
			docNumber: '={{ $json.paymentId }}',
			ifExists: 'skip',
			lines: { line: [line('Membership', 1, 49.99)] },
			additionalFields: { paymentMethodId: '3' },
		};
		const items = [
			{ email: 'birds@intuit.example', name: 'unused', paymentId: 'CRM-PAY-1' },
			{ email: 'new.member@example.com', name: 'New Member', paymentId: 'CRM-PAY-2' },
		];
		const out = jsonOf(await runSync(qbo, parameters, items));
		expect((out[0].CustomerRef as IDataObject).name).toBe("Amy's Bird Sanctuary");
		expect((out[1].CustomerRef as IDataObject).name).toBe('New Member');
		expect(out[1].TotalAmt).toBe(49.99);
		const replay = jsonOf(await runSync(qbo, parameters, items));
		expect(replay.map((receipt) => receipt._action)).toEqual(['skipped', 'skipped']);
		expect(query(qbo, 'SELECT * FROM SalesReceipt')).toHaveLength(2);

		const voided = jsonOf(await runSync(qbo, { resource: 'salesReceipt', operation: 'void', documentId: locator('id', String(out[0].Id)) }));
		expect(voided[0].TotalAmt).toBe(0);
		const pdf = await runSync(qbo, { resource: 'salesReceipt', operation: 'downloadPdf', documentId: locator('id', String(out[1].Id)), binaryPropertyName: 'data' });
		expect(pdf[0].binary?.data.fileName).toMatch(/\.pdf$/);

		const id = locator('id', String(out[1].Id));
		expect(jsonOf(await runSync(qbo, { resource: 'salesReceipt', operation: 'get', documentId: id }))[0].DocNumber).toBe('CRM-PAY-2');
		const listed = jsonOf(await runSync(qbo, { resource: 'salesReceipt', operation: 'getAll', returnAll: true, filters: { docNumber: 'CRM-PAY-2' } }));
		expect(listed).toHaveLength(1);
		const updated = jsonOf(await runSync(qbo, { resource: 'salesReceipt', operation: 'update', updateDocumentId: id, updateFields: { privateNote: 'renewal' } }));
		expect(updated[0].PrivateNote).toBe('renewal');
		const sent = jsonOf(await runSync(qbo, { resource: 'salesReceipt', operation: 'send', documentId: id, sendTo: '' }));
		expect(sent[0].EmailStatus).toBe('EmailSent');
		expect(jsonOf(await runSync(qbo, { resource: 'salesReceipt', operation: 'delete', documentId: id }))[0].deleted).toBe(true);
	});
});
