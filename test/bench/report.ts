import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Limits } from '../../emulator/src';
import type { JobRun, Variant, Verification } from './jobs/job';
import type { Minimum } from './jobs/minimum';
import type { RequestCounts } from './measure/requests';
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
	verification?: Verification;
}

export interface JobResult {
	id: string;
	title: string;
	timeScale: number;
	minimum?: Minimum;
	variants: Partial<Record<Variant, VariantResult>>;
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

function jobRows(job: JobResult): Row[] {
	const a = job.variants.a;
	const b = job.variants.b;
	const min = job.minimum?.requests;
	const req = (r: VariantResult | undefined, key: keyof RequestCounts) => r?.requests?.[key] as number | undefined;
	const metric = (
		label: string,
		get: (r: VariantResult) => number | undefined,
		format: (n: number | undefined) => string,
		minimum = '',
	): Row => [label, cell(a, (r) => format(get(r))), cell(b, (r) => format(get(r))), ratio(b?.ran ? get(b) : undefined, a?.ran ? get(a) : undefined), minimum];
	const incomplete = (r: VariantResult | undefined) => (r?.ran && r.run && !r.run.completed ? ' (incomplete)' : '');
	const scale = job.timeScale === 1 ? 'real time' : `clock ×${job.timeScale}`;
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
			`wall time at Intuit's limits (${scale})`,
			cell(a, (r) => fmtSeconds(r.run?.wallMs) + incomplete(r)),
			cell(b, (r) => fmtSeconds(r.run?.wallMs) + incomplete(r)),
			ratio(b?.run?.wallMs, a?.run?.wallMs),
			'',
		],
		metric('peak RSS, n8n main process', (r) => r.memory?.peakMainMiB, fmtMiB),
		metric('duplicates', (r) => r.verification?.duplicates, fmtInt, '0'),
		metric('lost items', (r) => r.verification?.lost, fmtInt, '0'),
		metric('wrong content', (r) => r.verification?.mismatched, fmtInt, '0'),
		['(a) requests ÷ minimum', cell(a, (r) => (min && r.requests ? `${(r.requests.api / min).toFixed(2)}` : '—')), '', '', ''],
	];
}

/** The one table: every job, (a) and (b) side by side, the ratio (b)/(a) and the theoretical minimum. */
export function markdownTable(results: BenchResults): string {
	const header: Row = ['job / measure', '(a) QuickBooks Sync', "(b) n8n's QuickBooks node", '(b)/(a)', 'theoretical minimum'];
	const rows: Row[] = [header, ['---', '---:', '---:', '---:', '---:']];
	for (const job of results.jobs) rows.push(...jobRows(job));
	return rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Notes under the table: runs that did not happen or did not finish, verification remarks, formulas. */
export function markdownNotes(results: BenchResults): string {
	const lines: string[] = [];
	for (const job of results.jobs) {
		if (job.notRunReason) lines.push(`- ${job.id}: not run — ${job.notRunReason}`);
		if (job.minimum) lines.push(`- ${job.id}: minimum = ${job.minimum.formula} = ${job.minimum.requests}`);
		for (const variant of ['a', 'b'] as Variant[]) {
			const r = job.variants[variant];
			if (!r) continue;
			if (!r.ran) lines.push(`- ${job.id} (${variant}): not run — ${r.notRunReason}`);
			else if (r.run?.note) lines.push(`- ${job.id} (${variant}): ${r.run.note}`);
			for (const note of r.verification?.notes ?? []) lines.push(`- ${job.id} (${variant}) check: ${note}`);
		}
	}
	return lines.join('\n');
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
