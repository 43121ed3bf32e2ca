import { activeWorkflow, runWebhookWorkflow } from '../n8n/run-webhook';
import { criterion } from './criteria';
import { invoiceJobData, type InvoiceJobSizes, type WorkOrder } from './data';
import { limitFloor } from './floor';
import { verifyInvoices, workflowA } from './invoices';
import type { BenchJob, JobRun } from './job';
import { concurrentInvoiceJobMinimum } from './minimum';
import { seedCustomers, seedItems } from './qbo-state';
import { TEN_THOUSAND_SIZES } from './invoices-10k';
import { sampleCpuLoad } from '../measure/cpu-load';

/** Issue 16's bounds for two executions writing to one company at once. */
const WALL_OVER_FLOOR = 1.3;
const THROTTLED_SHARE = 0.02;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The orders split in two by turns, so both executions meet the same new customers at the same time. */
function halves(orders: WorkOrder[]): [WorkOrder[], WorkOrder[]] {
	return [orders.filter((_, i) => i % 2 === 0), orders.filter((_, i) => i % 2 === 1)];
}

const shareOf = (orders: WorkOrder[]) => ({ orders: orders.length, customers: new Set(orders.map((order) => order.customer.name)).size });

/**
 * "Two workers": the 10,000 orders as two 5,000-order executions for ONE company, started together on
 * two n8n hosts (ctx.executionHosts: by default n8n's queue mode, each posted to its own webhook processor
 * and run by its own worker), each with the same customers (half new) and items. Intuit's limits are per
 * company, so the two share one budget: every request over it is a 429.
 */
export function twoWorkersJob(options: { sizes?: InvoiceJobSizes; timeoutMs: number }): BenchJob {
	const data = invoiceJobData(undefined, options.sizes ?? TEN_THOUSAND_SIZES);
	const { sizes } = data;
	const parts = halves(data.workOrders);
	const minimum = () => concurrentInvoiceJobMinimum(sizes, parts.map(shareOf));
	return {
		id: 'twoWorkers',
		title: `two workers: two ${parts[0].length.toLocaleString('en')}-invoice executions for one company at once (${sizes.customers} customers, ${sizes.customers - sizes.existingCustomers} new; ${sizes.items} items)`,
		timeScale: 1,
		executionHosts: 2,
		timeoutMs: options.timeoutMs,
		unavailable: (variant) => (variant === 'b' ? "not run: n8n's built-in node (see the 1,000-order job)" : undefined),
		minimum,
		floor: (limits) => limitFloor(minimum(), limits),
		seed(emulator, realmId) {
			seedItems(emulator, realmId, data.items);
			seedCustomers(emulator, realmId, data.existingCustomers);
		},
		async run(ctx): Promise<JobRun> {
			const hosts = await ctx.executionHosts.take(2);
			const stamp = Date.now();
			// Everything is imported and active before either execution starts, so both start together.
			const prepared = await Promise.all(
				hosts.map(async (host, k) => {
					const path = `bench-two-workers-${k + 1}-${stamp}`;
					const workflowId = await activeWorkflow(host.n8n, workflowA({ nodeTypes: ctx.nodeTypes, credentials: host.credentials }, path, sizes.linesPerOrder));
					return { host, path, workflowId, orders: parts[k] };
				}),
			);
			const runners = ctx.executionHosts.runners().map((runner) => ({ label: runner.label, cpu: sampleCpuLoad(runner.pid) }));
			const clockStart = ctx.emulator.clock.now();
			const runs = await Promise.all(
				prepared.map(({ host, path, workflowId, orders }) => runWebhookWorkflow(host.n8n, workflowId, path, { workOrders: orders }, ctx.deadline, host.webhookUrl)),
			);
			const emulatedMs = ctx.emulator.clock.now() - clockStart;
			const cpuOf = new Map(runners.map((runner) => [runner.label, runner.cpu.stop()]));
			await Promise.all(prepared.map(({ host, workflowId }) => host.n8n.deactivate(workflowId).catch(() => undefined)));
			const spans = runs.map((run, k) => {
				const ranOn = run.executionId ? ctx.executionHosts.ranOn(prepared[k].host, run.executionId) : undefined;
				const cpu = ranOn ? cpuOf.get(ranOn) : undefined;
				return {
					host: prepared[k].host.label,
					ranOn,
					executionId: run.executionId,
					status: run.status,
					wallMs: run.wallMs,
					startedAt: run.startedAt,
					stoppedAt: run.stoppedAt,
					runnerCpuMs: cpu?.n8nCpuMs,
					runnerCpuWaitMs: cpu?.n8nCpuWaitMs,
				};
			});
			ctx.log(`twoWorkers: ${ctx.executionHosts.mode} mode, executions ${JSON.stringify(spans)}`);
			const finished = runs.every((run) => run.finished && run.startedAt && run.stoppedAt);
			const wallMs = finished
				? Math.max(...runs.map((run) => Date.parse(String(run.stoppedAt)))) - Math.min(...runs.map((run) => Date.parse(String(run.startedAt))))
				: undefined;
			const failures = runs.map((run, k) => (run.status === 'success' ? undefined : `${prepared[k].host.label}: ${run.finished ? `${run.status}: ${run.error}` : 'still running at the time limit'}`)).filter(Boolean);
			// Two executions at once must run on two processes: in queue mode, on two different workers.
			const places = spans.map((span) => span.ranOn);
			const apart = places.every(Boolean) && new Set(places).size === places.length;
			if (!apart) failures.push(`the executions did not run on ${spans.length} different ${ctx.executionHosts.mode === 'queue' ? 'workers' : 'processes'}: ${places.map((place) => place ?? 'unknown').join(', ')}`);
			return { completed: failures.length === 0, wallMs, emulatedMs, executions: runs.length, spans, note: failures.length ? failures.join('; ') : undefined };
		},
		verify: (emulator, realmId) => verifyInvoices(emulator, realmId, data.workOrders),
		criteria(result, limits) {
			const floor = limitFloor(minimum(), limits).ms;
			const api = result.requests?.api;
			return [
				criterion('both executions succeeded', result.run?.completed ? 1 : 0, { equals: 1 }, (n) => (n ? 'yes' : 'no')),
				criterion(
					'processes that ran them (queue mode: workers)',
					new Set((result.run?.spans ?? []).map((span) => span.ranOn).filter(Boolean)).size,
					{ equals: 2 },
					(n) => `${n}: ${(result.run?.spans ?? []).map((span) => span.ranOn ?? '?').join(', ')}`,
					'= 2 different',
				),
				criterion('duplicates', result.verification?.duplicates, { equals: 0 }, String),
				criterion('lost', result.verification?.lost, { equals: 0 }, String),
				criterion('wrong content', result.verification?.mismatched, { equals: 0 }, String),
				criterion(
					'429s ÷ API requests',
					api ? (result.requests?.throttled ?? 0) / api : undefined,
					{ atMost: THROTTLED_SHARE },
					(n) => `${(n * 100).toFixed(1)} %`,
					`≤ ${THROTTLED_SHARE * 100} %`,
				),
				criterion('wall time, first start → last end', result.run?.wallMs, { atMost: floor * WALL_OVER_FLOOR }, seconds, `≤ ${WALL_OVER_FLOOR} × floor ${seconds(floor)} = ${seconds(floor * WALL_OVER_FLOOR)}`),
				{ measure: 'API requests (429s included)', measured: api === undefined ? '—' : String(api), required: `(no bound; minimum ${minimum().requests})`, met: undefined },
			];
		},
	};
}
