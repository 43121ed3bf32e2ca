/**
 * `npm run bench`: the same jobs done by this package's nodes (a) and by n8n's built-in QuickBooks
 * node (b), in a real n8n, against the emulator with Intuit's limits on. Prints one table and writes
 * test/bench/results/latest.{json,md}. See test/bench/README.md.
 *
 * Options: --jobs=invoices,salesReceipts,polling,invoices10k,twoWorkers  --variants=a,b  --n8n=2.41.1  --time-scale=1
 *          --quick (small sizes, writes results/quick.*; for trying the bench, not for figures)
 *          --name=scale (results/<name>.{json,md} instead of latest.*, so a partial run keeps the full table)
 *          invoices10k only: --output=full|simplified (the node's Simplify switch), default full
 *          --hosts=queue|regular (where twoWorkers' executions run: n8n's queue mode, the default, or
 *          separate regular-mode n8n processes)
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { INTUIT_LIMITS, startEmulator, type RunningEmulator } from '../../emulator/src';
import { ensureN8n } from '../../scripts/n8n/install';
import { N8N_VERSIONS, isPinnedVersion, type N8nVersion } from '../../scripts/n8n/versions';
import { ensurePackageBuilt, NODE_TYPE_PREFIX, startN8n, type N8nInstance } from '../e2e/harness';
import { REPO_ROOT } from '../e2e/harness/build-package';
import { invoiceJob } from './jobs/invoices';
import { tenThousandInvoicesJob, type TenThousandSettings } from './jobs/invoices-10k';
import { twoWorkersJob } from './jobs/two-workers';
import { RegularProcessHosts, type ExecutionHost, type ExecutionHosts } from './n8n/hosts';
import { QueueModeHosts } from './n8n/queue-hosts';
import { pollingJob } from './jobs/polling';
import type { BenchJob, JobContext, Variant } from './jobs/job';
import { receiptJob } from './jobs/receipts';
import { countRequests } from './measure/requests';
import { idleCpuRate } from './measure/cpu-load';
import { findN8nPid } from './measure/rss';
import { sampleRunners } from './measure/runners';
import { benchCredentials } from './n8n/credentials';
import { proveRedirect } from './redirect/check';
import { startTlsFront, type TlsFront } from './redirect/tls-front';
import { markdownReport, writeResults, type BenchResults, type JobResult, type VariantResult } from './report';

interface Options {
	jobs: string[];
	variants: Variant[];
	n8nVersion: N8nVersion;
	timeScale: number;
	quick: boolean;
	outDir: string;
	name: string;
	tenThousand: Partial<TenThousandSettings>;
	hosts: ExecutionHosts['mode'];
}

function parseOptions(argv: string[]): Options {
	const value = (name: string) => argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1];
	const n8nVersion = value('n8n') ?? N8N_VERSIONS.current;
	if (!isPinnedVersion(n8nVersion)) throw new Error(`--n8n=${n8nVersion} is not a pinned n8n line`);
	const timeScale = Number(value('time-scale') ?? 1);
	if (!(timeScale >= 1)) throw new Error('--time-scale must be a number ≥ 1');
	const hosts = value('hosts') ?? 'queue';
	if (hosts !== 'queue' && hosts !== 'regular') throw new Error(`--hosts=${hosts}: queue or regular`);
	return {
		jobs: (value('jobs') ?? 'invoices,salesReceipts,polling,invoices10k,twoWorkers').split(',').filter(Boolean),
		variants: (value('variants') ?? 'a,b').split(',').filter((v): v is Variant => v === 'a' || v === 'b'),
		n8nVersion,
		timeScale,
		quick: argv.includes('--quick'),
		outDir: path.resolve(value('out') ?? path.join(__dirname, 'results')),
		name: value('name') ?? (argv.includes('--quick') ? 'quick' : 'latest'),
		tenThousand: {
			...(value('output') ? { output: value('output') === 'simplified' ? 'simplified' : 'full' } : {}),
		},
		hosts,
	};
}

const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

async function buildJobs(options: Options): Promise<Array<BenchJob | { id: string; notRun: string }>> {
	const jobs: Array<BenchJob | { id: string; notRun: string }> = [];
	const quick = options.quick;
	for (const id of options.jobs) {
		if (id === 'invoices') {
			jobs.push(
				invoiceJob({
					sizes: quick ? { orders: 100, customers: 40, existingCustomers: 20, items: 10, linesPerOrder: 3 } : undefined,
					timeScale: options.timeScale,
					timeoutMs: (quick ? 5 : 25) * 60_000,
				}),
			);
		} else if (id === 'salesReceipts') {
			jobs.push(
				receiptJob({
					sizes: quick ? { payments: 40, customers: 20, existingCustomers: 10, plans: 3 } : undefined,
					timeScale: options.timeScale,
					timeoutMs: (quick ? 5 : 12) * 60_000,
				}),
			);
		} else if (id === 'invoices10k') {
			const sizes = quick ? { orders: 300, customers: 60, existingCustomers: 30, items: 15, linesPerOrder: 3 } : undefined;
			jobs.push(tenThousandInvoicesJob({ sizes, timeoutMs: (quick ? 5 : 25) * 60_000, settings: options.tenThousand }));
		} else if (id === 'twoWorkers') {
			const sizes = quick ? { orders: 300, customers: 60, existingCustomers: 30, items: 15, linesPerOrder: 3 } : undefined;
			jobs.push(twoWorkersJob({ sizes, timeoutMs: (quick ? 5 : 30) * 60_000 }));
		} else if (id === 'polling') {
			jobs.push(pollingJob({ quick }));
		} else {
			throw new Error(`unknown job ${id}`);
		}
	}
	return jobs;
}

/** The commit n8n's copy of the package was built from (the harness links the repository's dist/). */
function packageCommit(): string {
	ensurePackageBuilt((line) => log(line));
	try {
		return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT }).toString().trim();
	} catch {
		return 'unknown';
	}
}

/** Everything the bench starts, so one place stops it all. */
class Processes {
	n8n?: N8nInstance;
	front?: TlsFront;
	hosts?: ExecutionHosts;

	emulators = new Set<RunningEmulator>();

	async stopAll(): Promise<void> {
		await this.hosts?.stopAll().catch((error) => log(`stopping the execution hosts: ${error}`));
		await this.n8n?.stop().catch((error) => log(`stopping n8n: ${error}`));
		this.n8n = undefined;
		for (const emulator of this.emulators) await emulator.stop().catch(() => undefined);
		this.emulators.clear();
		await this.front?.stop().catch(() => undefined);
		this.front = undefined;

	}
}

async function startJobEmulator(processes: Processes, timeScale: number, oauthState: unknown): Promise<RunningEmulator> {
	const emulator = await startEmulator({ quiet: true, timeScale, limits: { ...INTUIT_LIMITS } });
	processes.emulators.add(emulator);
	// The grants n8n holds (and any refresh-token rotation so far) carry over to this job's emulator.
	if (oauthState) emulator.oauth.restore(oauthState);
	return emulator;
}

async function stopJobEmulator(processes: Processes, emulator: RunningEmulator): Promise<unknown> {
	const state = emulator.oauth.snapshot();
	await emulator.stop();
	processes.emulators.delete(emulator);
	return state;
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
	});
	try {
		return await Promise.race([promise, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

async function nodeTypes(n8n: N8nInstance): Promise<{ known: Set<string>; sync: string; pollingTrigger: string }> {
	const types = await n8n.root.get<Array<{ name: string }>>('/types/nodes.json');
	const known = new Set(types.map((type) => type.name));
	const find = (suffix: string) =>
		known.has(`${NODE_TYPE_PREFIX}.${suffix}`) ? `${NODE_TYPE_PREFIX}.${suffix}` : ([...known].find((name) => name.endsWith(`.${suffix}`)) ?? `${NODE_TYPE_PREFIX}.${suffix}`);
	return { known, sync: find('quickBooksSync'), pollingTrigger: find('quickBooksSyncTrigger') };
}

async function runVariant(
	job: BenchJob,
	variant: Variant,
	state: {
		processes: Processes;
		n8n: N8nInstance;
		front: TlsFront;
		realmId: string;
		credentials: JobContext['credentials'];
		types: Awaited<ReturnType<typeof nodeTypes>>;
		oauth: unknown;
		fresh: boolean;
		hosts: ExecutionHosts;
	},
): Promise<VariantResult> {
	const unavailable =
		job.unavailable?.(variant, { nodeTypes: state.types, knownTypes: state.types.known }) ??
		(variant === 'a' && !state.types.known.has(state.types.sync) ? `n8n does not know ${state.types.sync}` : undefined);
	if (unavailable) return { variant, ran: false, notRunReason: unavailable };

	// A fresh n8n process per run, so peak memory figures start from the same place.
	if (!state.fresh) await state.n8n.restart();
	state.fresh = false;
	// Hosts for executions at once (the queue-mode cluster takes minutes to start) are up before the clock starts.
	if (job.executionHosts) await state.hosts.take(job.executionHosts);
	const emulator = await startJobEmulator(state.processes, job.timeScale, state.oauth);
	try {
		job.seed(emulator, state.realmId);
		state.front.setTarget(emulator.url);
		// The processes that run the executions: n8n, or for a job on execution hosts those hosts' runners (the workers).
		const runners = job.executionHosts ? state.hosts.runners() : [{ label: 'n8n', pid: findN8nPid(state.n8n.port) }];
		// n8n's idle CPU (s6b's 10k job), measured on the process that will run the execution, before it starts.
		const idleRate = job.idleCpuSampleMs && runners.length === 1 ? await idleCpuRate(runners[0].pid, job.idleCpuSampleMs) : undefined;
		const measured = sampleRunners(runners.map((runner) => runner.pid));
		const deadline = Date.now() + job.timeoutMs;
		log(`${job.id} (${variant}): running (time limit ${Math.round(job.timeoutMs / 60_000)} min)`);
		let run;
		try {
			run = await withTimeout(
				job.run({
					variant,
					n8n: state.n8n,
					emulator,
					realmId: state.realmId,
					credentials: state.credentials,
					nodeTypes: state.types,
					deadline,
					executionHosts: state.hosts,
					log,
				}),
				job.timeoutMs + 60_000,
				`${job.id} (${variant})`,
			);
		} catch (error) {
			const cause = (error as { cause?: unknown })?.cause;
			run = { completed: false, note: `failed: ${error instanceof Error ? error.message : String(error)}${cause ? ` (${String(cause)})` : ''}` };
			log(`${job.id} (${variant}): ${error instanceof Error ? error.stack : String(error)}`);
		}
		const { memory: peak, cpuLoad: measuredLoad } = measured.stop();
		const busy = { ...measuredLoad, ...(idleRate !== undefined ? { n8nIdleCpuMsPerS: idleRate } : {}) };
		const result: VariantResult = {
			variant,
			ran: true,
			measuredProcesses: job.executionHosts ? runners.map((runner) => runner.label) : undefined,
			run,
			requests: countRequests(emulator.stats()),
			memory: peak,
			cpuLoad: busy,
			verification: job.verify(emulator, state.realmId),
		};
		log(`${job.id} (${variant}): ${JSON.stringify({ run: result.run, api: result.requests?.api, throttled: result.requests?.throttled, rss: peak.peakMainMiB, ...busy, check: result.verification })}`);
		return result;
	} finally {
		state.oauth = await stopJobEmulator(state.processes, emulator);
	}
}

async function main(): Promise<void> {
	const options = parseOptions(process.argv.slice(2));
	const startedAt = new Date().toISOString();
	execFileSync('openssl', ['version'], { stdio: 'ignore' }); // fails early with a clear ENOENT when openssl is missing
	const jobs = await buildJobs(options);
	const processes = new Processes();
	const stop = () => {
		log('interrupted: stopping everything the bench started');
		void processes.stopAll().finally(() => process.exit(130));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);

	const results: BenchResults = {
		startedAt,
		finishedAt: '',
		n8nVersion: options.n8nVersion,
		machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: '', loadAverageAtStart: os.loadavg()[0] },
		limits: { ...INTUIT_LIMITS },
		jobs: [],
	};
	try {
		const install = await ensureN8n(options.n8nVersion);
		results.machine.node = execFileSync(install.nodeBin, ['--version']).toString().trim();
		// A first emulator issues the tokens n8n is given; its OAuth state then moves from job to job.
		const first = await startJobEmulator(processes, 1, undefined);
		const realmId = first.realms.us;
		processes.front = await startTlsFront(first.url);
		const proof = await proveRedirect(processes.front, {
			nodeBin: install.nodeBin,
			realmId,
			accessToken: first.issueTokens(realmId).access_token,
			emulatorRequests: () => first.stats().requests,
		});
		results.redirect = { hosts: processes.front.processEnv().QBO_BENCH_REDIRECT_HOSTS, port: processes.front.port, proof };
		log(`redirect proven with n8n's Node: ${JSON.stringify(proof)}`);
		const credentialData = benchCredentials(first, realmId);

		results.packageCommit = packageCommit();
		log(`starting n8n ${options.n8nVersion} with the redirect preload and the package as built at ${results.packageCommit}`);
		const n8n = await startN8n({ version: options.n8nVersion, env: { ...processes.front.processEnv(), N8N_LOG_LEVEL: 'warn' } });
		processes.n8n = n8n;
		const credentials = {
			builtIn: await n8n.importCredential(credentialData.builtIn),
			sync: await n8n.importCredential(credentialData.sync),
		};
		const types = await nodeTypes(n8n);
		const front = processes.front;
		// Hosts for jobs whose executions run at once (started when a job first asks): n8n's queue mode, or
		// further regular-mode n8n processes with --hosts=regular.
		processes.hosts =
			options.hosts === 'queue'
				? new QueueModeHosts({ version: options.n8nVersion, env: front.processEnv(), credentials: credentialData, log })
				: new RegularProcessHosts(
						(): ExecutionHost => ({ label: 'n8n 1', n8n, webhookUrl: n8n.url, credentials }),
						async (index) => {
							log(`starting n8n ${index} (regular mode) for concurrent executions`);
							const another = await startN8n({ version: options.n8nVersion, env: { ...front.processEnv(), N8N_LOG_LEVEL: 'warn' } });
							const host: ExecutionHost = {
								label: `n8n ${index}`,
								n8n: another,
								webhookUrl: another.url,
								credentials: { builtIn: await another.importCredential(credentialData.builtIn), sync: await another.importCredential(credentialData.sync) },
							};
							return host;
						},
					);
		const state = { processes, n8n, front, realmId, credentials, types, oauth: (await stopJobEmulator(processes, first)) as unknown, fresh: true, hosts: processes.hosts };

		for (const job of jobs) {
			if ('notRun' in job) {
				results.jobs.push({ id: job.id, title: job.id, timeScale: 0, variants: {}, notRunReason: job.notRun });
				continue;
			}
			const jobResult: JobResult = { id: job.id, title: job.title, timeScale: job.timeScale, minimum: job.minimum(), floor: job.floor?.(results.limits), variants: {} };
			results.jobs.push(jobResult);
			if (jobResult.floor) log(`${job.id}: minimum ${jobResult.minimum?.requests} requests (${jobResult.minimum?.formula}); floor ${jobResult.floor.formula}`);
			const save = () => writeResults(options.outDir, { ...results, finishedAt: new Date().toISOString() }, options.name);
			for (const variant of options.variants) {
				const result = await runVariant(job, variant, state);
				jobResult.variants[variant] = result;
				if (variant === 'a' && result.ran && job.criteria) jobResult.criteria = job.criteria(result, results.limits);
				// Written as it goes, so a run cut short still leaves every finished figure behind.
				save();
			}
			// The machine is shared and its load drifts: (a) runs again right after (b), so the two
			// (a) runs bracket (b) in time, and the table compares (b) with the slower (a).
			if (job.timeScale === 1 && options.variants.includes('a') && jobResult.variants.b?.ran) {
				jobResult.repeatA = await runVariant(job, 'a', state);
				save();
			}
		}
	} finally {
		await processes.stopAll();
		results.finishedAt = new Date().toISOString();
		results.machine.loadAverageAtEnd = os.loadavg()[0];
		const files = writeResults(options.outDir, results, options.name);
		process.stdout.write(`\n${markdownReport(results)}\nResults: ${files.json}, ${files.md}\n`);
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		log(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
		process.exit(1);
	},
);
