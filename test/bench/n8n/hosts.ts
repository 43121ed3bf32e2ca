import type { N8nInstance } from '../../e2e/harness';

/** One n8n an execution of a job runs on, with the ids of the bench credentials in it. */
export interface ExecutionHost {
	label: string;
	n8n: N8nInstance;
	credentials: { builtIn: string; sync: string };
}

/**
 * Hosts for executions that must run at the same time for one company. Today each is a separate
 * regular-mode n8n process (same package, same redirect, one emulator): each paces its requests on its
 * own, as two queue-mode workers do. Moving to n8n's queue mode (test/e2e/queue-mode, issue 16) means
 * replacing this class: every host is then the main (or a webhook processor) and n8n's queue hands
 * the executions to the workers; the jobs do not change.
 */
export class RegularProcessHosts {
	private readonly extra: ExecutionHost[] = [];

	constructor(
		private readonly first: () => ExecutionHost,
		private readonly startAnother: (index: number) => Promise<ExecutionHost>,
	) {}

	async take(count: number): Promise<ExecutionHost[]> {
		while (this.extra.length < count - 1) this.extra.push(await this.startAnother(this.extra.length + 2));
		return [this.first(), ...this.extra.slice(0, count - 1)];
	}

	async stopAll(): Promise<void> {
		for (const host of this.extra.splice(0)) await host.n8n.stop().catch(() => undefined);
	}
}
