/** Building blocks of the (b) workflows: n8n's built-in nodes, configured as their users configure them. */
import type { WorkflowNode } from '../n8n/workflow';
import { node } from '../n8n/workflow';
import type { JobContext } from './job';

/** Retry On Fail with n8n's largest wait (5 tries, 5 s apart): what users turn on against 429s. */
export function retrying(workflowNode: WorkflowNode): WorkflowNode {
	return { ...workflowNode, retryOnFail: true, maxTries: 5, waitBetweenTries: 5000 };
}

/** n8n's built-in "QuickBooks Online" node with the bench's built-in credential. */
export function builtIn(ctx: JobContext, name: string, position: [number, number], parameters: Record<string, unknown>): WorkflowNode {
	return retrying(
		node(name, 'n8n-nodes-base.quickbooks', 1, position, parameters, {
			credentials: { quickBooksOAuth2Api: { id: ctx.credentials.builtIn, name: 'QuickBooks (built-in, bench)' } },
		}),
	);
}

/** Customer → Get Many with a query filter and a limit of 1; Always Output Data so "not found" still flows on to the IF. */
export function builtInCustomerLookup(ctx: JobContext, name: string, position: [number, number], condition: string): WorkflowNode {
	return {
		...builtIn(ctx, name, position, {
			resource: 'customer',
			operation: 'getAll',
			returnAll: false,
			limit: 1,
			filters: { query: `=WHERE ${condition}` },
		}),
		alwaysOutputData: true,
	};
}

/** Loop Over Items with a batch of one: each record goes through look-up → create before the next (no double creates). */
export function builtInLoop(position: [number, number]): WorkflowNode {
	return node('Loop Over Items', 'n8n-nodes-base.splitInBatches', 3, position, { batchSize: 1, options: {} });
}

/** IF the previous node found a customer (it has an Id): output 0 = found, 1 = not found. */
export function ifFound(position: [number, number]): WorkflowNode {
	return node('Found?', 'n8n-nodes-base.if', 2, position, {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose' },
			conditions: [
				{ id: 'found', leftValue: '={{ $json.Id }}', rightValue: '', operator: { type: 'string', operation: 'exists', singleValue: true } },
			],
			combinator: 'and',
		},
		options: {},
	});
}
