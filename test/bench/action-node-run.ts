/**
 * The action node's benchmark: 1,000 invoices (3 lines each) for 200 customers (100 exist, 100 new) and
 * 50 items (40 exist, 10 new) through ONE execution of QuickBooks Sync → Invoice → Create, run inside
 * n8n-core's real ExecuteContext against the emulator with Intuit's default limits ON; then the same
 * execution again (the replay must write nothing).
 *
 *   npx tsx test/bench/action-node-run.ts [--lines-from-array] [--cold] [--scale]
 *
 * A running n8n has executed its nodes before; this process has not (tsx compiles the node's sources
 * and V8 compiles them on first use). So a warm-up execution of WARM_UP_INVOICES invoices (existing
 * customers and items, DocNumbers WARM-…, outside the audit) runs first and is reported apart;
 * `--cold` skips it, to see the first-use cost.
 *
 * The emulator runs in a CHILD process (this same file with --emulator-child), so process.cpuUsage() of
 * this process is the node's own work (n8n-core, parameter expressions, the node, the HTTP client), not
 * the emulator's (reported apart). Node's http client channels time every request, so the wall time
 * splits into "a request in flight" and "none in flight" (reading/validating items, pacing waits).
 * Minimum requests: the transport's shape (IN chunks of DEFAULT_IN_CHUNK = 1,000, /batch of 30), see minimum().
 * Results: test/bench/results/action-node-run.json (…lines-from-array.json for the variant).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { createRequire } from 'node:module';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { READ_BACK_CHUNK } from '../../nodes/QuickBooksSync/sync/exactlyOnce';
import { DEFAULT_IN_CHUNK } from '../../nodes/shared/transport';
import { setTransportTuning } from '../../nodes/shared/transport/tuning';
import { startEmulatorForTests } from '../support/emulator';
import { runNode } from '../support/n8n-context';

// Named with its extension: under tsx a bare 'QuickBooksSync.node' resolves to the sibling QuickBooksSync.node.json.
const { QuickBooksSync } = createRequire(__filename)('../../nodes/QuickBooksSync/QuickBooksSync.node.ts') as typeof import('../../nodes/QuickBooksSync/QuickBooksSync.node');

/**
 * `--scale`: the sizes of the bench's 10,000-invoice job (2,000 customers, half new; 500 items, all existing),
 * with Intuit's limits OFF in the emulator and the node's pacing off, so the run measures the node's CPU at
 * that size in a minute instead of waiting nine minutes for the batch limit.
 */
const SCALE = process.argv.includes('--scale');
const CUSTOMERS = SCALE ? 2000 : 200;
const EXISTING_CUSTOMERS = SCALE ? 1000 : 100;
const ITEMS = SCALE ? 500 : 50;
const EXISTING_ITEMS = SCALE ? 500 : 40;
const INVOICES = SCALE ? 10_000 : 1000;
if (SCALE) setTransportTuning(() => ({ pace: { perSecond: 0, perMinute: 0, batchPerMinute: 0 } }));
const LINES_PER_INVOICE = 3;
/** What the transport does: IN (…) queries of ≤ DEFAULT_IN_CHUNK values, /batch of ≤ 30 operations. */
const IN_CHUNK = DEFAULT_IN_CHUNK;
const BATCH = 30;
/** A whole run must end well inside this, or something is stuck. */
const RUN_TIMEOUT_MS = 15 * 60_000;

const customerName = (i: number): string => `Bench Customer ${String(i).padStart(3, '0')}${i % 10 === 7 ? " O'Neil & Sons" : ''}`;
const itemName = (i: number): string => `Bench Item ${String(i).padStart(2, '0')}`;
const docNumber = (i: number): string => `WO-${String(i + 1).padStart(5, '0')}`;

// ─── the emulator's side (child process) ────────────────────────────────────────────────────────────

interface Audit {
	invoices: number;
	distinctDocNumbers: number;
	duplicateDocNumbers: string[];
	docNumbers: string[];
	customers: number;
	items: number;
	emulatorCpuMicros: number;
}

type ChildMessage =
	| { type: 'ready'; url: string; credentials: IDataObject }
	| { type: 'audit'; audit: Audit }
	| { type: 'cpu'; micros: number };

async function emulatorChild(): Promise<void> {
	// Intuit's default limits (500/min, 10/s, 10 in flight, 40 batches/min), or none with --scale.
	const qbo = await startEmulatorForTests(SCALE ? { limits: false } : {});
	const realm = qbo.realms.us;
	for (let i = 0; i < EXISTING_CUSTOMERS; i++) qbo.emulator.accounting.create(realm, 'Customer', { DisplayName: customerName(i) });
	for (let i = 0; i < EXISTING_ITEMS; i++) qbo.emulator.accounting.create(realm, 'Item', { Name: itemName(i), Type: 'Service', IncomeAccountRef: { value: '1' } });

	const send = (message: ChildMessage): void => void process.send?.(message);
	const cpuMicros = (): number => {
		const usage = process.cpuUsage();
		return usage.user + usage.system;
	};
	/** Every row of a query, paged 1,000 at a time (bounded). */
	const all = (text: string): IDataObject[] => {
		const rows: IDataObject[] = [];
		for (let start = 1; start < 100_000; start += 1000) {
			const response = qbo.emulator.accounting.query(realm, `${text} STARTPOSITION ${start} MAXRESULTS 1000`) as IDataObject;
			const page = (Object.values(response).find((value) => Array.isArray(value)) ?? []) as IDataObject[];
			rows.push(...page);
			if (page.length < 1000) break;
		}
		return rows;
	};

	process.on('message', async (message: { type: string }) => {
		if (message.type === 'audit') {
			const invoices = all("SELECT * FROM Invoice WHERE DocNumber LIKE 'WO-%'");
			const perDoc = new Map<string, number>();
			for (const invoice of invoices) perDoc.set(String(invoice.DocNumber), (perDoc.get(String(invoice.DocNumber)) ?? 0) + 1);
			send({
				type: 'audit',
				audit: {
					invoices: invoices.length,
					distinctDocNumbers: perDoc.size,
					duplicateDocNumbers: [...perDoc].filter(([, count]) => count > 1).map(([doc]) => doc),
					docNumbers: [...perDoc.keys()],
					customers: all("SELECT * FROM Customer WHERE DisplayName LIKE 'Bench Customer %'").length,
					items: all("SELECT * FROM Item WHERE Name LIKE 'Bench Item %'").length,
					emulatorCpuMicros: cpuMicros(),
				},
			});
		} else if (message.type === 'cpu') {
			send({ type: 'cpu', micros: cpuMicros() });
		} else if (message.type === 'stop') {
			await qbo.stop();
			process.exit(0);
		}
	});
	send({ type: 'ready', url: qbo.url, credentials: qbo.credentials(realm) as unknown as IDataObject });
}

// ─── the node's side (this process) ─────────────────────────────────────────────────────────────────

/** The next message of a type from the child (bounded by a timeout). */
function nextMessage<T extends ChildMessage['type']>(child: ChildProcess, type: T, timeoutMs = 60_000): Promise<Extract<ChildMessage, { type: T }>> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`no '${type}' from the emulator within ${timeoutMs} ms`)), timeoutMs);
		const listener = (message: ChildMessage): void => {
			if (message.type !== type) return;
			clearTimeout(timer);
			child.off('message', listener);
			resolve(message as Extract<ChildMessage, { type: T }>);
		};
		child.on('message', listener);
	});
}

async function adminCall<T>(url: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${url}/__admin/${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status} ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

/** The work orders: customer i % 200, three items per order spread over the 50. */
function workOrders(): IDataObject[] {
	return Array.from({ length: INVOICES }, (_, i) => ({
		id: docNumber(i),
		customer: customerName(i % CUSTOMERS),
		lines: Array.from({ length: LINES_PER_INVOICE }, (_, k) => ({
			item: itemName((i * LINES_PER_INVOICE + k) % ITEMS),
			quantity: ((i + k) % 4) + 1,
			rate: 40 + k * 5,
		})),
	}));
}

const line = (k: number): INodeParameters => ({
	lineType: 'item',
	itemBy: 'name',
	itemName: `={{ $json.lines[${k}].item }}`,
	createItemIfMissing: true,
	quantity: `={{ $json.lines[${k}].quantity }}` as unknown as number,
	rate: `={{ $json.lines[${k}].rate }}` as unknown as number,
	amount: 0,
});

/**
 * `--lines-from-array`: the same job with Lines Input = From an Array (`{{ $json.lines }}`), i.e. one
 * expression per item for the lines instead of nine (n8n's expression evaluation dominates the node's CPU).
 */
const LINES_FROM_ARRAY = process.argv.includes('--lines-from-array');
const COLD = process.argv.includes('--cold');
const WARM_UP_INVOICES = 20;

/**
 * One small execution of the same node and parameters before the measured ones: only existing customers
 * and items, DocNumbers outside the audited 'WO-%' range. Returns its node CPU, for the record.
 */
async function warmUp(credentials: IDataObject): Promise<{ invoices: number; nodeCpuMs: number }> {
	const items = workOrders()
		.slice(0, WARM_UP_INVOICES)
		.map((order, i) => ({
			...order,
			id: `WARM-${String(i + 1).padStart(5, '0')}`,
			customer: customerName(i % EXISTING_CUSTOMERS),
			lines: (order.lines as IDataObject[]).map((line, k) => ({ ...line, item: itemName((i + k) % EXISTING_ITEMS) })),
		}));
	const before = process.cpuUsage();
	const { output } = await runNode(QuickBooksSync, { credentials: credentials as never, parameters: PARAMETERS, items });
	const cpu = process.cpuUsage(before);
	const failed = output[0].filter((item) => item.json.error);
	if (failed.length) throw new Error(`the warm-up failed: ${JSON.stringify(failed[0].json)}`);
	return { invoices: items.length, nodeCpuMs: Math.round((cpu.user + cpu.system) / 1000) };
}

const PARAMETERS: INodeParameters = {
	resource: 'invoice',
	operation: 'create',
	customer: { __rl: true, mode: 'name', value: '={{ $json.customer }}' },
	createCustomerIfMissing: true,
	docNumber: '={{ $json.id }}',
	ifExists: 'skip',
	...(LINES_FROM_ARRAY ? { linesInput: 'json', linesJson: '={{ $json.lines }}' } : { linesInput: 'fields', lines: { line: [line(0), line(1), line(2)] } }),
};

/** The fewest requests the transport's shape allows (IN chunks of IN_CHUNK, batches of 30) for this job's parameters. */
function minimum(newCustomers: number, newItems: number, replay: boolean): { total: number; formula: string } {
	const ceil = (n: number, d: number): number => Math.ceil(n / d);
	const parts = replay
		? // Every number exists on the replay: a list of 1,000 fills its page, which cannot show it was the last
			// (DocNumber is not unique), so 1,000 existing numbers cannot be settled in fewer than ⌈N/999⌉ queries.
			{ customerLookups: ceil(CUSTOMERS, IN_CHUNK), itemLookups: ceil(ITEMS, IN_CHUNK), docNumberLookups: ceil(INVOICES, READ_BACK_CHUNK) }
		: {
				customerLookups: ceil(CUSTOMERS, IN_CHUNK),
				itemLookups: ceil(ITEMS, IN_CHUNK),
				customerCreates: ceil(newCustomers, BATCH),
				itemCreates: ceil(newItems, BATCH),
				// The job picks no income account, and QuickBooks will not create an item without one.
				incomeAccountLookup: newItems > 0 ? 1 : 0,
				docNumberLookups: ceil(INVOICES, IN_CHUNK),
				invoiceBatches: ceil(INVOICES, BATCH),
				// Exactly once: the numbers just created read back. Each holds this run's invoice, so only a list
				// of at most 999 can end on a short page (sync/exactlyOnce.ts, READ_BACK_CHUNK).
				readBack: ceil(INVOICES, READ_BACK_CHUNK),
			};
	const formula = replay
		? `⌈C/${IN_CHUNK}⌉ + ⌈I/${IN_CHUNK}⌉ + ⌈N/${READ_BACK_CHUNK}⌉ = ${parts.customerLookups} + ${parts.itemLookups} + ${parts.docNumberLookups}`
		: `⌈C/${IN_CHUNK}⌉ + ⌈I/${IN_CHUNK}⌉ + ⌈C_new/30⌉ + ⌈I_new/30⌉ + [I_new > 0: the default income account] + ⌈N/${IN_CHUNK}⌉ + ⌈N/30⌉ + ⌈N/${READ_BACK_CHUNK}⌉ = ${Object.values(parts).join(' + ')}`;
	const total = Object.values(parts).reduce((sum, n) => sum + (n ?? 0), 0);
	return { total, formula: `${formula} = ${total} (C=${CUSTOMERS}, I=${ITEMS}, C_new=${newCustomers}, I_new=${newItems}, N=${INVOICES})` };
}

/** HTTP exchanges of this process (Node's http client channels): start and answer, ms from the run's start. */
class HttpTimeline {
	readonly exchanges: Array<{ startMs: number; endMs?: number; method: string; path: string }> = [];

	/** This process's CPU (µs) when the first request started: the node's reading/validation phase. */
	cpuAtFirstRequest?: NodeJS.CpuUsage;

	private readonly open = new WeakMap<object, number>();

	private readonly onStart = (message: unknown): void => {
		const request = (message as { request: { method: string; path: string } }).request;
		this.cpuAtFirstRequest ??= process.cpuUsage(this.cpuOrigin);
		this.open.set(request, this.exchanges.length);
		this.exchanges.push({ startMs: performance.now() - this.origin, method: request.method, path: request.path.replace(/\?.*$/, '').replace(/^\/v3\/company\/\d+/, '') });
	};

	private readonly onAnswer = (message: unknown): void => {
		const index = this.open.get((message as { request: object }).request);
		if (index !== undefined) this.exchanges[index].endMs = performance.now() - this.origin;
	};

	constructor(
		private readonly origin: number,
		private readonly cpuOrigin: NodeJS.CpuUsage,
	) {
		subscribe('http.client.request.start', this.onStart);
		subscribe('http.client.response.finish', this.onAnswer);
	}

	stop(): void {
		unsubscribe('http.client.request.start', this.onStart);
		unsubscribe('http.client.response.finish', this.onAnswer);
	}

	/** Milliseconds during which at least one request was in flight (union of intervals). */
	busyMs(endMs: number): number {
		const intervals = this.exchanges.map((e) => [e.startMs, e.endMs ?? endMs]).sort((a, b) => a[0] - b[0]);
		let busy = 0;
		let reach = -Infinity;
		for (const [start, end] of intervals) {
			if (end <= reach) continue;
			busy += end - Math.max(start, reach);
			reach = end;
		}
		return busy;
	}
}

interface RunFigures {
	requests: number;
	byEndpoint: Record<string, number>;
	byStatus: Record<string, number>;
	throttled: number;
	dropped: number;
	writesByEntity: Record<string, number>;
	wallMs: number;
	httpInFlightMs: number;
	wallOutsideHttpMs: number;
	firstRequestAtMs: number;
	lastAnswerAtMs: number;
	exchanges: Array<{ startMs: number; endMs?: number; method: string; path: string }>;
	nodeCpuMs: number;
	nodeCpuPerItemMs: number;
	nodeCpuBeforeFirstRequestMs: number;
	emulatorCpuMs: number;
	peakRssMb: number;
	peakHeapUsedMb: number;
	maxRssLifetimeMb: number;
	minimumRequests: number;
	minimumFormula: string;
	ratioToMinimum: number;
	outputs: number;
	actions: Record<string, number>;
	outputErrors: number;
	invoicesInEmulator: number;
	duplicateDocNumbers: string[];
	lostItems: number[];
	customersInEmulator: number;
	itemsInEmulator: number;
}

async function runOnce(child: ChildProcess, url: string, credentials: IDataObject, replay: boolean): Promise<RunFigures> {
	const items = workOrders();
	await adminCall(url, 'stats/reset', {});
	child.send({ type: 'cpu' });
	const emulatorCpuBefore = (await nextMessage(child, 'cpu')).micros;

	let peakRss = process.memoryUsage().rss;
	let peakHeap = process.memoryUsage().heapUsed;
	const sampler = setInterval(() => {
		const usage = process.memoryUsage();
		peakRss = Math.max(peakRss, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
	}, 50);
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	const timeline = new HttpTimeline(started, cpuBefore);
	let output: INodeExecutionData[];
	try {
		const run = runNode(QuickBooksSync, { credentials: credentials as never, parameters: PARAMETERS, items });
		let timer: NodeJS.Timeout | undefined;
		const timeout = new Promise<never>((_, reject) => {
			timer = setTimeout(() => reject(new Error(`the run took over ${RUN_TIMEOUT_MS} ms`)), RUN_TIMEOUT_MS);
		});
		output = (await Promise.race([run, timeout]).finally(() => clearTimeout(timer))).output[0];
	} finally {
		clearInterval(sampler);
		timeline.stop();
	}
	const wallMs = performance.now() - started;
	const cpu = process.cpuUsage(cpuBefore);
	const usage = process.memoryUsage();
	peakRss = Math.max(peakRss, usage.rss);
	peakHeap = Math.max(peakHeap, usage.heapUsed);

	const stats = await adminCall<Omit<RunFigures, 'wallMs'> & { since: string }>(url, 'stats');
	child.send({ type: 'audit' });
	const audit = (await nextMessage(child, 'audit')).audit;

	const actions: Record<string, number> = {};
	let outputErrors = 0;
	const answered = new Set<number>();
	for (const result of output) {
		const json = result.json;
		if (json.error) outputErrors++;
		else actions[String(json._action)] = (actions[String(json._action)] ?? 0) + 1;
		const paired = Array.isArray(result.pairedItem) ? result.pairedItem : [result.pairedItem];
		for (const pair of paired) if (pair && typeof pair === 'object' && !json.error) answered.add(pair.item);
	}
	const written = new Set(audit.docNumbers);
	const lostItems = items.map((item, index) => (!answered.has(index) || !written.has(String(item.id)) ? index : -1)).filter((index) => index >= 0);

	const newCustomers = replay ? 0 : CUSTOMERS - EXISTING_CUSTOMERS;
	const newItems = replay ? 0 : ITEMS - EXISTING_ITEMS;
	const min = minimum(newCustomers, newItems, replay);
	const nodeCpuMs = (cpu.user + cpu.system) / 1000;
	return {
		requests: stats.requests,
		byEndpoint: stats.byEndpoint,
		byStatus: stats.byStatus,
		throttled: stats.throttled,
		dropped: stats.dropped,
		writesByEntity: stats.writesByEntity,
		wallMs: Math.round(wallMs),
		httpInFlightMs: Math.round(timeline.busyMs(wallMs)),
		wallOutsideHttpMs: Math.round(wallMs - timeline.busyMs(wallMs)),
		firstRequestAtMs: Math.round(timeline.exchanges[0]?.startMs ?? -1),
		lastAnswerAtMs: Math.round(Math.max(...timeline.exchanges.map((e) => e.endMs ?? 0))),
		exchanges: timeline.exchanges.map((e) => ({ ...e, startMs: Math.round(e.startMs), endMs: e.endMs === undefined ? undefined : Math.round(e.endMs) })),
		nodeCpuMs: Math.round(nodeCpuMs),
		nodeCpuPerItemMs: Number((nodeCpuMs / INVOICES).toFixed(3)),
		nodeCpuBeforeFirstRequestMs: Math.round(((timeline.cpuAtFirstRequest?.user ?? 0) + (timeline.cpuAtFirstRequest?.system ?? 0)) / 1000),
		emulatorCpuMs: Math.round((audit.emulatorCpuMicros - emulatorCpuBefore) / 1000),
		peakRssMb: Math.round(peakRss / 2 ** 20),
		peakHeapUsedMb: Math.round(peakHeap / 2 ** 20),
		maxRssLifetimeMb: Math.round(process.resourceUsage().maxRSS / 1024),
		minimumRequests: min.total,
		minimumFormula: min.formula,
		ratioToMinimum: Number((stats.requests / min.total).toFixed(2)),
		outputs: output.length,
		actions,
		outputErrors,
		invoicesInEmulator: audit.invoices,
		duplicateDocNumbers: audit.duplicateDocNumbers,
		lostItems,
		customersInEmulator: audit.customers,
		itemsInEmulator: audit.items,
	};
}

function print(title: string, figures: RunFigures): void {
	const lines = [
		`── ${title}`,
		`  HTTP requests: ${figures.requests}  by endpoint: ${JSON.stringify(figures.byEndpoint)}`,
		`  by status: ${JSON.stringify(figures.byStatus)}  429s: ${figures.throttled}  dropped: ${figures.dropped}  writes: ${JSON.stringify(figures.writesByEntity)}`,
		`  minimum: ${figures.minimumFormula}  →  ratio ${figures.ratioToMinimum}`,
		`  wall time: ${figures.wallMs} ms; ≥ 1 request in flight: ${figures.httpInFlightMs} ms, none in flight: ${figures.wallOutsideHttpMs} ms (first request at ${figures.firstRequestAtMs} ms, last answer at ${figures.lastAnswerAtMs} ms)`,
		`  node CPU (this process, emulator excluded): ${figures.nodeCpuMs} ms = ${figures.nodeCpuPerItemMs} ms per item (${figures.nodeCpuBeforeFirstRequestMs} ms of it before the first request); emulator CPU: ${figures.emulatorCpuMs} ms`,
		`  peak RSS during the run: ${figures.peakRssMb} MB, peak heap used: ${figures.peakHeapUsedMb} MB, maxRSS of the process so far: ${figures.maxRssLifetimeMb} MB`,
		`  outputs: ${figures.outputs} ${JSON.stringify(figures.actions)}, errors: ${figures.outputErrors}`,
		`  invoices in the emulator: ${figures.invoicesInEmulator}, duplicate DocNumbers: ${figures.duplicateDocNumbers.length}, lost items: ${figures.lostItems.length}`,
		`  Bench customers: ${figures.customersInEmulator}, Bench items: ${figures.itemsInEmulator}`,
	];
	process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
	const loadBefore = loadavg();
	const child = fork(__filename, ['--emulator-child', ...(SCALE ? ['--scale'] : [])], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	try {
		const ready = await nextMessage(child, 'ready');
		const warm = COLD ? undefined : await warmUp(ready.credentials);
		if (warm) process.stdout.write(`── warm-up: ${warm.invoices} invoices, node CPU ${warm.nodeCpuMs} ms (not counted below)\n`);
		const first = await runOnce(child, ready.url, ready.credentials, false);
		print(`first run (${INVOICES.toLocaleString('en')} invoices, one execution${warm ? ', after the warm-up' : ', cold process'})`, first);
		const replay = await runOnce(child, ready.url, ready.credentials, true);
		print('replay (same input, same execution parameters)', replay);
		const results = {
			measuredAt: new Date().toISOString(),
			machine: { node: process.version, cpus: cpus().length, loadAverageBeforeAndAfter: [loadBefore, loadavg()] },
			job: { linesInput: LINES_FROM_ARRAY ? 'From an Array ({{ $json.lines }})' : 'Define Below (3 lines × 3 expressions)', invoices: INVOICES, linesPerInvoice: LINES_PER_INVOICE, customers: CUSTOMERS, existingCustomers: EXISTING_CUSTOMERS, items: ITEMS, existingItems: EXISTING_ITEMS, limits: SCALE ? 'off (emulator and node pacing)' : 'Intuit defaults' },
			cpuMethod: 'process.cpuUsage() of this process around the one execution; the emulator runs in a forked child, so its CPU is not included (reported apart)',
			warmUp: warm ?? 'none (--cold)',
			first,
			replay,
		};
		const dir = join(__dirname, 'results');
		mkdirSync(dir, { recursive: true });
		writeFileSync(join(dir, `action-node-run${SCALE ? '.scale' : ''}${LINES_FROM_ARRAY ? '.lines-from-array' : ''}${COLD ? '.cold' : ''}.json`), `${JSON.stringify(results, null, '\t')}\n`);
	} finally {
		child.send({ type: 'stop' });
		await new Promise((resolve) => {
			const timer = setTimeout(() => {
				child.kill();
				resolve(undefined);
			}, 5000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve(undefined);
			});
		});
	}
}

if (process.argv.includes('--emulator-child')) {
	emulatorChild().catch((error: unknown) => {
		console.error(error);
		process.exit(1);
	});
} else {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
