import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { resetConcurrencyLimiters } from '../../../nodes/shared/transport/concurrency';
import type { TestEmulator } from '../../support/emulator';
import { runNode } from '../../support/n8n-context';
import { emulatorForFile, jsonOf, line, locator, nodeOfAnotherProcess, query, runSync } from './helpers';

/**
 * Exactly once under concurrency, for customers, items and payments (issue 14): the same business
 * event run by 2 and 5 executions AT THE SAME MOMENT must leave one object in QuickBooks, correct
 * balances, and no failed execution; the losers end as "found" / "skipped" / "alreadyPaid" with the
 * winner's object. Each race runs with the node's client-side pacing on (Intuit's defaults) and off,
 * in one "process" and in two (a second, isolated copy of the node: its own transport limits and
 * pacing, as a second n8n worker would have), so neither pacing nor in-process state can be what
 * makes a race pass.
 */

// Many races per test on a shared 2-core machine.
jest.setTimeout(420_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

type NodeClass = typeof QuickBooksSync;

const PACING_OFF = { QBO_SYNC_MAX_PER_SECOND: '0', QBO_SYNC_MAX_PER_MINUTE: '0', QBO_SYNC_MAX_BATCH_PER_MINUTE: '0' };

interface Setting {
	pacing: 'on' | 'off';
	processes: 1 | 2;
}

const SETTINGS: Setting[] = [
	{ pacing: 'on', processes: 1 },
	{ pacing: 'off', processes: 1 },
	{ pacing: 'on', processes: 2 },
	{ pacing: 'off', processes: 2 },
];

const PARALLEL = [2, 5];
const TRIALS = 3;

/** What one race produced: the executions that threw, and the output items of the others. */
interface RaceOutcome {
	failed: unknown[];
	outputs: IDataObject[][];
}

/** Applies the pacing setting (read by the transport when it first sees a realm) and fresh node copies. */
function prepare(setting: Setting): NodeClass[] {
	for (const [key, value] of Object.entries(PACING_OFF)) {
		if (setting.pacing === 'off') process.env[key] = value;
		else delete process.env[key];
	}
	resetConcurrencyLimiters();
	return setting.processes === 1 ? [QuickBooksSync] : [QuickBooksSync, nodeOfAnotherProcess()];
}

afterAll(() => {
	for (const key of Object.keys(PACING_OFF)) delete process.env[key];
	resetConcurrencyLimiters();
});

/** Starts `count` executions of the same parameters and items at once, spread over the "processes". */
async function race(nodes: NodeClass[], count: number, parameters: INodeParameters, items: IDataObject[] = [{}]): Promise<RaceOutcome> {
	const runs = Array.from({ length: count }, async (_, index) => {
		const { output } = await runNode(nodes[index % nodes.length], { credentials: qbo.credentials(), parameters, items });
		return output[0];
	});
	const settled = await Promise.allSettled(runs);
	const failed = settled.filter((result) => result.status === 'rejected').map((result) => (result as PromiseRejectedResult).reason);
	const outputs = settled
		.filter((result): result is PromiseFulfilledResult<INodeExecutionData[]> => result.status === 'fulfilled')
		.map((result) => jsonOf(result.value));
	return { failed, outputs };
}

/** Messages of failed executions, for a readable assertion failure. */
function messages(outcome: RaceOutcome): string[] {
	return outcome.failed.map((error) => String((error as Error).message ?? error));
}

/**
 * Every race of a scenario: each setting × 2 and 5 executions × TRIALS, a fresh business key per
 * trial. Every race runs even when an earlier one fails, so the failure lists all races that broke
 * (e.g. "pacing off, 2 processes, 5 executions, trial 1: …") and how many of the 24.
 */
async function eachRace(run: (nodes: NodeClass[], count: number, key: string) => Promise<void>): Promise<void> {
	let serial = 0;
	const broken: string[] = [];
	for (const setting of SETTINGS) {
		const nodes = prepare(setting);
		for (const count of PARALLEL) {
			for (let trial = 0; trial < TRIALS; trial++) {
				serial++;
				try {
					await run(nodes, count, `${setting.pacing}${setting.processes}-${count}-${trial}-${serial}`);
				} catch (error) {
					const first = String((error as Error).message).split('\n').filter(Boolean).slice(0, 6).join(' | ');
					broken.push(`pacing ${setting.pacing}, ${setting.processes} process(es), ${count} executions, trial ${trial}: ${first}`);
				}
			}
		}
	}
	expect({ broken: broken.length, of: serial, races: broken }).toEqual({ broken: 0, of: serial, races: [] });
}

describe('Find or Create under concurrency: one record, every execution succeeds', () => {
	it('customer: the same new display name in 2 and 5 parallel executions', async () => {
		await eachRace(async (nodes, count, key) => {
			const name = `Race Customer ${key}`;
			const outcome = await race(nodes, count, { resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: name });
			expect(messages(outcome)).toEqual([]);
			const stored = query(qbo, `SELECT * FROM Customer WHERE DisplayName = '${name}'`);
			expect(stored).toHaveLength(1);
			const results = outcome.outputs.map((output) => output[0]);
			expect(results.map((result) => result.Id)).toEqual(results.map(() => stored[0].Id));
			// The winner created it; every loser found the winner's customer.
			expect(results.filter((result) => result._created === true)).toHaveLength(1);
		});
	});

	it('customer by email: the same new email in 2 and 5 parallel executions', async () => {
		await eachRace(async (nodes, count, key) => {
			const email = `race-${key}@example.com`;
			const outcome = await race(nodes, count, {
				resource: 'customer',
				operation: 'findOrCreate',
				matchOn: 'PrimaryEmailAddr',
				email,
				displayName: `Race Mail ${key}`,
			});
			expect(messages(outcome)).toEqual([]);
			const stored = query(qbo, `SELECT * FROM Customer WHERE PrimaryEmailAddr = '${email}'`);
			expect(stored).toHaveLength(1);
			expect(outcome.outputs.map((output) => output[0].Id)).toEqual(outcome.outputs.map(() => stored[0].Id));
		});
	});

	it('item: the same new name in 2 and 5 parallel executions', async () => {
		await eachRace(async (nodes, count, key) => {
			const name = `Race Part ${key}`;
			const outcome = await race(nodes, count, { resource: 'item', operation: 'findOrCreate', name, newItemSettings: {} });
			expect(messages(outcome)).toEqual([]);
			const stored = query(qbo, `SELECT * FROM Item WHERE Name = '${name}'`);
			expect(stored).toHaveLength(1);
			const results = outcome.outputs.map((output) => output[0]);
			expect(results.map((result) => result.Id)).toEqual(results.map(() => stored[0].Id));
			expect(results.filter((result) => result._created === true)).toHaveLength(1);
		});
	});

	it('a name held by a vendor is still a clash: reported with the vendor, never taken for the customer', async () => {
		const nodes = prepare({ pacing: 'off', processes: 1 });
		const outcome = await race(nodes, 2, { resource: 'customer', operation: 'findOrCreate', matchOn: 'DisplayName', displayName: 'Acme Facilities Ltd' });
		expect(outcome.outputs).toEqual([]);
		expect(messages(outcome)).toEqual([expect.stringMatching(/already used by Vendor \d+/), expect.stringMatching(/already used by Vendor \d+/)]);
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'Acme Facilities Ltd'")).toHaveLength(0);
	});
});

describe('Invoice create (F1 path) under concurrency: new customer and new items by name', () => {
	it('work orders of one new customer with the same new parts, posted at the same moment: one customer, one item each', async () => {
		await eachRace(async (nodes, count, key) => {
			const customer = `Race Pub ${key}`;
			const parts = [`Race Valve ${key}`, `Race Labour ${key}`];
			// Distinct work orders (distinct DocNumbers): the documents themselves are not what races here.
			const runs = Array.from({ length: count }, async (_, index) => {
				const { output } = await runNode(nodes[index % nodes.length], {
					credentials: qbo.credentials(),
					parameters: {
						resource: 'invoice',
						operation: 'create',
						customer: locator('name', customer),
						createCustomerIfMissing: true,
						docNumber: `R${index}-${key}`.slice(0, 21),
						ifExists: 'skip',
						lines: { line: [line(parts[0], 1, 12.25), line(parts[1], 2, 45.5)] },
						newItemSettings: { incomeAccountId: '1' },
					},
					items: [{}],
				});
				return jsonOf(output[0])[0];
			});
			const settled = await Promise.allSettled(runs);
			const failed = settled.filter((result) => result.status === 'rejected').map((result) => String((result as PromiseRejectedResult).reason));
			expect(failed).toEqual([]);
			const customers = query(qbo, `SELECT * FROM Customer WHERE DisplayName = '${customer}'`);
			expect(customers).toHaveLength(1);
			for (const part of parts) expect(query(qbo, `SELECT * FROM Item WHERE Name = '${part}'`)).toHaveLength(1);
			const invoices = query(qbo, `SELECT * FROM Invoice WHERE CustomerRef = '${String(customers[0].Id)}'`);
			expect(invoices).toHaveLength(count);
			expect(invoices.every((invoice) => invoice.TotalAmt === 103.25)).toBe(true);
		});
	});
});

describe('Payments under concurrency: one payment, the right balance, every execution succeeds', () => {
	/** A fresh invoice of 100.00 for the race. */
	async function invoiceFor(key: string): Promise<IDataObject> {
		const docNumber = `P${key}`.slice(0, 21);
		const [invoice] = jsonOf(
			await runSync(qbo, {
				resource: 'invoice',
				operation: 'create',
				customer: locator('name', 'Payer Inc'),
				createCustomerIfMissing: true,
				docNumber,
				ifExists: 'skip',
				lines: { line: [line('Design', 1, 100)] },
				newItemSettings: { incomeAccountId: '1' },
			}),
		);
		return invoice;
	}

	function paymentsOf(invoiceId: string): IDataObject[] {
		const invoice = query(qbo, `SELECT * FROM Invoice WHERE Id = '${invoiceId}'`)[0];
		const ids = ((invoice.LinkedTxn ?? []) as IDataObject[]).filter((link) => link.TxnType === 'Payment').map((link) => String(link.TxnId));
		return ids.length ? query(qbo, `SELECT * FROM Payment WHERE Id IN (${ids.map((id) => `'${id}'`).join(',')})`) : [];
	}

	function balanceOf(invoiceId: string): number {
		return Number(query(qbo, `SELECT * FROM Invoice WHERE Id = '${invoiceId}'`)[0].Balance);
	}

	it('a partial payment with one reference number: one payment of 40, balance 60', async () => {
		await eachRace(async (nodes, count, key) => {
			const invoice = await invoiceFor(key);
			const ref = `R${key}`.slice(0, 21);
			const outcome = await race(nodes, count, {
				resource: 'payment',
				operation: 'create',
				matchInvoicesBy: 'Id',
				invoices: String(invoice.Id),
				amount: 40,
				additionalFields: { paymentRefNum: ref },
			});
			expect(messages(outcome)).toEqual([]);
			const payments = paymentsOf(String(invoice.Id));
			expect(payments).toHaveLength(1);
			expect(query(qbo, `SELECT * FROM Payment WHERE CustomerRef = '${String((invoice.CustomerRef as IDataObject).value)}'`).filter((p) => p.PaymentRefNum === ref)).toHaveLength(1);
			expect(balanceOf(String(invoice.Id))).toBe(60);
			const results = outcome.outputs.map((output) => output[0]);
			expect(results.filter((result) => result._action === 'created')).toHaveLength(1);
			expect(results.filter((result) => result._action === 'skipped')).toHaveLength(count - 1);
			expect(results.map((result) => result.Id)).toEqual(results.map(() => payments[0].Id));
		});
	});

	it('a partial payment keyed by Private Note (a source ID longer than a reference number allows): one payment', async () => {
		await eachRace(async (nodes, count, key) => {
			const invoice = await invoiceFor(key);
			const sourceId = `pi_3PaymentIntent_${key}_LongerThan21`;
			const outcome = await race(nodes, count, {
				resource: 'payment',
				operation: 'create',
				matchInvoicesBy: 'Id',
				invoices: String(invoice.Id),
				amount: 25,
				additionalFields: { privateNote: sourceId, duplicateKey: 'PrivateNote' },
			});
			expect(messages(outcome)).toEqual([]);
			const payments = paymentsOf(String(invoice.Id));
			expect(payments.map((payment) => payment.PrivateNote)).toEqual([sourceId]);
			expect(balanceOf(String(invoice.Id))).toBe(75);
			const results = outcome.outputs.map((output) => output[0]);
			expect(results.filter((result) => result._action === 'created')).toHaveLength(1);
			expect(results.filter((result) => result._action === 'skipped' && result.Id === payments[0].Id)).toHaveLength(count - 1);
		});
	});

	it('a full-balance payment with one reference number: one payment of 100, balance 0', async () => {
		await eachRace(async (nodes, count, key) => {
			const invoice = await invoiceFor(key);
			const ref = `F${key}`.slice(0, 21);
			const outcome = await race(nodes, count, {
				resource: 'payment',
				operation: 'create',
				matchInvoicesBy: 'Id',
				invoices: String(invoice.Id),
				amount: 0,
				additionalFields: { paymentRefNum: ref },
			});
			expect(messages(outcome)).toEqual([]);
			const payments = paymentsOf(String(invoice.Id));
			expect(payments).toHaveLength(1);
			expect(payments[0].TotalAmt).toBe(100);
			expect(balanceOf(String(invoice.Id))).toBe(0);
			const results = outcome.outputs.map((output) => output[0]);
			expect(results.filter((result) => result._action === 'created')).toHaveLength(1);
			// The losers answer with the winner's payment, found by its reference number.
			expect(results.filter((result) => result._action === 'skipped' && result.Id === payments[0].Id)).toHaveLength(count - 1);
		});
	});

	it('Mark Invoice Paid: one payment of the open balance, the losers see the invoice as already paid', async () => {
		await eachRace(async (nodes, count, key) => {
			const invoice = await invoiceFor(key);
			const outcome = await race(nodes, count, { resource: 'payment', operation: 'markInvoicePaid', matchInvoicesBy: 'Id', invoices: String(invoice.Id) });
			expect(messages(outcome)).toEqual([]);
			const payments = paymentsOf(String(invoice.Id));
			expect(payments).toHaveLength(1);
			expect(payments[0].TotalAmt).toBe(100);
			expect(balanceOf(String(invoice.Id))).toBe(0);
			const results = outcome.outputs.map((output) => output[0]);
			expect(results.filter((result) => result._action === 'created')).toHaveLength(1);
			const losers = results.filter((result) => result._action === 'alreadyPaid');
			expect(losers).toHaveLength(count - 1);
			// The invoice they return is the paid one, linked to the winner's payment.
			for (const loser of losers) {
				expect(loser).toMatchObject({ Id: invoice.Id, Balance: 0 });
				expect(loser.LinkedTxn).toEqual(expect.arrayContaining([{ TxnId: payments[0].Id, TxnType: 'Payment' }]));
			}
		});
	});
});
