import { startEmulatorForTests, type TestEmulator } from '../../../support/emulator';
import { useSharedN8n, type ExecutionSummary, type N8nInstance, type N8nVersion, type WorkflowJson } from '../../harness';

/** A real n8n and an emulated QuickBooks, with a QuickBooks Sync credential connected to one company. */
export interface TemplateEnv {
	/** A lease on the run's shared n8n of the line (harness/shared-n8n.ts). */
	n8n: N8nInstance;
	qbo: TestEmulator;
	realmId: string;
	credential: { id: string; name: string };
	/** Removes the workflows, credentials and Data Tables the file added to n8n, and stops the emulator. */
	stop(): Promise<void>;
}

/**
 * Starts the file's own emulator, leases the shared n8n of the line, and imports a connected credential
 * for the realm ('us' or 'ca').
 */
export async function startTemplateEnv(
	version: N8nVersion,
	realm: 'us' | 'ca',
	credentialOverrides: Record<string, unknown> = {},
): Promise<TemplateEnv> {
	const qbo = await startEmulatorForTests();
	let n8n: N8nInstance | undefined;
	try {
		n8n = await useSharedN8n(version);
		const realmId = qbo.realms[realm];
		const name = `QuickBooks Sync (${realm})`;
		const id = await n8n.importCredential({ name, type: 'quickBooksSyncOAuth2Api', data: { ...qbo.credentials(realmId), ...credentialOverrides } });
		const started = n8n;
		return {
			n8n: started,
			qbo,
			realmId,
			credential: { id, name },
			async stop() {
				try {
					await started.stop();
				} finally {
					await qbo.stop();
				}
			},
		};
	} catch (error) {
		await n8n?.stop();
		await qbo.stop();
		throw error;
	}
}

/** Imports and activates a configured template; returns its id. */
export async function importAndActivate(n8n: N8nInstance, workflow: WorkflowJson): Promise<string> {
	const id = await n8n.importWorkflow(workflow);
	await n8n.activate(id);
	return id;
}

const REGISTER_WAIT_MS = 30_000;

/**
 * POSTs an event to a production webhook of the running n8n, as the outside system would. n8n
 * registers a webhook shortly after activation answers, so a 404 is retried for a while.
 */
export async function postToWebhook(n8n: N8nInstance, webhookPath: string, body: unknown): Promise<number> {
	const until = Date.now() + REGISTER_WAIT_MS;
	for (;;) {
		const response = await fetch(`${n8n.url}/webhook/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(30_000),
		});
		await response.text();
		if (response.status !== 404 || Date.now() > until) return response.status;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/**
 * Posts events one by one, as the outside system sends them, waiting for each one's execution before the
 * next: the workflow then has `alreadyFinished + events.length` finished executions.
 */
export async function deliverOneByOne(n8n: N8nInstance, webhookPath: string, workflowId: string, events: unknown[], alreadyFinished: number): Promise<void> {
	for (let index = 0; index < events.length; index++) {
		expect(await postToWebhook(n8n, webhookPath, events[index])).toBe(200);
		await waitForFinished(n8n, workflowId, alreadyFinished + index + 1);
	}
}

/** Calls to QuickBooks' send endpoints (invoice, estimate, …) the emulator has counted so far. */
export async function sendCalls(env: TemplateEnv): Promise<number> {
	const stats = await env.qbo.admin<{ byEndpoint: Record<string, number> }>('stats');
	return Object.entries(stats.byEndpoint).filter(([key]) => /\/send/.test(key)).reduce((sum, [, count]) => sum + count, 0);
}

const isDone = (execution: ExecutionSummary) => execution.finished || ['success', 'error', 'crashed', 'canceled'].includes(String(execution.status));

/** Waits until the workflow has at least `count` finished executions; returns them, oldest first. */
export async function waitForFinished(n8n: N8nInstance, workflowId: string, count: number, timeoutMs = 90_000): Promise<ExecutionSummary[]> {
	const list = await n8n.waitForExecutions({ workflowId, limit: 250 }, (executions) => executions.filter(isDone).length >= count && executions.every(isDone), timeoutMs);
	return list.filter(isDone).sort((a, b) => Number(a.id) - Number(b.id));
}

/** The output items (json) of one node in an execution, all runs together. */
export function nodeOutput(execution: ExecutionSummary, nodeName: string, outputIndex = 0): Array<Record<string, unknown>> {
	const runs = (execution.data?.resultData?.runData?.[nodeName] ?? []) as Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>;
	return runs.flatMap((run) => (run.data?.main?.[outputIndex] ?? []).map((item) => item.json));
}

/** Loads every execution of a workflow with its data. */
export async function withData(n8n: N8nInstance, executions: ExecutionSummary[]): Promise<ExecutionSummary[]> {
	const out: ExecutionSummary[] = [];
	for (const execution of executions) out.push(await n8n.execution(execution.id));
	return out;
}

/** "success", or "error in <node>: <message>" — so a failed assertion shows why. */
export function outcome(execution: ExecutionSummary): string {
	if (execution.status === 'success') return 'success';
	const error = execution.data?.resultData?.error as { message?: string; description?: string; node?: { name?: string } } | undefined;
	return `${execution.status} in ${error?.node?.name ?? '?'}: ${error?.message ?? ''} ${error?.description ?? ''}`.trim();
}
