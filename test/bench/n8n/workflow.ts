import type { WorkflowJson } from '../../e2e/harness';

/** One node of a workflow, in n8n's export shape. */
export interface WorkflowNode {
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[setting: string]: unknown;
}

type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;

/** Builds a workflow from nodes and `[from, to, fromOutput?]` links. */
export function workflow(name: string, nodes: WorkflowNode[], links: Array<[string, string, number?]>): WorkflowJson {
	const connections: Connections = {};
	for (const [from, to, output = 0] of links) {
		const entry = (connections[from] ??= { main: [] });
		while (entry.main.length <= output) entry.main.push([]);
		entry.main[output].push({ node: to, type: 'main', index: 0 });
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

let counter = 0;

/** A node with a stable, unique id. */
export function node(
	name: string,
	type: string,
	typeVersion: number,
	position: [number, number],
	parameters: Record<string, unknown>,
	extra: Partial<WorkflowNode> = {},
): WorkflowNode {
	counter++;
	return { id: `bench-node-${counter}`, name, type, typeVersion, position, parameters, ...extra };
}

/** A webhook that answers at once (the run goes on in the background) and hands the POSTed JSON on. */
export function webhookNode(path: string, position: [number, number] = [0, 300]): WorkflowNode {
	return node('Webhook', 'n8n-nodes-base.webhook', 2, position, { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} }, { webhookId: path });
}

/** Split Out: one item per element of `field`. */
export function splitOutNode(field: string, position: [number, number]): WorkflowNode {
	return node('Split Out', 'n8n-nodes-base.splitOut', 1, position, { fieldToSplitOut: field, include: 'noOtherFields', options: {} });
}
