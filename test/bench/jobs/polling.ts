import type { RunningEmulator } from '../../../emulator/src';
import type { ExecutionSummary, N8nInstance } from '../../e2e/harness';
import { node, workflow, type WorkflowNode } from '../n8n/workflow';
import { builtIn, retrying } from './builtin-nodes';
import type { BenchJob, JobContext, JobRun, Verification } from './job';
import { pollingJobMinimum } from './minimum';
import { allRecords } from './qbo-state';

/**
 * Polling job: 9 entities watched for one hour of emulated time while 120 records of those entities
 * are created and updated. n8n 2.x lets a polling trigger run at most once per (real) minute
 * (`isSubMinuteCron` refuses anything faster), so the clock runs TIME_SCALE× faster and each poll
 * covers TIME_SCALE emulated minutes; (b)'s schedule fires at the same pace.
 */
const TIME_SCALE = 20;
const POLL_SECONDS = 60;
const EMULATED_MINUTE_MS = 60_000;
/** Emulated ms one poll covers. */
const WINDOW_MS = POLL_SECONDS * 1000 * TIME_SCALE;
const CHANGES_PER_HOUR = 120;
/** Real ms the workflow is active before the first change (its first polls set the starting point) and after the last. */
const LEAD_MS = POLL_SECONDS * 1000 + 1000;
const TAIL_MS = POLL_SECONDS * 1000 + 5000;

export const WATCHED = ['Customer', 'Vendor', 'Item', 'Invoice', 'Estimate', 'SalesReceipt', 'Payment', 'CreditMemo', 'Bill'];
/** The built-in node's "Get Many" covers 7 of them; Sales Receipt and Credit Memo go through the HTTP Request node. */
const BUILT_IN_RESOURCE: Record<string, string | undefined> = {
	Customer: 'customer', Vendor: 'vendor', Item: 'item', Invoice: 'invoice', Estimate: 'estimate', Payment: 'payment', Bill: 'bill',
};


/** A change made during the hour: the record's version as QuickBooks stamps it. */
interface Change {
	entity: string;
	id: string;
	lastUpdated: string;
}

/** Creates (3 of 4) and updates (1 of 4) records of the watched entities, in turn, directly in the emulator. */
class ChangeMaker {
	readonly changes: Change[] = [];
	private readonly made = new Map<string, Record<string, unknown>[]>();
	private count = 0;

	constructor(
		private readonly emulator: RunningEmulator,
		private readonly realmId: string,
		private readonly base: { customerId: string; vendorId: string },
	) {}

	private create(entity: string, body: Record<string, unknown>): Record<string, unknown> {
		const object = this.emulator.accounting.create(this.realmId, entity, body);
		this.made.set(entity, [...(this.made.get(entity) ?? []), object]);
		return object;
	}

	private record(entity: string, object: Record<string, unknown>): void {
		const meta = object.MetaData as { LastUpdatedTime: string };
		this.changes.push({ entity, id: String(object.Id), lastUpdated: new Date(meta.LastUpdatedTime).toISOString() });
	}

	/** One change; returns its entity. */
	next(): void {
		const n = this.count++;
		const entity = WATCHED[n % WATCHED.length];
		const earlier = this.made.get(entity) ?? [];
		if (n % 4 === 3 && earlier.length > 0) {
			const target = earlier[earlier.length - 1];
			const current = this.emulator.accounting.read(this.realmId, entity, String(target.Id));
			const field = entity === 'Item' ? { Description: `update ${n}` } : ['Customer', 'Vendor'].includes(entity) ? { Notes: `update ${n}` } : { PrivateNote: `update ${n}` };
			const updated = this.emulator.accounting.update(this.realmId, entity, { Id: current.Id, SyncToken: current.SyncToken, sparse: true, ...field });
			this.record(entity, updated);
			return;
		}
		this.record(entity, this.create(entity, this.body(entity, n)));
	}

	private body(entity: string, n: number): Record<string, unknown> {
		const sale = (amount: number) => ({
			CustomerRef: { value: this.base.customerId },
			Line: [{ Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: amount } }],
		});
		switch (entity) {
			case 'Customer':
				return { DisplayName: `Polling customer ${n}` };
			case 'Vendor':
				return { DisplayName: `Polling vendor ${n}` };
			case 'Item':
				return { Name: `Polling item ${n}`, Type: 'Service', IncomeAccountRef: { value: '1' } };
			case 'Payment':
				return { CustomerRef: { value: this.base.customerId }, TotalAmt: 10 + n };
			case 'Bill':
				return {
					VendorRef: { value: this.base.vendorId },
					Line: [{ Amount: 5 + n, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '10' } } }],
				};
			default:
				return sale(20 + n);
		}
	}
}

/** (a): QuickBooks Sync Trigger watching the 9 entities (one CDC per poll). */
function workflowA(ctx: JobContext): { workflow: ReturnType<typeof workflow>; outputs: string[] } {
	const trigger = node(
		'QuickBooks Sync Trigger',
		ctx.nodeTypes.pollingTrigger,
		1,
		[0, 300],
		{ pollTimes: { item: [{ mode: 'everyMinute' }] }, entities: WATCHED, events: ['created', 'updated'], options: {} },
		{ credentials: { quickBooksSyncOAuth2Api: { id: ctx.credentials.sync, name: 'QuickBooks Sync (bench)' } } },
	);
	return { workflow: workflow('bench polling (a)', [trigger], []), outputs: [trigger.name] };
}

/**
 * (b): what users build without a QuickBooks trigger: a Schedule Trigger every minute and one
 * "Get Many" per entity filtered on `MetaData.LastUpdatedTime >= now − the interval`. Users write
 * `$now.minus({ minutes: 1 })`; here "now" is the emulator's scaled clock, computed from the real one.
 */
function workflowB(ctx: JobContext): { workflow: ReturnType<typeof workflow>; outputs: string[] } {
	const emulatedNow0 = ctx.emulator.clock.now();
	const realNow0 = Date.now();
	const since = `{{ new Date(${emulatedNow0} + (Date.now() - ${realNow0}) * ${TIME_SCALE} - ${WINDOW_MS}).toISOString() }}`;
	const schedule = node('Schedule Trigger', 'n8n-nodes-base.scheduleTrigger', 1.2, [0, 300], {
		rule: { interval: [{ field: 'minutes', minutesInterval: POLL_SECONDS / 60 }] },
	});
	const readers: WorkflowNode[] = WATCHED.map((entity, i) => {
		const position: [number, number] = [300, i * 120];
		const resource = BUILT_IN_RESOURCE[entity];
		if (resource) {
			return builtIn(ctx, `Get ${entity}`, position, {
				resource,
				operation: 'getAll',
				returnAll: false,
				limit: 1000,
				filters: { query: `=WHERE MetaData.LastUpdatedTime >= '${since}'` },
			});
		}
		return retrying(
			node(
				`Get ${entity}`,
				'n8n-nodes-base.httpRequest',
				4.2,
				position,
				{
					method: 'GET',
					url: `https://quickbooks.api.intuit.com/v3/company/${ctx.realmId}/query`,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: 'quickBooksOAuth2Api',
					sendQuery: true,
					queryParameters: {
						parameters: [
							{ name: 'query', value: `=SELECT * FROM ${entity} WHERE MetaData.LastUpdatedTime >= '${since}' MAXRESULTS 1000` },
							{ name: 'minorversion', value: '75' },
						],
					},
					sendHeaders: true,
					headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] },
					options: {},
				},
				{ credentials: { quickBooksOAuth2Api: { id: ctx.credentials.builtIn, name: 'QuickBooks (built-in, bench)' } } },
			),
		);
	});
	return {
		workflow: workflow('bench polling (b)', [schedule, ...readers], readers.map((reader) => ['Schedule Trigger', reader.name] as [string, string])),
		outputs: readers.map((reader) => reader.name),
	};
}

/** Every record version a finished execution put out, as `Entity:Id:LastUpdatedTime`. */
function emittedKeys(execution: ExecutionSummary, outputs: string[]): string[] {
	const keys: string[] = [];
	const runData = (execution.data?.resultData?.runData ?? {}) as Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>>;
	for (const name of outputs) {
		for (const run of runData[name] ?? []) {
			for (const item of run.data?.main?.[0] ?? []) {
				const json = item?.json;
				if (!json) continue;
				if (typeof json.event === 'string' && json.object) {
					// QuickBooks Sync Trigger: one event per change, the object inside.
					const object = json.object as { MetaData?: { LastUpdatedTime?: string } };
					keys.push(`${String(json.entity)}:${String(json.id)}:${isoOf(object.MetaData?.LastUpdatedTime ?? String(json.time))}`);
				} else if (json.QueryResponse) {
					// HTTP Request node: one item holding the query's answer.
					const entity = name.replace(/^Get /, '');
					for (const row of ((json.QueryResponse as Record<string, unknown>)[entity] as Record<string, unknown>[] | undefined) ?? []) {
						keys.push(`${entity}:${String(row.Id)}:${isoOf((row.MetaData as { LastUpdatedTime: string }).LastUpdatedTime)}`);
					}
				} else if (json.Id !== undefined) {
					keys.push(`${name.replace(/^Get /, '')}:${String(json.Id)}:${isoOf((json.MetaData as { LastUpdatedTime: string }).LastUpdatedTime)}`);
				}
			}
		}
	}
	return keys;
}

const isoOf = (time: string) => new Date(time).toISOString();

/** All executions of a workflow with their data (the public API pages with a cursor). */
async function executionsWithData(n8n: N8nInstance, workflowId: string): Promise<ExecutionSummary[]> {
	const all: ExecutionSummary[] = [];
	let cursor: string | undefined;
	for (let page = 0; page < 20; page++) {
		const query = new URLSearchParams({ workflowId, includeData: 'true', limit: '100', ...(cursor ? { cursor } : {}) });
		const answer = await n8n.api.get<{ data: ExecutionSummary[]; nextCursor?: string | null }>(`/executions?${query}`);
		all.push(...answer.data);
		if (!answer.nextCursor) break;
		cursor = answer.nextCursor;
	}
	return all;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The polling job as a BenchJob; `quick` shortens the watched span to 20 emulated minutes. */
export function pollingJob(options: { quick: boolean }): BenchJob {
	const minutes = options.quick ? 20 : 60;
	const changes = (CHANGES_PER_HOUR * minutes) / 60;
	const spanMs = (minutes * EMULATED_MINUTE_MS) / TIME_SCALE;
	/** Polls the schedule makes at least while the workflow is active: one on activation, one per real minute. */
	const polls = 1 + Math.floor((LEAD_MS + spanMs + TAIL_MS) / (POLL_SECONDS * 1000));
	let state: { changes: Change[]; emitted: string[]; realmId: string; setUp: Set<string> } | undefined;
	let base = { customerId: '', vendorId: '' };
	return {
		id: 'polling',
		title: `polling, ${WATCHED.length} entities for ${minutes === 60 ? 'an hour' : `${minutes} min`} (clock ×${TIME_SCALE}: 1 poll per real minute = ${TIME_SCALE} emulated min), ${changes} changes`,
		timeScale: TIME_SCALE,
		timeoutMs: (polls * POLL_SECONDS + 240) * 1000,
		unavailable: (variant, { nodeTypes, knownTypes }) =>
			variant === 'a' && !knownTypes.has(nodeTypes.pollingTrigger) ? `n8n does not know ${nodeTypes.pollingTrigger}` : undefined,
		minimum: () => pollingJobMinimum(polls),
		seed(emulator, realmId) {
			state = undefined;
			// The customer and vendor the documents of the run refer to; made before the watch starts.
			const customer = emulator.accounting.create(realmId, 'Customer', { DisplayName: 'Polling base customer' });
			const vendor = emulator.accounting.create(realmId, 'Vendor', { DisplayName: 'Polling base vendor' });
			base = { customerId: String(customer.Id), vendorId: String(vendor.Id) };
		},
		async run(ctx): Promise<JobRun> {
			const { workflow: wf, outputs } = ctx.variant === 'a' ? workflowA(ctx) : workflowB(ctx);
			const workflowId = await ctx.n8n.importWorkflow(wf);
			const maker = new ChangeMaker(ctx.emulator, ctx.realmId, base);
			// Records that exist before the watch (the sandbox company's and the seeded ones) are not
			// changes of the run; (b)'s first window reaches back before activation and may list them.
			const setUp = new Set(WATCHED.flatMap((entity) => allRecords(ctx.emulator, ctx.realmId, entity).map((r) => `${entity}:${String(r.Id)}`)));
			await sleep(3_000);
			await ctx.n8n.activate(workflowId);
			// Let the first poll set its starting point before anything changes.
			await sleep(LEAD_MS);
			const started = Date.now();
			const emulatedStart = ctx.emulator.clock.now();
			// The changes, evenly spread over the span; then one more poll interval to report the last ones.
			for (let i = 0; i < changes && Date.now() < ctx.deadline; i++) {
				maker.next();
				await sleep(spanMs / changes);
			}
			await sleep(TAIL_MS);
			await ctx.n8n.deactivate(workflowId);
			const wallMs = Date.now() - started;
			const emulatedMs = ctx.emulator.clock.now() - emulatedStart;
			await sleep(3000); // executions still being saved
			const executions = await executionsWithData(ctx.n8n, workflowId);
			state = { changes: maker.changes, emitted: executions.flatMap((execution) => emittedKeys(execution, outputs)), realmId: ctx.realmId, setUp };
			const failed = executions.filter((execution) => execution.status && execution.status !== 'success');
			return {
				completed: maker.changes.length === changes,
				wallMs,
				emulatedMs,
				executions: executions.length,
				note: `${executions.length} executions${failed.length ? `, ${failed.length} failed` : ''}; wall time is the watched span itself`,
			};
		},
		verify(_emulator: RunningEmulator, realmId: string): Verification {
			const result: Verification = { expected: state?.changes.length ?? 0, correct: 0, duplicates: 0, lost: 0, mismatched: 0, notes: [] };
			if (!state || state.realmId !== realmId) return { ...result, notes: ['the run did not happen'] };
			const expected = new Set(state.changes.map((c) => `${c.entity}:${c.id}:${c.lastUpdated}`));
			const seen = new Map<string, number>();
			for (const key of state.emitted) seen.set(key, (seen.get(key) ?? 0) + 1);
			// Versions emitted per record, to match each change with.
			const emittedTimes = new Map<string, string[]>();
			for (const key of seen.keys()) {
				const [entity, id, ...time] = key.split(':');
				const record = `${entity}:${id}`;
				emittedTimes.set(record, [...(emittedTimes.get(record) ?? []), time.join(':')]);
			}
			// A poller (CDC or a query) sees a record as it is at poll time; QuickBooks keeps no history.
			// A change overtaken by a later change of the same record before the next poll can only be
			// reported through that later version, so a change counts as reported when the record was
			// emitted at that version or a later one. (The job updates records minutes after creating
			// them, so most creates are overtaken before any poll: counting exact versions only made every
			// such create "lost" for any poller.)
			let coalesced = 0;
			const lostKeys: string[] = [];
			for (const change of state.changes) {
				const key = `${change.entity}:${change.id}:${change.lastUpdated}`;
				const times = seen.get(key) ?? 0;
				const later = (emittedTimes.get(`${change.entity}:${change.id}`) ?? []).some((time) => time > change.lastUpdated);
				if (times > 0) result.correct++;
				else if (later) {
					result.correct++;
					coalesced++;
				} else {
					result.lost++;
					lostKeys.push(key);
				}
				result.duplicates += Math.max(0, times - 1);
			}
			if (lostKeys.length) result.notes.push(`not reported: ${lostKeys.slice(0, 10).join(', ')}${lostKeys.length > 10 ? ', …' : ''}`);
			if (coalesced) result.notes.push(`${coalesced} changes were overtaken by a later change of the same record before a poll and reported through it`);
			// Earlier versions of an updated record, or records nobody changed, are not expected events.
			// Records that existed before the watch are set-up, not changes of the run (the base customer's
			// balance also moves with the documents made for it).
			const setUp = state.setUp;
			const extra = [...seen.entries()].filter(([key]) => !expected.has(key) && !setUp.has(key.split(':').slice(0, 2).join(':')));
			const created = new Set(state.changes.map((c) => `${c.entity}:${c.id}`));
			const stale = extra.filter(([key]) => created.has(key.split(':').slice(0, 2).join(':')));
			result.duplicates += extra.reduce((sum, [, times]) => sum + times, 0);
			if (extra.length) {
				const sample = extra.slice(0, 5).map(([key]) => key).join(', ');
				result.notes.push(`${extra.length} emitted versions were not changes of the run (${stale.length} older versions of changed records): ${sample}${extra.length > 5 ? ', …' : ''}`);
			}
			const setUpSeen = [...seen.keys()].filter((key) => setUp.has(key.split(':').slice(0, 2).join(':'))).length;
			if (setUpSeen) result.notes.push(`${setUpSeen} versions of records that existed before the watch were emitted (not counted)`);
			return result;
		},
	};
}
