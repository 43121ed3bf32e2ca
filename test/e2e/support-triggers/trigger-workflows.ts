import { randomUUID } from 'node:crypto';
import { NODE_TYPE_PREFIX, type N8nInstance, type WorkflowJson } from '../harness';
import { nodeOutput, withData } from '../templates/support/template-env';

export const POLL_NODE = 'QuickBooks Poll';
export const HOOK_NODE = 'QuickBooks Hook';

type Credential = { id: string; name: string };

/** A trigger node followed by a No Operation node (so the run has somewhere to go). */
function triggerWorkflow(name: string, trigger: Record<string, unknown>, credential: Credential): WorkflowJson {
	return {
		name,
		nodes: [
			{ id: randomUUID(), position: [0, 0], typeVersion: 1, credentials: { quickBooksSyncOAuth2Api: credential }, ...trigger },
			{ id: randomUUID(), name: 'Done', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [250, 0], parameters: {} },
		],
		connections: { [String(trigger.name)]: { main: [[{ node: 'Done', type: 'main', index: 0 }]] } },
		settings: { saveDataSuccessExecution: 'all' },
	};
}

/** The polling trigger, polling every minute (n8n's floor), watching the given entities and events. */
export function pollingWorkflow(credential: Credential, entities: string[], events: string[]): WorkflowJson {
	const trigger = {
		name: POLL_NODE,
		type: `${NODE_TYPE_PREFIX}.quickBooksSyncTrigger`,
		parameters: { pollTimes: { item: [{ mode: 'everyMinute' }] }, entities, events },
	};
	return triggerWorkflow('QuickBooks polling trigger (e2e)', trigger, credential);
}

/** The webhook trigger with its own webhookId; n8n serves it at /webhook/<webhookId>/webhook. */
export function webhookWorkflow(credential: Credential, entities: string[], events: string[]): { workflow: WorkflowJson; webhookId: string } {
	const webhookId = randomUUID();
	const trigger = { name: HOOK_NODE, type: `${NODE_TYPE_PREFIX}.quickBooksSyncWebhookTrigger`, webhookId, parameters: { entities, events } };
	return { workflow: triggerWorkflow('QuickBooks webhook trigger (e2e)', trigger, credential), webhookId };
}

/** Every execution of a workflow (oldest first) with the items its trigger node emitted. */
export async function emittedPerExecution(n8n: N8nInstance, workflowId: string, nodeName: string): Promise<Array<Array<Record<string, unknown>>>> {
	const list = (await n8n.executions({ workflowId, limit: 250 })).sort((a, b) => Number(a.id) - Number(b.id));
	return (await withData(n8n, list)).map((execution) => nodeOutput(execution, nodeName));
}

/** Polls until the trigger node has emitted at least `count` items in total (bounded); returns them per execution. */
export async function waitForEmitted(
	n8n: N8nInstance,
	workflowId: string,
	nodeName: string,
	count: number,
	timeoutMs: number,
): Promise<Array<Array<Record<string, unknown>>>> {
	const until = Date.now() + timeoutMs;
	for (;;) {
		const emitted = await emittedPerExecution(n8n, workflowId, nodeName);
		if (emitted.flat().length >= count || Date.now() > until) return emitted;
		await new Promise((resolve) => setTimeout(resolve, 2_000));
	}
}

/** What a test compares: event name and record id of each emitted item. */
export const eventAndId = (item: Record<string, unknown>) => ({ event: item.event, id: item.id });
