import type { N8nInstance } from '../../e2e/harness';
import { findN8nPid } from '../measure/rss';

/**
 * Where one execution of a job is started: workflows are imported, activated and their executions read on
 * `n8n`; the webhook that starts the execution is posted to `webhookUrl`.
 */
export interface ExecutionHost {
	label: string;
	n8n: N8nInstance;
	/** Base URL serving production webhooks: the n8n itself in regular mode, a webhook processor in queue mode. */
	webhookUrl: string;
	credentials: { builtIn: string; sync: string };
}

/** A process that runs executions: a regular-mode n8n, or an `n8n worker` in queue mode. */
export interface ExecutionRunner {
	label: string;
	pid: number;
}

/**
 * Hosts for executions that must run at the same time for one company, and the processes that run them.
 * `regular`: separate regular-mode n8n processes (each runs what it receives); `queue`: n8n's queue mode
 * (n8n/queue-hosts.ts), where webhook processors enqueue and `n8n worker` processes run the executions.
 */
export interface ExecutionHosts {
	readonly mode: 'regular' | 'queue';
	take(count: number): Promise<ExecutionHost[]>;
	/** The processes that run executions (for their CPU time), started by `take`. */
	runners(): ExecutionRunner[];
	/** Which runner ran an execution (`undefined` when it cannot be told). */
	ranOn(host: ExecutionHost, executionId: string): string | undefined;
	stopAll(): Promise<void>;
}

/**
 * Separate regular-mode n8n processes (same package, same redirect, one emulator): each runs the execution it
 * receives and paces its requests on its own, as two queue-mode workers do. `--hosts=regular`.
 */
export class RegularProcessHosts implements ExecutionHosts {
	readonly mode = 'regular';

	private readonly extra: ExecutionHost[] = [];

	private taken: ExecutionHost[] = [];

	constructor(
		private readonly first: () => ExecutionHost,
		private readonly startAnother: (index: number) => Promise<ExecutionHost>,
	) {}

	async take(count: number): Promise<ExecutionHost[]> {
		while (this.extra.length < count - 1) this.extra.push(await this.startAnother(this.extra.length + 2));
		this.taken = [this.first(), ...this.extra.slice(0, count - 1)];
		return this.taken;
	}

	runners(): ExecutionRunner[] {
		return this.taken.map((host) => ({ label: host.label, pid: findN8nPid(host.n8n.port) }));
	}

	/** A regular-mode n8n runs what its own webhook receives. */
	ranOn(host: ExecutionHost): string {
		return host.label;
	}

	async stopAll(): Promise<void> {
		for (const host of this.extra.splice(0)) await host.n8n.stop().catch(() => undefined);
	}
}
