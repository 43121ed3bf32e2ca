import type { IDataObject, INodeParameters, INodeType } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { resetConcurrencyLimiters } from '../../../nodes/shared/transport/concurrency';
import type { TestEmulator } from '../../support/emulator';
import { runNode } from '../../support/n8n-context';
import { admin, emulatorForFile, locator, nodeOfAnotherProcess, query } from './helpers';

/**
 * Exactly once under concurrency (issue 14): the same business event run by 2 or 5 executions AT THE
 * SAME TIME ends as ONE object in QuickBooks and zero failed executions, whether or not the company
 * refuses duplicate document numbers, with the node's client-side pacing on and off. Half of the
 * executions run a second copy of the node's modules (jest.isolateModules), i.e. with none of the
 * first copy's in-process state, as a second n8n process would. The emulator delays every write
 * (write latency) so the executions' checks and writes really interleave.
 */
jest.setTimeout(180_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

/** The node as loaded by a second "process": its own module registry, its own limiters and caches. */
const OtherProcessNode: new () => INodeType = nodeOfAnotherProcess();

type DuplicateSetting = 'refuse' | 'allow';
type Pacing = 'on' | 'off';

const PACING_ENV = ['QBO_SYNC_MAX_PER_SECOND', 'QBO_SYNC_MAX_PER_MINUTE', 'QBO_SYNC_MAX_BATCH_PER_MINUTE', 'QBO_SYNC_MAX_CONCURRENCY'];
const savedEnv = Object.fromEntries(PACING_ENV.map((key) => [key, process.env[key]]));
afterAll(() => {
	for (const key of PACING_ENV) {
		if (savedEnv[key] === undefined) delete process.env[key];
		else process.env[key] = savedEnv[key];
	}
	resetConcurrencyLimiters();
});

/** Pacing on: Intuit's defaults (10/s, 500/min, 10 in flight). Off: every window and the in-flight cap lifted. */
function setPacing(pacing: Pacing): void {
	if (pacing === 'off') {
		process.env.QBO_SYNC_MAX_PER_SECOND = '0';
		process.env.QBO_SYNC_MAX_PER_MINUTE = '0';
		process.env.QBO_SYNC_MAX_BATCH_PER_MINUTE = '0';
		process.env.QBO_SYNC_MAX_CONCURRENCY = '1000';
	} else {
		for (const key of PACING_ENV) delete process.env[key];
	}
	resetConcurrencyLimiters();
}

/** The company setting for duplicate document numbers, and a write latency that makes the races real. */
async function configureCompany(duplicates: DuplicateSetting): Promise<void> {
	await admin(qbo, 'config', { writeLatencyMs: 120, duplicateDocNumbers: { [qbo.realms.us]: duplicates } });
}

interface RaceResult {
	/** Executions that failed (the node threw). */
	failed: string[];
	/** Output items of the executions that finished. */
	outputs: IDataObject[];
}

/** Starts `n` executions of the node at the same moment; odd ones run the "other process" copy. */
async function race(n: number, parameters: INodeParameters, items: IDataObject[] = [{}]): Promise<RaceResult> {
	const credentials = qbo.credentials();
	const runs = Array.from({ length: n }, async (_, index) => {
		const NodeClass = (index % 2 === 0 ? QuickBooksSync : OtherProcessNode) as unknown as typeof QuickBooksSync;
		return await runNode(NodeClass, { credentials, parameters, items });
	});
	const settled = await Promise.allSettled(runs);
	const failed: string[] = [];
	const outputs: IDataObject[] = [];
	for (const result of settled) {
		if (result.status === 'rejected') failed.push(String((result.reason as Error)?.message ?? result.reason));
		else outputs.push(...result.value.output[0].map((item) => item.json));
	}
	return { failed, outputs };
}

let counter = 0;
/** A document number no earlier trial used. */
function freshNumber(prefix: string): string {
	counter++;
	return `${prefix}-${Date.now() % 100_000}-${counter}`;
}

function seededCustomerId(): string {
	return String(query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'Amy\\'s Bird Sanctuary'")[0].Id);
}

/** Create parameters of a document for an existing customer and an existing item: only the document races. */
function createParameters(resource: string, docNumber: string, ifExists = 'skip'): INodeParameters {
	return {
		resource,
		operation: 'create',
		customer: locator('id', seededCustomerId()),
		docNumber,
		ifExists,
		lines: { line: [{ lineType: 'item', itemBy: 'name', itemName: 'Design', createItemIfMissing: false, quantity: 2, rate: 75, amount: 0 }] },
	};
}

function documentsNumbered(entity: string, docNumber: string): IDataObject[] {
	return query(qbo, `SELECT * FROM ${entity} WHERE DocNumber = '${docNumber}'`);
}

/** Two open estimates of one customer, written straight into the emulator. */
function openEstimates(customerId: string): string[] {
	const itemId = String(query(qbo, "SELECT * FROM Item WHERE Name = 'Design'")[0].Id);
	return [100, 60].map((amount) => {
		const estimate = qbo.emulator.accounting.create(qbo.realms.us, 'Estimate', {
			CustomerRef: { value: customerId },
			Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: amount } }],
		});
		return String(estimate.Id);
	});
}

/** Invoices that link any of the estimates. */
function invoicesLinking(estimateIds: string[]): IDataObject[] {
	return query(qbo, 'SELECT * FROM Invoice MAXRESULTS 1000').filter((invoice) =>
		((invoice.LinkedTxn ?? []) as IDataObject[]).some((link) => link.TxnType === 'Estimate' && estimateIds.includes(String(link.TxnId))),
	);
}

/** Every setting the races run under: company duplicate check × pacing × executions × trials. */
const MATRIX: Array<[DuplicateSetting, Pacing, number, number]> = [];
for (const duplicates of ['refuse', 'allow'] as const) {
	for (const pacing of ['off', 'on'] as const) {
		for (const n of [2, 5]) for (const trial of [1, 2]) MATRIX.push([duplicates, pacing, n, trial]);
	}
}

function expectExactlyOnce(result: RaceResult, n: number): void {
	expect(result.failed).toEqual([]);
	expect(result.outputs).toHaveLength(n);
	expect(new Set(result.outputs.map((out) => String(out.Id))).size).toBe(1);
}

describe.each([
	['invoice', 'Invoice'],
	['estimate', 'Estimate'],
	['salesReceipt', 'SalesReceipt'],
])('%s Create raced', (resource, entity) => {
	test.each(MATRIX)('duplicate numbers %s, pacing %s: %d executions at once (trial %d) → one document, none failed', async (duplicates, pacing, n) => {
		setPacing(pacing);
		await configureCompany(duplicates);
		const docNumber = freshNumber('R');
		const result = await race(n, createParameters(resource, docNumber));
		expect(documentsNumbered(entity, docNumber)).toHaveLength(1);
		expectExactlyOnce(result, n);
		expect(result.outputs.filter((out) => out._action === 'created')).toHaveLength(1);
		expect(result.outputs.filter((out) => out._action === 'skipped')).toHaveLength(n - 1);
	});
});

describe('invoice Create raced with "Update It"', () => {
	test.each([['refuse'], ['allow']] as Array<[DuplicateSetting]>)('duplicate numbers %s: 5 at once → one invoice, the losers update it', async (duplicates) => {
		setPacing('off');
		await configureCompany(duplicates);
		const docNumber = freshNumber('RU');
		const result = await race(5, createParameters('invoice', docNumber, 'update'));
		expect(documentsNumbered('Invoice', docNumber)).toHaveLength(1);
		expectExactlyOnce(result, 5);
		expect(result.outputs.filter((out) => out._action === 'created')).toHaveLength(1);
	});
});

describe('Convert to Invoice raced', () => {
	test.each(MATRIX)('by IDs with a Document Number, duplicate numbers %s, pacing %s: %d at once (trial %d) → one invoice', async (duplicates, pacing, n) => {
		setPacing(pacing);
		await configureCompany(duplicates);
		const estimateIds = openEstimates(seededCustomerId());
		const docNumber = freshNumber('RC');
		const parameters = { resource: 'estimate', operation: 'convertToInvoice', estimateSource: 'ids', estimateIds: estimateIds.join(','), docNumber, ifExists: 'skip' };
		const result = await race(n, parameters);
		expect(invoicesLinking(estimateIds)).toHaveLength(1);
		expectExactlyOnce(result, n);
		expect(result.outputs.filter((out) => out._action === 'created')).toHaveLength(1);
	});

	test.each(MATRIX)('by IDs WITHOUT a Document Number, duplicate numbers %s, pacing %s: %d at once (trial %d) → one invoice', async (duplicates, pacing, n) => {
		setPacing(pacing);
		await configureCompany(duplicates);
		const estimateIds = openEstimates(seededCustomerId());
		const parameters = { resource: 'estimate', operation: 'convertToInvoice', estimateSource: 'ids', estimateIds: estimateIds.join(','), ifExists: 'skip' };
		const result = await race(n, parameters);
		expect(invoicesLinking(estimateIds)).toHaveLength(1);
		expectExactlyOnce(result, n);
		expect(result.outputs.filter((out) => out._action === 'created')).toHaveLength(1);
	});

	test.each(MATRIX)('all open estimates of a customer, no Document Number (F1b), duplicate numbers %s, pacing %s: %d at once (trial %d)', async (duplicates, pacing, n) => {
		setPacing(pacing);
		await configureCompany(duplicates);
		const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: freshNumber('Race customer') });
		const estimateIds = openEstimates(String(customer.Id));
		const parameters = {
			resource: 'estimate',
			operation: 'convertToInvoice',
			estimateSource: 'customer',
			estimateCustomerId: locator('id', String(customer.Id)),
			ifExists: 'skip',
			whenNoneOpen: 'output',
		};
		const result = await race(n, parameters);
		expect(invoicesLinking(estimateIds)).toHaveLength(1);
		expect(result.failed).toEqual([]);
		expect(result.outputs).toHaveLength(n);
		expect(result.outputs.filter((out) => out._action === 'created')).toHaveLength(1);
		// A loser that still saw the estimates open answers with the winner's invoice; one that came after sees nothing left to invoice.
		for (const out of result.outputs) expect(['created', 'skipped', 'nothingToInvoice']).toContain(out._action);
		const invoiceIds = new Set(result.outputs.filter((out) => out._action !== 'nothingToInvoice').map((out) => String(out.Id)));
		expect(invoiceIds.size).toBe(1);
	});
});

describe('sparse Update raced', () => {
	test.each(MATRIX)('duplicate numbers %s, pacing %s: %d identical updates at once (trial %d) → written once, none failed', async (duplicates, pacing, n) => {
		setPacing(pacing);
		await configureCompany(duplicates);
		const invoice = qbo.emulator.accounting.create(qbo.realms.us, 'Invoice', {
			CustomerRef: { value: seededCustomerId() },
			Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 10 } }],
		});
		const note = freshNumber('note');
		const parameters = {
			resource: 'invoice',
			operation: 'update',
			updateDocumentId: locator('id', String(invoice.Id)),
			updateFields: { privateNote: note, customerMemo: `Memo ${note}` },
		};
		const result = await race(n, parameters);
		expect(result.failed).toEqual([]);
		expect(result.outputs).toHaveLength(n);
		const stored = qbo.emulator.accounting.read(qbo.realms.us, 'Invoice', String(invoice.Id));
		expect(stored.PrivateNote).toBe(note);
		// One new version: the change was written once, not once per execution.
		expect(stored.SyncToken).toBe('1');
		for (const out of result.outputs) expect(out).toMatchObject({ Id: invoice.Id, PrivateNote: note });
	});
});

describe('customer and item Update raced', () => {
	const PACED: Array<[Pacing, number]> = [];
	for (const pacing of ['on', 'off'] as Pacing[]) for (const n of [2, 5]) PACED.push([pacing, n]);

	test.each(PACED)('pacing %s: %d identical customer updates at once → written once, none failed', async (pacing, n) => {
		setPacing(pacing);
		await configureCompany('refuse');
		const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: freshNumber('Race Update Customer') });
		const note = freshNumber('notes');
		const result = await race(n, { resource: 'customer', operation: 'update', updateCustomerId: locator('id', String(customer.Id)), updateFields: { Notes: note } });
		expect(result.failed).toEqual([]);
		expect(result.outputs).toHaveLength(n);
		const stored = qbo.emulator.accounting.read(qbo.realms.us, 'Customer', String(customer.Id));
		expect(stored.Notes).toBe(note);
		expect(stored.SyncToken).toBe('1');
	});

	test.each(PACED)('pacing %s: %d identical item updates at once → written once, none failed', async (pacing, n) => {
		setPacing(pacing);
		await configureCompany('refuse');
		const item = qbo.emulator.accounting.create(qbo.realms.us, 'Item', { Name: freshNumber('Race Update Item'), Type: 'Service', IncomeAccountRef: { value: '1' } });
		const description = freshNumber('description');
		const result = await race(n, { resource: 'item', operation: 'update', itemId: locator('id', String(item.Id)), updateFields: { Description: description } });
		expect(result.failed).toEqual([]);
		expect(result.outputs).toHaveLength(n);
		const stored = qbo.emulator.accounting.read(qbo.realms.us, 'Item', String(item.Id));
		expect(stored.Description).toBe(description);
		expect(stored.SyncToken).toBe('1');
	});
});

describe('Void and Delete raced', () => {
	const CASES: Array<[string, string, 'void' | 'delete', Pacing, number]> = [];
	for (const [resource, entity] of [['invoice', 'Invoice'], ['salesReceipt', 'SalesReceipt']]) {
		for (const operation of ['void', 'delete'] as const) for (const pacing of ['on', 'off'] as Pacing[]) for (const n of [2, 5]) CASES.push([resource, entity, operation, pacing, n]);
	}
	for (const pacing of ['on', 'off'] as Pacing[]) for (const n of [2, 5]) CASES.push(['estimate', 'Estimate', 'delete', pacing, n]);

	test.each(CASES)('%s %s %s, pacing %s: %d at once → done once, none failed', async (resource, entity, operation, pacing, n) => {
		setPacing(pacing);
		await configureCompany('refuse');
		const document = qbo.emulator.accounting.create(qbo.realms.us, entity, {
			CustomerRef: { value: seededCustomerId() },
			Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 10 } }],
		});
		const result = await race(n, { resource, operation, documentId: locator('id', String(document.Id)) });
		expect(result.failed).toEqual([]);
		expect(result.outputs).toHaveLength(n);
		expect(result.outputs.filter((out) => out.error !== undefined)).toEqual([]);
		const already = result.outputs.filter((out) => String(out._action ?? '').startsWith('already'));
		expect(already).toHaveLength(n - 1);
		if (operation === 'delete') {
			expect(query(qbo, `SELECT * FROM ${entity} WHERE Id = '${String(document.Id)}'`)).toHaveLength(0);
		} else {
			const stored = qbo.emulator.accounting.read(qbo.realms.us, entity, String(document.Id));
			expect(Number(stored.TotalAmt)).toBe(0);
			// Voided once: one new version, not one per execution.
			expect(stored.SyncToken).toBe('1');
		}
	});
});

describe('payment Void and Delete raced', () => {
	const CASES: Array<['void' | 'delete', Pacing, number]> = [];
	for (const operation of ['void', 'delete'] as const) for (const pacing of ['on', 'off'] as Pacing[]) for (const n of [2, 5]) CASES.push([operation, pacing, n]);

	test.each(CASES)('payment %s, pacing %s: %d at once → done once, none failed', async (operation, pacing, n) => {
		setPacing(pacing);
		await configureCompany('refuse');
		const payment = qbo.emulator.accounting.create(qbo.realms.us, 'Payment', { CustomerRef: { value: seededCustomerId() }, TotalAmt: 10 });
		const result = await race(n, { resource: 'payment', operation, paymentId: locator('id', String(payment.Id)) });
		expect(result.failed).toEqual([]);
		expect(result.outputs).toHaveLength(n);
		expect(result.outputs.filter((out) => out.error !== undefined)).toEqual([]);
		expect(result.outputs.filter((out) => String(out._action ?? '').startsWith('already'))).toHaveLength(n - 1);
		if (operation === 'delete') {
			expect(query(qbo, `SELECT * FROM Payment WHERE Id = '${String(payment.Id)}'`)).toHaveLength(0);
		} else {
			const stored = qbo.emulator.accounting.read(qbo.realms.us, 'Payment', String(payment.Id));
			expect(Number(stored.TotalAmt)).toBe(0);
			expect(stored.SyncToken).toBe('1');
		}
	});
});

describe('status changes raced', () => {
	const PACED: Array<[Pacing, number]> = [];
	for (const pacing of ['on', 'off'] as Pacing[]) for (const n of [2, 5]) PACED.push([pacing, n]);

	test.each(PACED)('pacing %s: %d Accept of one estimate at once → written once, none failed', async (pacing, n) => {
		setPacing(pacing);
		await configureCompany('refuse');
		const estimate = qbo.emulator.accounting.create(qbo.realms.us, 'Estimate', {
			CustomerRef: { value: seededCustomerId() },
			Line: [{ DetailType: 'SalesItemLineDetail', Amount: 10, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 10 } }],
		});
		const result = await race(n, { resource: 'estimate', operation: 'accept', documentId: locator('id', String(estimate.Id)) });
		expect(result.failed).toEqual([]);
		expect(result.outputs.filter((out) => out.error !== undefined)).toEqual([]);
		const stored = qbo.emulator.accounting.read(qbo.realms.us, 'Estimate', String(estimate.Id));
		expect(stored.TxnStatus).toBe('Accepted');
		expect(stored.SyncToken).toBe('1');
	});

	test.each(PACED)('pacing %s: %d Make Inactive of one customer at once → written once, none failed', async (pacing, n) => {
		setPacing(pacing);
		await configureCompany('refuse');
		const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: freshNumber('Race Inactive') });
		const result = await race(n, { resource: 'customer', operation: 'makeInactive', customerId: locator('id', String(customer.Id)) });
		expect(result.failed).toEqual([]);
		expect(result.outputs.filter((out) => out.error !== undefined)).toEqual([]);
		const stored = qbo.emulator.accounting.read(qbo.realms.us, 'Customer', String(customer.Id));
		expect(stored.Active).toBe(false);
		expect(stored.SyncToken).toBe('1');
	});
});
