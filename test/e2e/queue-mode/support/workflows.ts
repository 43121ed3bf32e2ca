import { randomUUID } from 'node:crypto';
import { NODE_TYPE_PREFIX, type WorkflowJson } from '../../harness';
import type { TemplateWorkflow } from '../../templates/support/template-workflow';

type Credential = { id: string; name: string };

export const HOOK_NODE = 'QuickBooks Hook';
export const EFFECT_NODE = 'Invoice the New Customer';
export const EFFECT_ITEM = 'Queue welcome pack';

/** The document number the downstream effect of a customer's creation carries: one invoice per change. */
export const effectDocNumber = (customerId: string) => `WELCOME-${customerId}`;

/**
 * QuickBooks Sync Webhook Trigger (customer created) → QuickBooks Sync: a welcome invoice for the new
 * customer, numbered after it and skipped when it exists. The invoice is the change's one QuickBooks effect
 * downstream: a duplicate execution must find it and write nothing.
 */
export function customerWebhookWorkflow(credential: Credential): { workflow: WorkflowJson; webhookId: string } {
	const webhookId = randomUUID();
	return {
		webhookId,
		workflow: {
			name: 'Queue mode: new customer → welcome invoice',
			nodes: [
				{
					id: randomUUID(),
					name: HOOK_NODE,
					type: `${NODE_TYPE_PREFIX}.quickBooksSyncWebhookTrigger`,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters: { entities: ['Customer'], events: ['created'] },
					credentials: { quickBooksSyncOAuth2Api: credential },
				},
				{
					id: randomUUID(),
					name: EFFECT_NODE,
					type: `${NODE_TYPE_PREFIX}.quickBooksSync`,
					typeVersion: 1,
					position: [250, 0],
					parameters: {
						resource: 'invoice',
						operation: 'create',
						customer: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
						docNumber: '={{ "WELCOME-" + $json.id }}',
						ifExists: 'skip',
						linesInput: 'json',
						linesJson: `={{ [{ itemName: '${EFFECT_ITEM}', quantity: 1, rate: 25 }] }}`,
						newItemSettings: { incomeAccountId: '1', type: 'Service' },
					},
					credentials: { quickBooksSyncOAuth2Api: credential },
				},
			],
			connections: { [HOOK_NODE]: { main: [[{ node: EFFECT_NODE, type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
		},
	};
}

/**
 * F1 as a user would feed it a backlog: the template with a Split Out node after its webhook, so one post
 * carrying `{orders: [...]}` becomes one execution with one item per work order (each as `body`, which the
 * template's Config reads). Everything else is the template unchanged.
 */
export function f1ForBacklogs(configured: WorkflowJson): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(configured)) as TemplateWorkflow;
	const hook = copy.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	if (!hook) throw new Error('F1 has no webhook node');
	hook.parameters.path = `${String(hook.parameters.path)}-backlog`;
	hook.webhookId = randomUUID();
	const split = {
		id: randomUUID(),
		name: 'One Item per Work Order',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [-360, 200],
		parameters: { fieldToSplitOut: 'body.orders', include: 'noOtherFields', options: { destinationFieldName: 'body' } },
	};
	copy.nodes.push(split);
	const connections = copy.connections as Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	const next = connections[hook.name];
	connections[hook.name] = { main: [[{ node: split.name, type: 'main', index: 0 }]] };
	connections[split.name] = next;
	copy.name = `${copy.name} (backlog)`;
	return copy;
}
