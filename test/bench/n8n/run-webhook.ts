import type { ExecutionSummary, N8nInstance } from '../../e2e/harness';

export interface WebhookRun {
	/** The execution finished (with success or error) before the deadline. */
	finished: boolean;
	status?: string;
	executionId?: string;
	/** n8n's own timestamps: startedAt → stoppedAt. */
	wallMs?: number;
	startedAt?: string;
	stoppedAt?: string;
	/** The error n8n recorded, when the execution failed. */
	error?: string;
}

const REGISTER_WAIT_MS = 30_000;

/** POSTs to a production webhook; n8n registers it shortly after activation, so a 404 is retried for a while. */
async function postWhenRegistered(url: string, body: string): Promise<void> {
	const until = Date.now() + REGISTER_WAIT_MS;
	for (;;) {
		const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body, signal: AbortSignal.timeout(60_000) });
		if (response.ok) return;
		const text = await response.text();
		if (response.status !== 404 || Date.now() > until) throw new Error(`webhook ${url} answered HTTP ${response.status}: ${text.slice(0, 500)}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * The workflow's executions. n8n answers nothing while a node runs synchronous work (its event loop is
 * busy), so a reset or timed-out call is retried until `deadline`.
 */
async function listExecutions(n8n: N8nInstance, workflowId: string, deadline = Date.now() + 120_000): Promise<ExecutionSummary[]> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await n8n.executions({ workflowId, limit: 250 });
		} catch (error) {
			const name = (error as Error)?.name;
			const network = (error instanceof TypeError && /fetch failed/.test(error.message)) || name === 'TimeoutError' || name === 'AbortError';
			if (!network || Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, Math.min(5_000, 1_000 * attempt)));
		}
	}
}

const FINAL = new Set(['success', 'error', 'crashed', 'canceled']);

function errorOf(execution: ExecutionSummary): string | undefined {
	const error = execution.data?.resultData?.error as { message?: string; description?: string; node?: { name?: string } } | undefined;
	if (!error) return undefined;
	return [error.node?.name, error.message, error.description].filter(Boolean).join(': ').slice(0, 600);
}

/**
 * POSTs `body` to a webhook workflow that answers at once, then waits (polling the public API,
 * bounded by `deadline`) for the execution it started to finish. `webhookUrl` is where production
 * webhooks are served: n8n itself, or in queue mode a webhook processor (main lists the executions).
 */
export async function runWebhookWorkflow(
	n8n: N8nInstance,
	workflowId: string,
	path: string,
	body: unknown,
	deadline: number,
	webhookUrl = n8n.url,
): Promise<WebhookRun> {
	const before = new Set((await listExecutions(n8n, workflowId)).map((e) => String(e.id)));
	await postWhenRegistered(`${webhookUrl}/webhook/${path}`, JSON.stringify(body));
	let current: ExecutionSummary | undefined;
	const posted = Date.now();
	while (Date.now() < deadline) {
		const list = await listExecutions(n8n, workflowId, deadline);
		current = list.find((e) => !before.has(String(e.id)));
		if (current && current.stoppedAt && FINAL.has(String(current.status))) break;
		// Each look costs n8n a few ms of CPU (public API, database), which the bench counts as n8n's: every
		// second for the first 30 s, then every 5 s. Wall time comes from n8n's own startedAt/stoppedAt.
		await new Promise((resolve) => setTimeout(resolve, Date.now() - posted < 30_000 ? 1_000 : 5_000));
	}
	if (!current || !current.stoppedAt || !FINAL.has(String(current.status))) {
		return { finished: false, status: current?.status, executionId: current ? String(current.id) : undefined };
	}
	const wallMs = new Date(current.stoppedAt).getTime() - new Date(current.startedAt).getTime();
	const run: WebhookRun = {
		finished: true,
		status: String(current.status),
		executionId: String(current.id),
		wallMs,
		startedAt: String(current.startedAt),
		stoppedAt: String(current.stoppedAt),
	};
	if (run.status !== 'success') {
		const full = await n8n.execution(current.id).catch(() => undefined);
		run.error = (full && errorOf(full)) ?? `execution ${current.id} ended ${run.status}`;
	}
	return run;
}

/** Imports and activates a workflow; returns its id. */
export async function activeWorkflow(n8n: N8nInstance, workflow: Parameters<N8nInstance['importWorkflow']>[0]): Promise<string> {
	const workflowId = await n8n.importWorkflow(workflow);
	await n8n.activate(workflowId);
	return workflowId;
}

/** Imports and activates a webhook workflow, runs it once with `body`, and reports it as a job run. */
export async function runWorkflowJob(
	ctx: { n8n: N8nInstance; deadline: number; emulator: { clock: { now(): number } } },
	workflow: Parameters<N8nInstance['importWorkflow']>[0],
	path: string,
	body: unknown,
): Promise<{ completed: boolean; note?: string; wallMs?: number; emulatedMs?: number; executions?: number }> {
	const workflowId = await activeWorkflow(ctx.n8n, workflow);
	const clockStart = ctx.emulator.clock.now();
	const run = await runWebhookWorkflow(ctx.n8n, workflowId, path, body, ctx.deadline);
	const emulatedMs = ctx.emulator.clock.now() - clockStart;
	await ctx.n8n.deactivate(workflowId).catch(() => undefined);
	if (!run.finished) {
		return { completed: false, note: `still running at the time limit (execution ${run.executionId ?? 'not found'})`, emulatedMs };
	}
	return {
		completed: run.status === 'success',
		wallMs: run.wallMs,
		emulatedMs,
		executions: 1,
		note: run.status === 'success' ? undefined : `execution ${run.status}: ${run.error}`,
	};
}
