import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import type { TestEmulator } from '../../support/emulator';
import { runNode } from '../../support/n8n-context';
import { emulatorForFile, jsonOf, line, locator, query, resetStats, runSync, stats } from './helpers';

// Loopback runs share 2 cores with other suites; a generous bound keeps them from flaking.
jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

/** A work order as the source app sends it. */
interface WorkOrder extends IDataObject {
	id: string;
	customer: string;
	part: string;
	qty: number;
	rate: number;
}

/** Invoice Create parameters that read everything from the work order item. */
function createFromWorkOrder(ifExists: string, extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'invoice',
		operation: 'create',
		customer: locator('name', '={{ $json.customer }}'),
		createCustomerIfMissing: true,
		docNumber: '={{ $json.id }}',
		ifExists,
		lines: {
			line: [
				{ lineType: 'description', description: '=Work order {{ $json.id }}' },
				line('={{ $json.part }}', '={{ $json.qty }}' as unknown as number, '={{ $json.rate }}' as unknown as number),
				line('Labour', 2, 45.5),
			],
		},
		newItemSettings: { incomeAccountId: '1' },
		additionalFields: { customerMemo: 'Thanks!', customFields: { field: [{ name: 'PO Number', value: '={{ "PO-" + $json.id }}' }] } },
		...extra,
	};
}

const orders: WorkOrder[] = [
	{ id: 'WO-1', customer: "O'Malley's Pub", part: 'Valve 3/4"', qty: 2, rate: 12.25 },
	{ id: 'WO-2', customer: 'Café Zoë 😀', part: 'Gasket', qty: 1, rate: 3.1 },
];

function invoicesNumbered(docNumber: string): IDataObject[] {
	return query(qbo, `SELECT * FROM Invoice WHERE DocNumber = '${docNumber}'`);
}

describe('Invoice create', () => {
	it('creates invoices with found-or-created customers and items, description lines and custom fields', async () => {
		const out = jsonOf(await runSync(qbo, createFromWorkOrder('skip'), orders));
		expect(out.map((invoice) => invoice._action)).toEqual(['created', 'created']);
		const first = out[0];
		expect(first.DocNumber).toBe('WO-1');
		expect(first.TotalAmt).toBe(2 * 12.25 + 2 * 45.5);
		const lines = first.Line as IDataObject[];
		expect(lines[0]).toMatchObject({ DetailType: 'DescriptionOnly', Description: 'Work order WO-1' });
		expect((first.CustomField as IDataObject[]).find((field) => field.Name === 'PO Number')?.StringValue).toBe('PO-WO-1');
		expect((first.CustomerRef as IDataObject).name).toBe("O'Malley's Pub");
		expect(first._createdReferences).toEqual(expect.arrayContaining([expect.stringMatching(/^Customer \d+ "O'Malley's Pub"$/), expect.stringMatching(/^Item \d+ "Labour"$/)]));
		// "Labour" is created once for the run, not once per invoice.
		expect(query(qbo, "SELECT * FROM Item WHERE Name = 'Labour'")).toHaveLength(1);
		expect(out[1]._createdReferences).not.toEqual(expect.arrayContaining([expect.stringMatching(/Labour/)]));
	});

	it('a replayed run creates nothing twice: skip returns the existing invoice, update changes it in place, error names it', async () => {
		const created = jsonOf(await runSync(qbo, createFromWorkOrder('skip'), orders));
		await resetStats(qbo);
		const replay = jsonOf(await runSync(qbo, createFromWorkOrder('skip'), orders));
		expect(replay.map((invoice) => invoice._action)).toEqual(['skipped', 'skipped']);
		expect(replay.map((invoice) => invoice.Id)).toEqual(created.map((invoice) => invoice.Id));
		expect((await stats(qbo)).byEndpoint).not.toHaveProperty('POST /batch');
		expect(invoicesNumbered('WO-1')).toHaveLength(1);

		const changed = orders.map((order) => ({ ...order, rate: order.rate + 1 }));
		const updated = jsonOf(await runSync(qbo, createFromWorkOrder('update'), changed));
		expect(updated.map((invoice) => invoice._action)).toEqual(['updated', 'updated']);
		expect(updated[0].Id).toBe(created[0].Id);
		expect(updated[0].TotalAmt).toBe(2 * 13.25 + 2 * 45.5);
		expect(invoicesNumbered('WO-1')).toHaveLength(1);

		const errors = jsonOf(await runSync(qbo, createFromWorkOrder('error'), orders, { continueOnFail: true }));
		expect(errors[0].error).toMatch(new RegExp(`Invoice WO-1 already exists \\(Id ${String(created[0].Id)}\\)`));
		expect(errors[0].parameter).toBe('docNumber');
		await expect(runSync(qbo, createFromWorkOrder('error'), orders)).rejects.toThrow(/already exists/);

		const duplicate = jsonOf(await runSync(qbo, createFromWorkOrder('createAnyway'), [orders[0]]));
		expect(duplicate[0]._action).toBe('createdDuplicate');
		expect(invoicesNumbered('WO-1')).toHaveLength(2);
	});

	it('the same DocNumber twice in one run is written once (skip)', async () => {
		const out = jsonOf(await runSync(qbo, createFromWorkOrder('skip'), [orders[0], orders[0]]));
		expect(out.map((invoice) => invoice._action)).toEqual(['created', 'skipped']);
		expect(out[0].Id).toBe(out[1].Id);
		expect(invoicesNumbered('WO-1')).toHaveLength(1);
	});

	it('applies a percent discount, an amount discount, terms and billing email', async () => {
		const percent = jsonOf(
			await runSync(qbo, {
				resource: 'invoice',
				operation: 'create',
				customer: locator('id', '1'),
				docNumber: 'DISC-1',
				ifExists: 'skip',
				lines: { line: [line('Design', 4, 75)] },
				additionalFields: { discountType: 'percent', discountValue: 10, termsId: '3', billEmail: 'ap@example.com', privateNote: 'internal' },
			}),
		)[0];
		expect(percent.TotalAmt).toBe(270);
		expect((percent.SalesTermRef as IDataObject).value).toBe('3');
		expect((percent.BillEmail as IDataObject).Address).toBe('ap@example.com');
		const amount = jsonOf(
			await runSync(qbo, {
				resource: 'invoice',
				operation: 'create',
				customer: locator('id', '1'),
				docNumber: 'DISC-2',
				ifExists: 'skip',
				lines: { line: [line('Design', 1, 100)] },
				additionalFields: { discountType: 'amount', discountValue: 12.5 },
			}),
		)[0];
		expect(amount.TotalAmt).toBe(87.5);
	});
});

describe('Invoice lines from an array', () => {
	it('turns a variable number of work-order parts into lines, and a bad element fails only its item', async () => {
		const parameters: INodeParameters = {
			resource: 'invoice',
			operation: 'create',
			customer: locator('name', '={{ $json.customer }}'),
			docNumber: '={{ $json.id }}',
			ifExists: 'skip',
			linesInput: 'json',
			linesJson: '={{ $json.lines }}',
			newItemSettings: { incomeAccountId: '1' },
		};
		const out = jsonOf(
			await runSync(
				qbo,
				parameters,
				[
					{
						id: 'ARR-1',
						customer: 'Array Customer',
						lines: [
							{ description: 'Boiler service, 3rd floor' },
							{ itemName: 'Valve', quantity: 3, rate: 12.5 },
							{ itemName: 'Labour', quantity: 1.5, rate: 80, serviceDate: '2026-02-03' },
							{ itemId: '2', amount: 75 },
						],
					},
					{ id: 'ARR-2', customer: 'Array Customer', lines: [{ itemName: 'Valve', quantity: -2, rate: 1 }] },
				],
				{ continueOnFail: true },
			),
		);
		expect(out[0].TotalAmt).toBe(37.5 + 120 + 75);
		const lines = out[0].Line as IDataObject[];
		expect(lines[0]).toMatchObject({ DetailType: 'DescriptionOnly', Description: 'Boiler service, 3rd floor' });
		expect((lines[2].SalesItemLineDetail as IDataObject).ServiceDate).toBe('2026-02-03');
		expect(out[1].parameter).toBe('linesJson[0].quantity');
	});
});

describe('Send by Email After Writing (F2 "Send invoice")', () => {
	it('emails invoices that have a billing address, says so for those without, and never emails a replay twice', async () => {
		const parameters: INodeParameters = {
			resource: 'invoice',
			operation: 'create',
			customer: locator('name', '={{ $json.customer }}'),
			docNumber: '={{ $json.id }}',
			ifExists: 'skip',
			lines: { line: [line('Design', 1, 75)] },
			sendAfterWrite: true,
		};
		const items = [
			{ id: 'SEND-1', customer: "Amy's Bird Sanctuary" },
			{ id: 'SEND-2', customer: 'No Email Ltd' },
		];
		const out = jsonOf(await runSync(qbo, parameters, items));
		expect(out[0]).toMatchObject({ _action: 'created', _sent: true, EmailStatus: 'EmailSent' });
		expect(out[1]).toMatchObject({ _action: 'created', _sent: false, _sendSkipped: expect.stringMatching(/No billing email/) });
		expect(invoicesNumbered('SEND-2')[0].EmailStatus).not.toBe('EmailSent');
		const replay = jsonOf(await runSync(qbo, parameters, items));
		expect(replay[0]).toMatchObject({ _action: 'skipped', _sent: false, _sendSkipped: 'Already emailed' });
	});
});

describe('Invoice create: bad input stops only itself', () => {
	const base = (overrides: IDataObject): IDataObject => ({ id: 'OK-1', customer: 'Good Customer', part: 'Part', qty: 1, rate: 10, ...overrides });
	const bad: Array<[string, IDataObject, RegExp, string]> = [
		['amount not a number', base({ id: 'BAD-1', rate: 'abc' }), /"abc" is not a number/, 'lines[1].rate'],
		['negative quantity', base({ id: 'BAD-2', qty: -3 }), /Quantity -3 is negative/, 'lines[1].quantity'],
		['missing customer', base({ id: 'BAD-3', customer: '' }), /Customer is missing/, 'customer'],
		['DocNumber over 21 characters', base({ id: 'D'.repeat(22) }), /at most 21/, 'docNumber'],
		['display name over 500 characters', base({ id: 'BAD-5', customer: 'n'.repeat(501) }), /at most 500/, 'customer'],
		['item name over 100 characters', base({ id: 'BAD-6', part: 'p'.repeat(101) }), /at most 100/, 'lines[1].itemName'],
	];

	it.each(bad)('%s → an error item naming the parameter; nothing is created for it', async (_label, item, message, parameter) => {
		const out = jsonOf(await runSync(qbo, createFromWorkOrder('skip'), [item, base({})], { continueOnFail: true }));
		expect(out[0].error).toMatch(message);
		expect(out[0].parameter).toBe(parameter);
		expect(out[1]._action).toBe('created');
		expect(query(qbo, 'SELECT * FROM Invoice WHERE DocNumber LIKE \'BAD%\'')).toHaveLength(0);
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName LIKE 'nnnn%'")).toHaveLength(0);
	});

	it('an unknown tax code fails its item before any write', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				createFromWorkOrder('skip', { additionalFields: { taxCodeForAllLines: '={{ $json.tax }}' } }),
				[base({ id: 'BAD-7', tax: 'NOPE' }), base({ tax: 'TAX' })],
				{ continueOnFail: true },
			),
		);
		expect(out[0].error).toMatch(/Unknown tax code "NOPE"/);
		expect(out[0].parameter).toBe('additionalFields.taxCodeForAllLines');
		expect(out[1]._action).toBe('created');
	});

	it('without Continue On Fail a bad item throws before anything is written', async () => {
		await resetStats(qbo);
		await expect(runSync(qbo, createFromWorkOrder('skip'), [base({}), base({ id: 'BAD-8', qty: -1 })])).rejects.toThrow(NodeOperationError);
		const counted = await stats(qbo);
		expect(counted.requests).toBe(0);
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'Good Customer'")).toHaveLength(0);
	});
});

describe('Invoice in a Canadian company', () => {
	it('puts the chosen sales-tax code on every line', async () => {
		const out = jsonOf(
			await runSync(
				qbo,
				createFromWorkOrder('skip', { additionalFields: { taxCodeForAllLines: 'HST ON' } }),
				[{ id: 'CA-1', customer: 'Maple Leaf Café', part: 'Filter', qty: 3, rate: 10 }],
				{ realmId: qbo.realms.ca },
			),
		);
		const invoice = out[0];
		const itemLines = (invoice.Line as IDataObject[]).filter((l) => l.DetailType === 'SalesItemLineDetail');
		expect(itemLines).toHaveLength(2);
		const hst = query(qbo, "SELECT * FROM TaxCode WHERE Name = 'HST ON'", qbo.realms.ca)[0];
		for (const l of itemLines) expect(((l.SalesItemLineDetail as IDataObject).TaxCodeRef as IDataObject).value).toBe(String(hst.Id));
		expect(invoice.TotalAmt).toBe(Math.round((30 + 91) * 1.13 * 100) / 100);
	});

	it('without a tax code QuickBooks refuses the invoice (6000) and the error item says so', async () => {
		const out = jsonOf(
			await runSync(qbo, createFromWorkOrder('skip'), [{ id: 'CA-2', customer: 'Maple Leaf Café', part: 'Filter', qty: 1, rate: 10 }], {
				realmId: qbo.realms.ca,
				continueOnFail: true,
			}),
		);
		expect(out[0].code).toBe('6000');
		expect(String(out[0].description)).toMatch(/Tax Code on every line/);
	});
});

describe('a QuickBooks fault in the middle of a run', () => {
	const perLineTax = (): INodeParameters => ({
		resource: 'invoice',
		operation: 'create',
		customer: locator('name', '={{ $json.customer }}'),
		createCustomerIfMissing: true,
		docNumber: '={{ $json.id }}',
		ifExists: 'skip',
		lines: { line: [line('Filter', 1, 10, { taxCodeId: '={{ $json.tax }}' })] },
	});
	const items = [
		{ id: 'MID-1', customer: 'Prairie Goods', tax: 'GST/PST MB' },
		{ id: 'MID-2', customer: 'Prairie Goods', tax: '' },
		{ id: 'MID-3', customer: 'Nord Café', tax: 'GST/QST QC' },
	];

	it('with Continue On Fail: the faulty item gets QuickBooks\' code, the others are written', async () => {
		const out = jsonOf(await runSync(qbo, perLineTax(), items, { realmId: qbo.realms.ca, continueOnFail: true }));
		expect(out[0]._action).toBe('created');
		expect(out[1].code).toBe('6000');
		expect(out[1].error).toMatch(/item 1/);
		expect(out[2]._action).toBe('created');
	});

	it('with "Continue (using error output)" the failed items carry the error, which n8n routes to the error output by', async () => {
		// n8n sends an item to the error output when `item.error` is set, or when its JSON has no key but
		// error/message/details; ours also carry description/code, so without `error` they went down the success path.
		const withUnknownCode = [...items, { id: 'MID-4', customer: 'Nord Café', tax: 'NO SUCH CODE' }];
		const out = await runSync(qbo, perLineTax(), withUnknownCode, { realmId: qbo.realms.ca, continueOnFail: 'errorOutput' });
		expect(out.map((item) => item.error?.constructor.name)).toEqual([undefined, 'NodeApiError', undefined, 'NodeOperationError']);
		expect(out[1].error?.context.qboFaultCode).toBe('6000');
		expect(out[3].json).toMatchObject({ error: expect.stringContaining('Unknown tax code "NO SUCH CODE"'), parameter: 'lines[0].taxCodeId' });
		expect(out.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((index) => ({ item: index })));
		// With the regular output, n8n keeps the item's JSON as it is (code, description, parameter): no error attached.
		const regular = await runSync(qbo, perLineTax(), withUnknownCode, { realmId: qbo.realms.ca, continueOnFail: true });
		expect(regular.map((item) => item.error)).toEqual([undefined, undefined, undefined, undefined]);
	});

	it('a failure of the whole run (the connection revoked) fails every item instead of passing the input on', async () => {
		// Without this, n8n's Continue On Fail hands the INPUT items to the next node as if they had succeeded.
		const connected = qbo.credentials(qbo.realms.ca);
		const revoked = { ...connected, oauthTokenData: { ...connected.oauthTokenData, access_token: 'revoked-access', refresh_token: 'revoked-refresh' } };
		const { output } = await runNode(QuickBooksSync, { credentials: revoked, parameters: perLineTax(), items, continueOnFail: true });
		expect(output[0]).toHaveLength(items.length);
		for (const [index, item] of output[0].entries()) {
			expect(item.pairedItem).toEqual({ item: index });
			expect(`${String(item.json.error)} ${String(item.json.description)}`).toMatch(/reconnect/i);
		}
		await expect(runNode(QuickBooksSync, { credentials: revoked, parameters: perLineTax(), items })).rejects.toThrow(NodeApiError);
	});

	it('without it: the run throws the first fault AND says what it had already written', async () => {
		const error = await runSync(qbo, perLineTax(), items, { realmId: qbo.realms.ca }).catch((caught: Error) => caught);
		expect(error).toBeInstanceOf(NodeApiError);
		const description = String((error as NodeApiError).description);
		expect(description).toMatch(/Already written by this run before stopping/);
		expect(description).toMatch(/item 0: created Invoice \d+/);
		expect(description).toMatch(/item 2: created Invoice \d+/);
		expect(description).toMatch(/created Customer \d+/);
		// A rerun after fixing the item writes only what is missing.
		const fixed = items.map((item) => ({ ...item, tax: item.tax || 'GST/PST MB' }));
		const rerun = jsonOf(await runSync(qbo, perLineTax(), fixed, { realmId: qbo.realms.ca }));
		expect(rerun.map((invoice) => invoice._action)).toEqual(['skipped', 'created', 'skipped']);
	});
});

describe('Invoice operations on one invoice', () => {
	it('gets, lists, updates, sends, downloads the PDF, voids and deletes', async () => {
		const [created] = jsonOf(await runSync(qbo, createFromWorkOrder('skip', { additionalFields: { billEmail: 'bill@example.com' } }), [orders[0]]));
		const id = String(created.Id);

		const got = jsonOf(await runSync(qbo, { resource: 'invoice', operation: 'get', documentId: locator('id', id) }));
		expect(got[0].DocNumber).toBe('WO-1');
		const listed = jsonOf(await runSync(qbo, { resource: 'invoice', operation: 'getAll', returnAll: true, filters: { docNumber: 'WO-1' } }));
		expect(listed.map((invoice) => invoice.Id)).toEqual([id]);

		const updated = jsonOf(
			await runSync(qbo, {
				resource: 'invoice',
				operation: 'update',
				updateDocumentId: locator('id', id),
				lines: { line: [line('Design', 1, 75)] },
				updateFields: { privateNote: 'changed' },
			}),
		);
		expect(updated[0].TotalAmt).toBe(75);
		expect(updated[0].PrivateNote).toBe('changed');

		const sent = jsonOf(await runSync(qbo, { resource: 'invoice', operation: 'send', documentId: locator('id', id), sendTo: 'other@example.com' }));
		expect(sent[0].EmailStatus).toBe('EmailSent');

		const pdf = await runSync(qbo, { resource: 'invoice', operation: 'downloadPdf', documentId: locator('id', id), binaryPropertyName: 'invoicePdf' });
		const binary = pdf[0].binary?.invoicePdf;
		expect(binary?.mimeType).toBe('application/pdf');
		expect(Buffer.from(binary!.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
		expect(pdf[0].pairedItem).toEqual({ item: 0 });

		const voided = jsonOf(await runSync(qbo, { resource: 'invoice', operation: 'void', documentId: locator('id', id) }));
		expect(voided[0].TotalAmt).toBe(0);

		const deleted = jsonOf(await runSync(qbo, { resource: 'invoice', operation: 'delete', documentId: locator('id', id) }));
		expect(deleted[0]).toMatchObject({ Id: id, deleted: true });
		expect(query(qbo, `SELECT * FROM Invoice WHERE Id = '${id}'`)).toHaveLength(0);
	});

	it('a per-item write that fails stops the run and says which items were already written', async () => {
		const [created] = jsonOf(await runSync(qbo, createFromWorkOrder('skip'), [orders[0]]));
		const error = await runSync(qbo, { resource: 'invoice', operation: 'void', documentId: locator('id', '={{ $json.id }}') }, [{ id: String(created.Id) }, { id: '999999' }]).catch(
			(caught: Error) => caught,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(String((error as NodeApiError).description)).toMatch(new RegExp(`item 0: voided Invoice ${String(created.Id)}`));
	});
});
