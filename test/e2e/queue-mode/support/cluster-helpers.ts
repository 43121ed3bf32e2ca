import type { QueueCluster } from '../../harness/queue-mode/cluster';

const REGISTER_WAIT_MS = 30_000;

/**
 * POSTs JSON to a production webhook of one webhook processor, as the outside system would. A webhook
 * processor finds a workflow's webhooks in the database once main has activated it; a 404 is retried a while.
 */
export async function postTo(baseUrl: string, webhookPath: string, body: unknown): Promise<number> {
	const until = Date.now() + REGISTER_WAIT_MS;
	for (;;) {
		const response = await fetch(`${baseUrl}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(60_000),
		});
		await response.text();
		if (response.status !== 404 || Date.now() > until) return response.status;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** Which worker (1-based) ran each execution, from the workers' own logs ("Worker started execution N"). */
export function workerOfExecution(cluster: QueueCluster): Map<string, number> {
	const owner = new Map<string, number>();
	for (const worker of cluster.workers) {
		for (const match of worker.log().matchAll(/Worker started execution (\d+)/g)) owner.set(match[1], worker.index);
	}
	return owner;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
