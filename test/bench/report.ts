import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Limits } from '../../emulator/src';
import type { JobRun, Variant, Verification } from './jobs/job';
import type { Criterion } from './jobs/criteria';
import type { Floor } from './jobs/floor';
import type { Minimum } from './jobs/minimum';
import type { RequestCounts } from './measure/requests';
import type { CpuLoad } from './measure/cpu-load';
import type { MemoryPeak } from './measure/rss';

/** One variant of one job, as measured. */
export interface VariantResult {
	variant: Variant;
	ran: boolean;
	/** Why it did not run (node missing, time limit, …). */
	notRunReason?: string;
	run?: JobRun;
	requests?: RequestCounts;
	memory?: MemoryPeak;
	/** n8n's CPU time and the machine's load average over the run. */
	cpuLoad?: CpuLoad;
	/** When not the one n8n: the processes whose CPU time (summed) and memory (the highest) the run reports. */
	measuredProcesses?: string[];
	verification?: Verification;
}

export interface JobResult {
	id: string;
	title: string;
	timeScale: number;
	minimum?: Minimum;
	/** The least wall time Intuit's limits allow for the minimum requests (jobs judged against it). */
	floor?: Floor;
	/** The job's requirements against what (a) measured. */
	criteria?: Criterion[];
	variants: Partial<Record<Variant, VariantResult>>;
	/** (a) run again right after (b) (document jobs), so (a)'s two runs bracket (b) under the same load drift. */
	repeatA?: VariantResult;
	/** The job as a whole could not run. */
	notRunReason?: string;
}

export interface BenchResults {
	startedAt: string;
	finishedAt: string;
	n8nVersion: string;
	/** Other work on the machine slows everything down: the 1-minute load average at both ends. */
	machine: { cpus: number; memoryGiB: number; node: string; loadAverageAtStart?: number; loadAverageAtEnd?: number };
	/** The commit of the package build n8n loaded. */
	packageCommit?: string;
	limits: Limits;
	redirect?: unknown;
	jobs: JobResult[];
}

type Row = [string, string, string, string, string];

const fmtInt = (n: number | undefined) => (n === undefined ? '—' : String(n));
const fmtSeconds = (ms: number | undefined) => (ms === undefined ? '—' : `${(ms / 1000).toFixed(1)} s`);
const fmtMiB = (n: number | undefined) => (n === undefined ? '—' : `${n.toFixed(0)} MiB`);

function ratio(b: number | undefined, a: number | undefined): string {
	if (a === undefined || b === undefined) return '—';
	if (a === 0) return b === 0 ? '—' : '∞';
	return `${(b / a).toFixed(b / a >= 10 ? 0 : 1)}×`;
}

/** A cell for a variant: its value, or why there is none. */
function cell(result: VariantResult | undefined, value: (r: VariantResult) => string): string {
	if (!result) return 'not run';
	if (!result.ran) return 'not run';
	return value(result);
}

/** Of (a)'s runs, the one with the longer wall time: the table compares (b) with it. */
function slowerA(job: JobResult): VariantResult | undefined {
	const runs = [job.variants.a, job.repeatA].filter((r): r is VariantResult => !!r?.ran && r.run?.wallMs !== undefined);
	if (runs.length === 0) return job.variants.a;
	return runs.reduce((slow, r) => ((r.run?.wallMs ?? 0) > (slow.run?.wallMs ?? 0) ? r : slow));
}

/**
 * The least time Intuit's limits allow for a run's accepted requests: with sliding windows, request
 * n + 1 of a window of n per minute (per second) starts no sooner than a minute (second) after the first.
 */
export function limitFloorMs(requests: RequestCounts | undefined, limits: Limits): number | undefined {
	if (!requests) return undefined;
	const accepted = requests.api - requests.throttled;
	const batches = requests.batch;
	const windows = (n: number, perWindow: number) => (n > 0 && perWindow > 0 ? Math.floor((n - 1) / perWindow) : 0);
	return Math.max(
		windows(accepted, limits.requestsPerMinute) * 60_000,
		windows(batches, limits.batchRequestsPerMinute) * 60_000,
		windows(accepted, limits.requestsPerSecond) * 1000,
	);
}

const fmtCpu = (r: VariantResult) => {
	const cpu = r.cpuLoad?.n8nCpuMs;
	const wall = r.run?.wallMs;
	if (cpu === undefined) return '—';
	return `${fmtSeconds(cpu)}${wall ? ` (${Math.round((cpu / wall) * 100)}% of wall)` : ''}`;
};

function jobRows(job: JobResult, limits: Limits): Row[] {
	const a = slowerA(job);
	const b = job.variants.b;
	const aRuns = [job.variants.a, job.repeatA].filter((r): r is VariantResult => !!r?.ran);
	const min = job.minimum?.requests;
	const req = (r: VariantResult | undefined, key: keyof RequestCounts) => r?.requests?.[key] as number | undefined;
	const metric = (
		label: string,
		get: (r: VariantResult) => number | undefined,
		format: (n: number | undefined) => string,
		minimum = '',
	): Row => [label, cell(a, (r) => format(get(r))), cell(b, (r) => format(get(r))), ratio(b?.ran ? get(b) : undefined, a?.ran ? get(a) : undefined), minimum];
	/** Verification figures of (a): the worse of its runs. */
	const check = (label: string, key: 'duplicates' | 'lost' | 'mismatched'): Row => {
		const worstA = aRuns.length ? Math.max(...aRuns.map((r) => r.verification?.[key] ?? 0)) : undefined;
		const ofB = b?.ran ? b.verification?.[key] : undefined;
		return [label, cell(a, () => fmtInt(worstA)), cell(b, () => fmtInt(ofB)), ratio(ofB, worstA), '0'];
	};
	const incomplete = (r: VariantResult | undefined) => (r?.ran && r.run && !r.run.completed ? ' (incomplete)' : '');
	const scale = job.timeScale === 1 ? 'real time' : `clock ×${job.timeScale}`;
	const wallLabel = `wall time at Intuit's limits (${scale}${aRuns.length > 1 ? `; (a): slower of its ${aRuns.length} runs` : ''})`;
	return [
		[`**${job.title}**`, '', '', '', ''],
		metric('API requests (all)', (r) => req(r, 'api'), fmtInt, fmtInt(min)),
		metric('— queries', (r) => req(r, 'query'), fmtInt),
		metric('— batch calls', (r) => req(r, 'batch'), fmtInt),
		metric('— single writes', (r) => req(r, 'write'), fmtInt),
		metric('— single reads', (r) => req(r, 'read'), fmtInt),
		metric('— CDC', (r) => req(r, 'cdc'), fmtInt),
		metric('— other API', (r) => req(r, 'otherApi'), fmtInt),
		metric('429 (throttled)', (r) => req(r, 'throttled'), fmtInt),
		metric('OAuth token calls', (r) => req(r, 'oauth'), fmtInt),
		[
			wallLabel,
			cell(a, (r) => fmtSeconds(r.run?.wallMs) + incomplete(r)),
			cell(b, (r) => fmtSeconds(r.run?.wallMs) + incomplete(r)),
			ratio(b?.run?.wallMs, a?.run?.wallMs),
			'',
		],
		...(job.timeScale === 1
			? [
					metric("— least time Intuit's limits allow for these requests", (r) => limitFloorMs(r.requests, limits), fmtSeconds),
					metric("— n8n's event loop waiting for a CPU (taken by other work)", (r) => r.cpuLoad?.n8nCpuWaitMs, fmtSeconds),
					metric(
						'— wall time less that wait (estimate for an idle machine)',
						(r) => (r.run?.wallMs !== undefined && r.cpuLoad?.n8nCpuWaitMs !== undefined ? Math.max(0, r.run.wallMs - r.cpuLoad.n8nCpuWaitMs) : undefined),
						fmtSeconds,
					),
				]
			: []),
		[
			'n8n CPU time (main process and task runners)',
			cell(a, fmtCpu),
			cell(b, fmtCpu),
			ratio(b?.cpuLoad?.n8nCpuMs, a?.cpuLoad?.n8nCpuMs),
			'',
		],
		[
			'load average during the run (1-min, mean; start → end)',
			cell(a, (r) => (r.cpuLoad ? `${r.cpuLoad.loadMean.toFixed(1)} (${r.cpuLoad.loadAtStart.toFixed(1)} → ${r.cpuLoad.loadAtEnd.toFixed(1)})` : '—')),
			cell(b, (r) => (r.cpuLoad ? `${r.cpuLoad.loadMean.toFixed(1)} (${r.cpuLoad.loadAtStart.toFixed(1)} → ${r.cpuLoad.loadAtEnd.toFixed(1)})` : '—')),
			'',
			'',
		],
		metric('peak RSS, n8n main process', (r) => r.memory?.peakMainMiB, fmtMiB),
		check('duplicates', 'duplicates'),
		check('lost items', 'lost'),
		check('wrong content', 'mismatched'),
		['(a) requests ÷ minimum', cell(a, (r) => (min && r.requests ? `${(r.requests.api / min).toFixed(2)}` : '—')), '', '', ''],
	];
}

/** The one table: every job, (a) and (b) side by side, the ratio (b)/(a) and the theoretical minimum. */
export function markdownTable(results: BenchResults): string {
	const header: Row = ['job / measure', '(a) QuickBooks Sync', "(b) n8n's QuickBooks node", '(b)/(a)', 'theoretical minimum'];
	const rows: Row[] = [header, ['---', '---:', '---:', '---:', '---:']];
	for (const job of results.jobs) rows.push(...jobRows(job, results.limits));
	return rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Notes under the table: runs that did not happen or did not finish, verification remarks, formulas. */
export function markdownNotes(results: BenchResults): string {
	const lines: string[] = [];
	for (const job of results.jobs) {
		if (job.notRunReason) lines.push(`- ${job.id}: not run — ${job.notRunReason}`);
		if (job.minimum) lines.push(`- ${job.id}: minimum = ${job.minimum.formula} = ${job.minimum.requests}`);
		if (job.floor) lines.push(`- ${job.id}: floor (least time Intuit's limits allow for the minimum) = ${job.floor.formula}`);
		for (const span of job.variants.a?.run?.spans ?? []) {
			const ranOn = span.ranOn && span.ranOn !== span.host ? `, run by ${span.ranOn}` : '';
			const cpu = span.runnerCpuMs !== undefined ? `; ${span.ranOn ?? 'its process'}: CPU ${fmtSeconds(span.runnerCpuMs)}, waited for a CPU ${fmtSeconds(span.runnerCpuWaitMs)}` : '';
			lines.push(`- ${job.id} (a) on ${span.host}${ranOn}${span.executionId ? ` (execution ${span.executionId})` : ''}: ${span.status ?? 'unfinished'}, ${fmtSeconds(span.wallMs)} (${span.startedAt ?? '?'} → ${span.stoppedAt ?? '?'})${cpu}`);
		}
		for (const variant of ['a', 'b'] as Variant[]) {
			const r = job.variants[variant];
			if (!r) continue;
			if (!r.ran) lines.push(`- ${job.id} (${variant}): not run — ${r.notRunReason}`);
			if (r.measuredProcesses) lines.push(`- ${job.id} (${variant}): n8n CPU time is that of ${r.measuredProcesses.join(' + ')} (the processes that ran the executions), peak RSS the highest of them`);
			else if (r.run?.note) lines.push(`- ${job.id} (${variant}): ${r.run.note}`);
			for (const note of r.verification?.notes ?? []) lines.push(`- ${job.id} (${variant}) check: ${note}`);
		}
		const runsOfA = [job.variants.a, job.repeatA].filter((r): r is VariantResult => !!r?.ran);
		if (runsOfA.length > 1) {
			const describe = (r: VariantResult) =>
				`${fmtSeconds(r.run?.wallMs)}, ${r.requests?.api ?? '?'} requests, n8n CPU ${fmtSeconds(r.cpuLoad?.n8nCpuMs)}, load ${r.cpuLoad?.loadMean.toFixed(1) ?? '?'}`;
			lines.push(`- ${job.id} (a) ran before and after (b): ${runsOfA.map(describe).join('; then ')}`);
			for (const note of job.repeatA?.verification?.notes ?? []) lines.push(`- ${job.id} (a, second run) check: ${note}`);
		}
	}
	return lines.join('\n');
}

/** The judged jobs' requirements, measured against each. */
export function markdownCriteria(results: BenchResults): string {
	const judged = results.jobs.filter((job) => job.criteria?.length);
	if (judged.length === 0) return '';
	const rows = ['| job | measure | measured | required | met |', '| --- | --- | ---: | ---: | :---: |'];
	for (const job of judged) {
		const load = job.variants.a?.cpuLoad;
		const loadText = load ? `load ${load.loadMean.toFixed(1)} (${load.loadAtStart.toFixed(1)} → ${load.loadAtEnd.toFixed(1)})` : '';
		rows.push(`| **${job.id}** | ${loadText} | | | |`);
		for (const c of job.criteria ?? []) rows.push(`| | ${c.measure} | ${c.measured} | ${c.required} | ${c.met === undefined ? '—' : c.met ? 'yes' : '**no**'} |`);
	}
	return rows.join('\n');
}

/** The whole report as markdown: context line, table, notes. */
export function markdownReport(results: BenchResults): string {
	const { machine, limits } = results;
	return [
		`Measured ${results.finishedAt} on n8n ${results.n8nVersion} (Node ${machine.node}), package at ${results.packageCommit ?? '?'}, ${machine.cpus} CPU cores, ${machine.memoryGiB} GiB RAM,`,
		`load average ${machine.loadAverageAtStart?.toFixed(1) ?? '?'} → ${machine.loadAverageAtEnd?.toFixed(1) ?? '?'} (other work shared the machine);`,
		`emulator limits ${limits.requestsPerMinute}/min, ${limits.requestsPerSecond}/s, ${limits.concurrentRequests} concurrent, ${limits.batchRequestsPerMinute} batch calls/min per company.`,
		'',
		markdownTable(results),
		'',
		markdownNotes(results),
		'',
		markdownCriteria(results),
		'',
	].join('\n');
}

/** Writes <name>.json and <name>.md into `dir` (through a temp file, so a crash never leaves half a file). */
export function writeResults(dir: string, results: BenchResults, name = 'latest'): { json: string; md: string } {
	fs.mkdirSync(dir, { recursive: true });
	const json = path.join(dir, `${name}.json`);
	const md = path.join(dir, `${name}.md`);
	for (const [file, text] of [
		[json, JSON.stringify(results, null, '\t') + '\n'],
		[md, markdownReport(results)],
	] as const) {
		fs.writeFileSync(`${file}.tmp`, text);
		fs.renameSync(`${file}.tmp`, file);
	}
	return { json, md };
}
