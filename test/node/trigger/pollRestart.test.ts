import type { IDataObject } from 'n8n-workflow';

import type { QuickBooksSyncTrigger } from '../../../nodes/QuickBooksSyncTrigger/QuickBooksSyncTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runPoll, TestCredentials } from '../../support/n8n-context';
import { qboApi, type QboApi } from './qboApi';

/**
 * Issue 16: the polling trigger runs on n8n's main process and must lose and repeat nothing when
 * main restarts — also in the middle of a poll. This plays n8n's persistence of a poll node's static
 * data as n8n 1.123.81 and 2.41.1 (without durable poll cursors) do it (packages/cli
 * active-workflow-manager / trigger-execution-context.factory):
 *   - the process keeps the workflow's static data in memory between polls;
 *   - it saves it to the database when a poll emits (`__emit` → saveStaticData, then the run starts),
 *     and after activating the workflow (which runs one poll at once);
 *   - a restart loads what was saved last and activates again.
 * Each "main process" is a fresh copy of the node's modules. With durable cursors (2.41.1, opt-in)
 * n8n commits the node's static data together with the execution it starts, which needs from the
 * node exactly what is tested here: all state in node static data, changed only once a poll's items
 * are complete.
 */

jest.setTimeout(180_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
process.env.QBO_SYNC_RETRY_BASE_MS = '20';
process.env.QBO_SYNC_RETRY_ATTEMPTS = '2';

let qbo: TestEmulator;
let api: QboApi;
let baseCustomerId: string;
let itemId: string;
beforeAll(async () => {
	qbo = await startEmulatorForTests({ limits: false });
	api = qboApi(qbo);
	// Made before any trigger starts: only its later updates are news.
	baseCustomerId = String((await api.create('Customer', { DisplayName: 'Restart Base Customer' })).Id);
	itemId = String((await api.create('Item', { Name: 'Restart Item', Type: 'Service', IncomeAccountRef: { value: '1' } })).Id);
	await sleep(1100);
});
afterAll(async () => await qbo.stop());
afterEach(async () => {
	await fetch(`${qbo.url}/__admin/faults`, { method: 'DELETE' });
});

const PARAMETERS = { entities: ['Customer', 'Invoice'], events: ['created', 'updated', 'deleted'] };

function freshNodeCopy(): typeof QuickBooksSyncTrigger {
	let loaded: typeof QuickBooksSyncTrigger | undefined;
	jest.isolateModules(() => {
		/* eslint-disable @typescript-eslint/no-require-imports */
		const tuning = require('../../../nodes/shared/transport/tuning') as typeof import('../../../nodes/shared/transport/tuning');
		const env = require('../../support/transport-tuning-env') as typeof import('../../support/transport-tuning-env');
		tuning.setTransportTuning(() => env.tuningFromEnv(process.env));
		loaded = (require('../../../nodes/QuickBooksSyncTrigger/QuickBooksSyncTrigger.node') as { QuickBooksSyncTrigger: typeof QuickBooksSyncTrigger }).QuickBooksSyncTrigger;
		/* eslint-enable @typescript-eslint/no-require-imports */
	});
	return loaded!;
}

/** n8n's database row of the workflow's static data, and one running main process at a time. */
class Instance {
	saved = '{}';

	private memory: IDataObject = {};

	private node: typeof QuickBooksSyncTrigger = freshNodeCopy();

	private readonly credentials = new TestCredentials(qbo.credentials());

	/** Starts main: loads the saved static data, activates (one poll at once, then a save). */
	async start(): Promise<IDataObject[]> {
		this.memory = JSON.parse(this.saved) as IDataObject;
		this.node = freshNodeCopy();
		const emitted = await this.poll();
		this.save();
		return emitted;
	}

	/** One scheduled poll; its items are emitted, which saves the static data first. */
	async poll(): Promise<IDataObject[]> {
		const events = await this.pollOnly();
		if (events.length) this.save();
		return events;
	}

	/** The node's poll() and nothing after it: a crash right after it returned, before n8n saved. */
	async pollOnly(memory = this.memory): Promise<IDataObject[]> {
		const { output } = await runPoll(this.node, { credentials: this.credentials, parameters: PARAMETERS as never, staticData: memory, mode: 'trigger' });
		return (output?.[0] ?? []).map((item) => item.json as IDataObject);
	}

	/** A poll that the process dies in: it runs on a copy nobody will save. */
	pollThatDies(): Promise<IDataObject[]> {
		return this.pollOnly(JSON.parse(JSON.stringify(this.memory)) as IDataObject).catch(() => []);
	}

	/** The process is killed: whatever was not saved is gone. */
	crash(): void {
		this.memory = {};
	}

	private save(): void {
		this.saved = JSON.stringify(this.memory);
	}
}

const keysOf = (events: IDataObject[]) => events.map((event) => String(event.eventKey));

/** Three changes: a customer and an invoice created, and an older customer updated. */
async function makeChanges(tag: string): Promise<string[]> {
	const older = await api.read('Customer', baseCustomerId);
	await api.update('Customer', { Id: older.Id, SyncToken: older.SyncToken, CompanyName: `Changed ${tag}` });
	const customer = await api.create('Customer', { DisplayName: `Restart ${tag} ${Date.now()}` });
	const invoice = await api.create('Invoice', {
		CustomerRef: { value: customer.Id },
		Line: [{ Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: itemId }, Qty: 1, UnitPrice: 10 } }],
	});
	return [`customer.created#${String(customer.Id)}`, `invoice.created#${String(invoice.Id)}`, `customer.updated#${baseCustomerId}`].sort();
}

const summary = (events: IDataObject[]) => events.map((event) => `${String(event.event)}#${String(event.id)}`).sort();

describe('polling trigger across main restarts (n8n saves static data when a poll emits)', () => {
	test('a restart between polls: every change once, nothing repeated', async () => {
		const n8n = new Instance();
		expect(await n8n.start()).toEqual([]);
		const first = await makeChanges('between-1');
		const emitted = await n8n.poll();
		expect(summary(emitted)).toEqual(first);
		n8n.crash();
		const second = await makeChanges('between-2');
		const afterRestart = await n8n.start();
		expect(summary(afterRestart)).toEqual(second);
		expect(await n8n.poll()).toEqual([]);
		const all = [...keysOf(emitted), ...keysOf(afterRestart)];
		expect(new Set(all).size).toBe(all.length);
	});

	test('a restart in the middle of a poll (its QuickBooks read never answers): the next main reports every change once', async () => {
		const n8n = new Instance();
		await n8n.start();
		const changes = await makeChanges('mid-poll');
		const before = n8n.saved;
		await qbo.admin('faults', { count: 1, mode: 'hang', match: { pathIncludes: '/cdc' } });
		const dying = n8n.pollThatDies();
		await sleep(300);
		n8n.crash();
		expect(n8n.saved).toBe(before);
		await fetch(`${qbo.url}/__admin/faults`, { method: 'DELETE' });
		const afterRestart = await n8n.start();
		expect(summary(afterRestart)).toEqual(changes);
		expect(await n8n.poll()).toEqual([]);
		void dying;
	});

	test('a poll that fails half-way changes nothing in static data, so no partial state can be committed', async () => {
		const n8n = new Instance();
		await n8n.start();
		const changes = await makeChanges('fails');
		const memory = JSON.parse(n8n.saved) as IDataObject;
		const untouched = JSON.stringify(memory);
		await qbo.admin('faults', { count: 20, mode: 'fail', status: 500, match: { pathIncludes: '/cdc' } });
		expect(await n8n.pollOnly(memory)).toEqual([]);
		expect(JSON.stringify(memory)).toBe(untouched);
		await fetch(`${qbo.url}/__admin/faults`, { method: 'DELETE' });
		expect(summary(await n8n.pollOnly(memory))).toEqual(changes);
	});

	test('a restart after poll() returned but before n8n saved: the repeat carries the same event keys', async () => {
		const n8n = new Instance();
		await n8n.start();
		const changes = await makeChanges('unsaved');
		const lost = await n8n.pollOnly(); // the items reached n8n; the process dies before its save
		expect(summary(lost)).toEqual(changes);
		n8n.crash();
		const again = await n8n.start();
		expect(summary(again)).toEqual(changes);
		// The one repeat n8n's save order allows is the same events under the same keys, which the
		// action node's Idempotency Key turns into no second effect.
		expect(keysOf(again).sort()).toEqual(keysOf(lost).sort());
		expect(await n8n.poll()).toEqual([]);
	});
});
