/**
 * Simplify: a flat, readable item instead of the whole QuickBooks object, on Get, Get Many, Find and
 * the writes of customers, items, invoices, estimates, sales receipts and payments. Off (the default)
 * returns the QuickBooks object unchanged, which the templates rely on.
 */
import type { IDataObject } from 'n8n-workflow';

import { invoiceStatusOn } from '../../../nodes/QuickBooksSync/actions/common/simplify';
import type { TestEmulator } from '../../support/emulator';
import { emulatorForFile, jsonOf, line, locator, runSync } from './helpers';

jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

async function createDocument(resource: string, docNumber: string, simplify = false): Promise<IDataObject> {
	const [record] = jsonOf(
		await runSync(qbo, {
			resource,
			operation: 'create',
			customer: locator('name', 'Simple Customer'),
			docNumber,
			ifExists: 'skip',
			lines: { line: [line('Inspection', 2, 50)] },
			newItemSettings: { incomeAccountId: '1' },
			additionalFields: { billEmail: 'ap@simple.example' },
			simplify,
		}),
	);
	return record;
}

describe('Simplify on customers and items', () => {
	it('customer Get/Get Many/Find return the flat fields; off returns the QuickBooks object', async () => {
		const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', {
			DisplayName: 'Flat Bakery',
			CompanyName: 'Flat Bakery Ltd',
			PrimaryEmailAddr: { Address: 'orders@flat.example' },
			PrimaryPhone: { FreeFormNumber: '555-0100' },
			BillAddr: { Line1: '1 Main St', City: 'Springfield', CountrySubDivisionCode: 'IL', PostalCode: '62701' },
		}) as IDataObject;
		const id = String(customer.Id);

		const [full] = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'get', customerId: locator('id', id) }));
		expect(full.PrimaryEmailAddr).toEqual({ Address: 'orders@flat.example' });
		expect(full.SyncToken).toBeDefined();

		const [flat] = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'get', customerId: locator('id', id), simplify: true }));
		expect(flat).toEqual({
			id,
			displayName: 'Flat Bakery',
			companyName: 'Flat Bakery Ltd',
			email: 'orders@flat.example',
			phone: '555-0100',
			billingAddress: '1 Main St, Springfield, IL 62701',
			balance: 0,
			active: true,
			updatedAt: expect.any(String),
		});

		const many = jsonOf(await runSync(qbo, { resource: 'customer', operation: 'getAll', returnAll: true, filters: { displayNameContains: 'Flat' }, simplify: true }));
		expect(many).toEqual([expect.objectContaining({ id, email: 'orders@flat.example' })]);
		expect(many[0]).not.toHaveProperty('PrimaryEmailAddr');

		const found = jsonOf(
			await runSync(qbo, { resource: 'customer', operation: 'find', findField: 'DisplayName', findOperator: 'equals', findValue: 'Flat Bakery', simplify: true }),
		);
		expect(found).toEqual([expect.objectContaining({ id, displayName: 'Flat Bakery' })]);
	});

	it('Find or Create keeps _created next to the flat fields; a "not found" item stays as it is', async () => {
		const out = jsonOf(
			await runSync(qbo, { resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: 'New Flat Co', simplify: true }),
		);
		expect(out[0]).toEqual(expect.objectContaining({ displayName: 'New Flat Co', _created: true }));
		expect(out[0]).not.toHaveProperty('DisplayName');

		const missing = jsonOf(
			await runSync(qbo, {
				resource: 'customer',
				operation: 'find',
				findField: 'DisplayName',
				findOperator: 'equals',
				findValue: 'Nobody',
				outputWhenNotFound: true,
				simplify: true,
			}),
		);
		expect(missing).toEqual([{ found: false }]);
	});

	it('item Get returns name, type, price and income account', async () => {
		const item = qbo.emulator.accounting.create(qbo.realms.us, 'Item', { Name: 'Flat Service', Type: 'Service', UnitPrice: 75, IncomeAccountRef: { value: '1' } }) as IDataObject;
		const [flat] = jsonOf(await runSync(qbo, { resource: 'item', operation: 'get', itemId: locator('id', String(item.Id)), simplify: true }));
		expect(flat).toEqual(expect.objectContaining({ id: String(item.Id), name: 'Flat Service', type: 'Service', unitPrice: 75, active: true }));
		expect(flat.incomeAccount).toEqual(expect.any(String));
		expect(flat).not.toHaveProperty('IncomeAccountRef');
	});
});

describe('Simplify on documents and payments', () => {
	it('invoice Create keeps _action/_createdReferences; Get and Get Many give customer, dates, totals, balance and status', async () => {
		const created = await createDocument('invoice', 'S-1', true);
		expect(created).toEqual(
			expect.objectContaining({ docNumber: 'S-1', customerName: 'Simple Customer', totalAmount: 100, balance: 100, status: 'Open', billEmail: 'ap@simple.example', _action: 'created' }),
		);
		expect(created._createdReferences).toEqual(expect.arrayContaining([expect.stringMatching(/^Customer \d+ "Simple Customer"$/)]));
		expect(created).not.toHaveProperty('Line');

		const [got] = jsonOf(await runSync(qbo, { resource: 'invoice', operation: 'get', documentId: locator('id', String(created.id)), simplify: true }));
		expect(got).toEqual(expect.objectContaining({ id: created.id, docNumber: 'S-1', customerId: created.customerId, txnDate: expect.any(String), status: 'Open' }));

		await runSync(qbo, { resource: 'payment', operation: 'create', matchInvoicesBy: 'DocNumber', invoices: 'S-1', amount: 40 });
		const listed = jsonOf(await runSync(qbo, { resource: 'invoice', operation: 'getAll', returnAll: true, filters: { docNumber: 'S-1' }, simplify: true }));
		expect(listed).toEqual([expect.objectContaining({ balance: 60, status: 'Partially Paid', paymentIds: [expect.any(String)] })]);
	});

	it('estimate and sales receipt: status, expiration, payment method fields', async () => {
		const estimate = await createDocument('estimate', 'SE-1', true);
		expect(estimate).toEqual(expect.objectContaining({ docNumber: 'SE-1', totalAmount: 100, status: 'Pending', invoiceIds: [] }));
		const receipt = await createDocument('salesReceipt', 'SR-1');
		expect(receipt.Line).toBeDefined(); // off: the whole object
		const [flat] = jsonOf(await runSync(qbo, { resource: 'salesReceipt', operation: 'get', documentId: locator('id', String(receipt.Id)), simplify: true }));
		expect(flat).toEqual(expect.objectContaining({ id: String(receipt.Id), docNumber: 'SR-1', totalAmount: 100, customerName: 'Simple Customer' }));
	});

	it('payment Create lists the invoices it paid; Mark Invoice Paid on a paid invoice gives the simplified invoice', async () => {
		const invoice = await createDocument('invoice', 'SP-1');
		const [payment] = jsonOf(
			await runSync(qbo, { resource: 'payment', operation: 'markInvoicePaid', matchInvoicesBy: 'DocNumber', invoices: 'SP-1', simplify: true }),
		);
		expect(payment).toEqual(expect.objectContaining({ totalAmount: 100, invoiceIds: [String(invoice.Id)], customerName: 'Simple Customer', _action: 'created' }));
		const [again] = jsonOf(
			await runSync(qbo, { resource: 'payment', operation: 'markInvoicePaid', matchInvoicesBy: 'DocNumber', invoices: 'SP-1', simplify: true }),
		);
		expect(again).toEqual(expect.objectContaining({ id: String(invoice.Id), docNumber: 'SP-1', balance: 0, status: 'Paid', _action: 'alreadyPaid' }));
	});

	it('an expression decides per item', async () => {
		const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Per Item' }) as IDataObject;
		const out = jsonOf(
			await runSync(qbo, { resource: 'customer', operation: 'get', customerId: locator('id', String(customer.Id)), simplify: '={{ $json.flat }}' }, [
				{ flat: true },
				{ flat: false },
			]),
		);
		expect(out[0]).toHaveProperty('displayName', 'Per Item');
		expect(out[1]).toHaveProperty('DisplayName', 'Per Item');
	});
});

describe('invoice status (QuickBooks stores none)', () => {
	it.each([
		[{ TotalAmt: 100, Balance: 100, DueDate: '2030-01-01' }, 'Open'],
		[{ TotalAmt: 100, Balance: 40, DueDate: '2030-01-01' }, 'Partially Paid'],
		[{ TotalAmt: 100, Balance: 40, DueDate: '2020-01-01' }, 'Overdue'],
		[{ TotalAmt: 100, Balance: 0, DueDate: '2020-01-01' }, 'Paid'],
		[{ TotalAmt: 0, Balance: 0 }, 'Closed'],
	])('%j is %s', (record, status) => {
		expect(invoiceStatusOn(record, '2026-06-01')).toBe(status);
	});
});
