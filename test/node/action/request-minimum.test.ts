import type { IDataObject } from 'n8n-workflow';

import type { ResolvedDocument } from '../../../nodes/QuickBooksSync/sync/drafts';
import { byDocNumber } from '../../../nodes/QuickBooksSync/sync/exactlyOnce';
import { resetConcurrencyLimiters } from '../../../nodes/shared/transport/concurrency';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { createTransportContext, runNode } from '../../support/n8n-context';
import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { jsonOf, line, locator, query, resetStats, runSync, stats } from './helpers';

/**
 * The requests of the exactly-once machinery at scale (issue 16): the read-back after the creates
 * never asks a page it could have known was empty, and the losers of name races read their winners
 * in grouped `Id IN (…)` queries, not one GET each. Correctness first: a read-back over numbers held
 * twice still finds every holder.
 */

jest.setTimeout(300_000);

const PACING_OFF = { QBO_SYNC_MAX_PER_SECOND: '0', QBO_SYNC_MAX_PER_MINUTE: '0', QBO_SYNC_MAX_BATCH_PER_MINUTE: '0' };

let qbo: TestEmulator;
beforeAll(async () => {
	// Twins of a DocNumber need a company that allows duplicate numbers; writes wait a little so that
	// two executions' batches overlap (the name race).
	qbo = await startEmulatorForTests({ limits: false, duplicateDocNumbers: 'allow', writeLatencyMs: 5 });
	Object.assign(process.env, PACING_OFF);
	resetConcurrencyLimiters();
});
afterAll(async () => {
	for (const key of Object.keys(PACING_OFF)) delete process.env[key];
	resetConcurrencyLimiters();
	await qbo?.stop();
});
beforeEach(() => qbo.emulator.accounting.reset());

const queries = (counted: { byEndpoint: Record<string, number> }): number => (counted.byEndpoint['GET /query'] ?? 0) + (counted.byEndpoint['POST /query'] ?? 0);

/** A document as the sync layer hands it to a key: only its number and item index matter here. */
const docFor = (docNumber: string, itemIndex: number): ResolvedDocument => ({ draft: { docNumber, itemIndex }, body: {}, created: [] }) as unknown as ResolvedDocument;

describe('exactly once: the read-back pages no further than it must', () => {
	it('1,200 new invoices: 2 look-ups + 2 existing-number queries + 2 read-back queries, no empty page', async () => {
		const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'Paging Customer' });
		qbo.emulator.accounting.create(qbo.realms.us, 'Item', { Name: 'Paging Service', Type: 'Service', IncomeAccountRef: { value: '1' } });
		const orders = Array.from({ length: 1200 }, (_, i) => ({ id: `PG-${i + 1}` }));
		await resetStats(qbo);
		const out = jsonOf(
			await runSync(
				qbo,
				{
					resource: 'invoice',
					operation: 'create',
					customer: locator('name', 'Paging Customer'),
					docNumber: '={{ $json.id }}',
					ifExists: 'skip',
					lines: { line: [line('Paging Service', 1, 10)] },
				},
				orders,
			),
		);
		expect(out.filter((invoice) => invoice._action === 'created')).toHaveLength(1200);
		expect(query(qbo, `SELECT * FROM Invoice WHERE CustomerRef = '${String(customer.Id)}' MAXRESULTS 1000`)).toHaveLength(1000);
		const counted = await stats(qbo);
		// Look-ups: customer 1, item 1, existing numbers 2 (1,000 + 200, both answered empty).
		// Read-back: every number holds this run's own invoice, so a list of 1,000 always fills a page and
		// a full page cannot tell "the last" from "more follow"; lists of 999 (999 + 201) end on short pages.
		expect(queries(counted)).toBe(6);
		expect(counted.byEndpoint['POST /batch']).toBe(40);
		expect(counted.requests).toBe(46);
	});

	it('a read-back over numbers each held twice still returns every holder (full pages are followed)', async () => {
		const numbers = Array.from({ length: 1200 }, (_, i) => `TW-${i + 1}`);
		for (const docNumber of numbers) {
			for (let twin = 0; twin < 2; twin++) {
				qbo.emulator.accounting.create(qbo.realms.us, 'Invoice', { DocNumber: docNumber, CustomerRef: { value: '1' }, Line: [{ Amount: 1, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' } } }] });
			}
		}
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const docs = numbers.map((docNumber, index) => docFor(docNumber, index));
		for (const readBack of [false, true]) {
			const held = await byDocNumber.holders(context, 'Invoice', docs, { readBack });
			expect(numbers.filter((_, index) => held.get(index)?.length !== 2)).toEqual([]);
			// Oldest first: the first holder of each number is the winner of a race.
			expect(numbers.filter((_, index) => Number(held.get(index)![0].Id) > Number(held.get(index)![1].Id))).toEqual([]);
		}
	});
});

describe('name races: the losers read their winners in grouped queries', () => {
	it('two executions creating the same 60 new customers at once: one customer each, no single reads', async () => {
		const names = Array.from({ length: 60 }, (_, i) => `Race Batch Customer ${i + 1}`);
		qbo.emulator.accounting.create(qbo.realms.us, 'Item', { Name: 'Race Batch Service', Type: 'Service', IncomeAccountRef: { value: '1' } });
		await resetStats(qbo);
		const runs = [0, 1].map(async (execution) => {
			const { output } = await runNode(QuickBooksSync, {
				credentials: qbo.credentials(),
				parameters: {
					resource: 'invoice',
					operation: 'create',
					customer: locator('name', '={{ $json.customer }}'),
					createCustomerIfMissing: true,
					docNumber: '={{ $json.id }}',
					ifExists: 'skip',
					lines: { line: [line('Race Batch Service', 1, 10)] },
				},
				items: names.map((customer, i) => ({ customer, id: `RB${execution}-${i + 1}` })),
			});
			return jsonOf(output[0]);
		});
		const outputs = await Promise.all(runs);
		const stored = query(qbo, "SELECT * FROM Customer WHERE DisplayName LIKE 'Race Batch Customer %' MAXRESULTS 1000");
		expect(stored).toHaveLength(60);
		const idOf = new Map(stored.map((customer) => [String(customer.DisplayName), String(customer.Id)]));
		for (const output of outputs) {
			expect(output.map((invoice) => (invoice.CustomerRef as IDataObject).value)).toEqual(names.map((name) => idOf.get(name)));
		}
		const counted = await stats(qbo);
		const races = Object.entries(counted.byEndpoint).filter(([endpoint]) => endpoint === 'GET /customer/{id}');
		// Both executions looked up before either created, so both sent all 60 creates (2 batches each, plus
		// 2 of invoices each): every name was raced, and each one lost by one execution or the other (6240).
		expect(counted.byEndpoint['POST /batch']).toBe(8);
		expect(races).toEqual([]);
		// Each execution: customers IN, item IN, numbers IN, read-back IN, and one Id IN for its lost races.
		expect(queries(counted)).toBeLessThanOrEqual(10);
	});
});
