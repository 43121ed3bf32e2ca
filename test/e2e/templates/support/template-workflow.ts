import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkflowJson } from '../../harness';

export const WORKFLOWS_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'workflows');

interface TemplateNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	[other: string]: unknown;
}

/** A template as stored in workflows/, nodes typed. */
export interface TemplateWorkflow extends WorkflowJson {
	nodes: TemplateNode[];
}

/** Reads a template from workflows/ as a user would download it. */
export function readTemplate(file: string): TemplateWorkflow {
	return JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) as TemplateWorkflow;
}

/**
 * What a user does before activating: sets values in the Config node (the one place) and picks the
 * QuickBooks Sync credential in every node that asks for one.
 */
export function configureTemplate(
	workflow: TemplateWorkflow,
	config: Record<string, unknown>,
	credential: { id: string; name: string },
	configNodeName = 'Config',
): WorkflowJson {
	const copy = JSON.parse(JSON.stringify(workflow)) as TemplateWorkflow;
	const configNode = copy.nodes.find((node) => node.name === configNodeName);
	if (!configNode) throw new Error(`the template has no node named ${configNodeName}`);
	const assignments = (configNode.parameters.assignments as { assignments: Array<{ name: string; value: unknown }> }).assignments;
	for (const [name, value] of Object.entries(config)) {
		const assignment = assignments.find((entry) => entry.name === name);
		if (!assignment) throw new Error(`Config has no field ${name}`);
		assignment.value = value;
	}
	for (const node of copy.nodes) {
		if (node.credentials?.quickBooksSyncOAuth2Api) node.credentials.quickBooksSyncOAuth2Api = credential;
	}
	return copy;
}

/** The paths of the template's Webhook nodes, by node name. */
export function webhookPaths(workflow: TemplateWorkflow): Record<string, string> {
	const paths: Record<string, string> = {};
	for (const node of workflow.nodes) {
		if (node.type === 'n8n-nodes-base.webhook') paths[node.name] = String(node.parameters.path);
	}
	return paths;
}
