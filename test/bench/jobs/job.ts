import type { RunningEmulator } from '../../../emulator/src';
import type { N8nInstance } from '../../e2e/harness';
import type { Limits } from '../../../emulator/src';
import type { VariantResult } from '../report';
import type { ExecutionHosts } from '../n8n/hosts';
import type { Criterion } from './criteria';
import type { Floor } from './floor';
import type { Minimum } from './minimum';

/** (a) this package's nodes, (b) n8n's built-in QuickBooks node used the way its users do. */
export type Variant = 'a' | 'b';

export const VARIANT_LABEL: Record<Variant, string> = {
	a: 'QuickBooks Sync (this package)',
	b: "n8n's built-in QuickBooks node",
};

/** What a job gets to run one variant. Everything here is already started by the runner. */
export interface JobContext {
	variant: Variant;
	n8n: N8nInstance;
	/** The emulator for this (job, variant): fresh state, the job's time scale, Intuit's limits. */
	emulator: RunningEmulator;
	realmId: string;
	/** n8n credential ids: the built-in `quickBooksOAuth2Api` and this package's `quickBooksSyncOAuth2Api`. */
	credentials: { builtIn: string; sync: string };
	/** Node type names as this n8n knows them, e.g. `CUSTOM.quickBooksSync`. */
	nodeTypes: { sync: string; pollingTrigger: string };
	/** Epoch ms after which the job must give up and report itself incomplete. */
	deadline: number;
	/**
	 * Hosts for executions that must run at once (n8n/hosts.ts): `take(count)` gives them (already started
	 * for a job that declares `executionHosts`), `ranOn` tells which process ran an execution, `runners` lists
	 * those processes. n8n's queue mode by default, separate regular-mode processes with `--hosts=regular`.
	 */
	executionHosts: ExecutionHosts;
	log(line: string): void;
}

/** How one variant's run ended, as seen from n8n. */
export interface JobRun {
	completed: boolean;
	/** Why not completed, or anything worth printing. */
	note?: string;
	/** Real ms from the first request the job caused to the end of its work (n8n's execution timestamps where possible). */
	wallMs?: number;
	/** Emulated ms over the same span (differs from wallMs when the job runs on a scaled clock). */
	emulatedMs?: number;
	executions?: number;
	/** Each execution's own span (n8n's startedAt → stoppedAt), when a job runs several at once. */
	spans?: Array<{
		host: string;
		/** The process that ran the execution (queue mode: the worker, from its log). */
		ranOn?: string;
		executionId?: string;
		status?: string;
		wallMs?: number;
		startedAt?: string;
		stoppedAt?: string;
		/** CPU time (user + system) of the process that ran it over the job, and its main thread's wait for a CPU. */
		runnerCpuMs?: number;
		runnerCpuWaitMs?: number;
	}>;
}

/** What QuickBooks holds after the run, compared with what the job should have produced. */
export interface Verification {
	expected: number;
	/** Expected records present exactly once and as specified. */
	correct: number;
	/** Extra records: a second document for the same source record, or records nobody asked for. */
	duplicates: number;
	/** Expected records missing. */
	lost: number;
	/** Present but different from the source (wrong customer, lines or amount). */
	mismatched: number;
	notes: string[];
}

/** One benchmark job, run once per variant against a fresh emulator. */
export interface BenchJob {
	id: string;
	title: string;
	/** The emulator clock speed for this job (1 = real time). */
	timeScale: number;
	/** Measure n8n's idle CPU for this long before the job starts (CpuLoad.n8nIdleCpuMsPerS). */
	idleCpuSampleMs?: number;
	/** How many execution hosts the job takes: they are started before its time limit starts counting. */
	executionHosts?: number;
	/** A generous bound per variant; past it the run is reported incomplete. */
	timeoutMs: number;
	/** The variants this job can run, with the reason for any it cannot. */
	unavailable?(variant: Variant, ctx: { nodeTypes: JobContext['nodeTypes']; knownTypes: Set<string> }): string | undefined;
	minimum(): Minimum;
	/** The least wall time Intuit's limits allow for the minimum requests (jobs that are judged against it). */
	floor?(limits: Limits): Floor;
	/** The job's requirements, checked against what (a) measured. */
	criteria?(result: VariantResult, limits: Limits): Criterion[];
	/** Puts the job's starting state into a fresh emulator (direct calls, not counted as requests). */
	seed(emulator: RunningEmulator, realmId: string): void;
	run(ctx: JobContext): Promise<JobRun>;
	verify(emulator: RunningEmulator, realmId: string): Verification;
}
