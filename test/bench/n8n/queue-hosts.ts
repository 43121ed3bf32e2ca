import type { CredentialImport } from '../../e2e/harness';
import type { N8nVersion } from '../../../scripts/n8n/versions';
import { startQueueCluster, type QueueCluster } from '../../e2e/harness/queue-mode/cluster';
import { workerOfExecution } from '../../e2e/queue-mode/support/cluster-helpers';
import type { ExecutionHost, ExecutionHosts, ExecutionRunner } from './hosts';

/**
 * Executions on n8n's queue mode, as issue 16 asks: the e2e suite's cluster (PostgreSQL and Redis on loopback,
 * one main, `n8n worker` processes with `--concurrency=1`, `n8n webhook` processors, the package linked into
 * each), started the first time a job asks for hosts. Host k is main (where workflows are imported and
 * executions read) with webhook processor k as its webhook URL; the queue hands each execution to a free
 * worker, and with one job per worker two executions at once run on two workers. Which worker ran an
 * execution comes from the workers' own logs ("Worker started execution N"), so the workers log at `info`.
 */
export class QueueModeHosts implements ExecutionHosts {
	readonly mode = 'queue';

	private cluster?: QueueCluster;

	private hosts: ExecutionHost[] = [];

	constructor(
		private readonly options: {
			version: N8nVersion;
			/** Environment for every process of the cluster (the bench's redirect to the emulator). */
			env: Record<string, string>;
			credentials: { builtIn: CredentialImport; sync: CredentialImport };
			log(line: string): void;
		},
	) {}

	async take(count: number): Promise<ExecutionHost[]> {
		if (this.cluster && this.cluster.workers.length < count) throw new Error(`the queue-mode cluster has ${this.cluster.workers.length} workers, a job asked for ${count}`);
		if (!this.cluster) {
			const started = Date.now();
			this.options.log(`starting n8n ${this.options.version} in queue mode: PostgreSQL, Redis, main, ${count} workers (--concurrency=1), ${count} webhook processors`);
			this.cluster = await startQueueCluster({
				version: this.options.version,
				workers: count,
				webhookProcessors: count,
				workerConcurrency: 1,
				env: { ...this.options.env, N8N_LOG_LEVEL: 'info' },
			});
			const main = this.cluster.main;
			const credentials = { builtIn: await main.importCredential(this.options.credentials.builtIn), sync: await main.importCredential(this.options.credentials.sync) };
			this.hosts = this.cluster.webhooks.map((processor) => ({ label: `webhook processor ${processor.index}`, n8n: main, webhookUrl: processor.url!, credentials }));
			this.options.log(`queue-mode cluster ready in ${Math.round((Date.now() - started) / 1000)} s`);
		}
		return this.hosts.slice(0, count);
	}

	runners(): ExecutionRunner[] {
		return (this.cluster?.workers ?? []).map((worker) => ({ label: `worker ${worker.index}`, pid: worker.pid }));
	}

	ranOn(_host: ExecutionHost, executionId: string): string | undefined {
		if (!this.cluster) return undefined;
		const worker = workerOfExecution(this.cluster).get(executionId);
		return worker === undefined ? undefined : `worker ${worker}`;
	}

	async stopAll(): Promise<void> {
		const cluster = this.cluster;
		this.cluster = undefined;
		this.hosts = [];
		await cluster?.stop();
	}
}
