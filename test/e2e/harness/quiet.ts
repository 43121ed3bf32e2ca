/**
 * Waiting on the real condition instead of a fixed "settle" sleep: nothing more can reach a workflow
 * (every webhook delivery answered, every execution it started finished).
 */
import type { ExecutionSummary, N8nInstance } from './n8n-instance';

const POLL_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isDone = (execution: ExecutionSummary) => execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(String(execution.status));

/**
 * Waits until nothing more can reach the workflow: `deliveriesDone` (e.g. the emulator's webhooks `idle()`,
 * every notification and duplicate answered) resolves, then every execution of the workflow has finished,
 * seen the same on two polls in a row (n8n may answer a webhook a moment before it records the execution).
 * Returns the executions, oldest first.
 */
export async function waitForQuiet(
	n8n: N8nInstance,
	workflowId: string,
	deliveriesDone: () => Promise<void> = async () => {},
	timeoutMs = 90_000,
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	let timer: NodeJS.Timeout | undefined;
	const timedOut = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`webhook deliveries still pending after ${timeoutMs} ms`)), timeoutMs);
	});
	try {
		await Promise.race([deliveriesDone(), timedOut]);
	} finally {
		clearTimeout(timer);
	}
	let previous = '';
	for (;;) {
		const list = await n8n.executions({ workflowId, limit: 250 });
		const seen = JSON.stringify(list.map((execution) => [execution.id, execution.status, execution.finished]));
		if (list.every(isDone) && seen === previous) return list.sort((a, b) => Number(a.id) - Number(b.id));
		if (Date.now() > deadline) throw new Error(`executions of workflow ${workflowId} still running after ${timeoutMs} ms: ${seen.slice(0, 1000)}`);
		previous = seen;
		await sleep(POLL_MS * 2);
	}
}
