/**
 * Every template in workflows/ imports into an n8n of each line (the run's shared one, holding only what
 * other files left in it, which is nothing): every node type is known, and the only credential any node asks for
 * is the QuickBooks Sync one.
 */
import * as fs from 'node:fs';
import { e2eVersions, useSharedN8n, type N8nInstance } from '../harness';
import { readTemplate, WORKFLOWS_DIR } from './support/template-workflow';

const TEMPLATES = fs.readdirSync(WORKFLOWS_DIR).filter((file) => file.endsWith('.json')).sort();

describe.each(e2eVersions())('templates import into n8n %s', (version) => {
	let n8n: N8nInstance | undefined;
	let known: Map<string, number[]>;

	beforeAll(async () => {
		n8n = await useSharedN8n(version);
		const types = await n8n.root.get<Array<{ name: string; version: number | number[] }>>('/types/nodes.json');
		known = new Map();
		for (const type of types) known.set(type.name, [...(known.get(type.name) ?? []), ...[type.version].flat()]);
	}, 300_000);

	afterAll(async () => {
		await n8n?.stop();
	}, 60_000);

	it('has a template for every flow, F1b (estimates) included', () => {
		const missing = ['F1', 'F1b', 'F2', 'F3', 'F4', 'F5'].filter((flow) => !TEMPLATES.some((file) => file.startsWith(`${flow}-`)));
		expect(missing).toEqual([]);
	});

	it.each(TEMPLATES)('%s: known node types and versions, QuickBooks Sync the only credential, a Config node, imports', async (file) => {
		const template = readTemplate(file);
		const unknown = template.nodes
			.filter((node) => !(known.get(node.type) ?? []).includes(Number(node.typeVersion)))
			.map((node) => `${node.name} (${node.type} v${String(node.typeVersion)})`);
		expect(unknown).toEqual([]);
		const credentialTypes = new Set(template.nodes.flatMap((node) => Object.keys(node.credentials ?? {})));
		expect([...credentialTypes].filter((type) => type !== 'quickBooksSyncOAuth2Api')).toEqual([]);
		expect(template.nodes.some((node) => node.name === 'Config' && node.type === 'n8n-nodes-base.set')).toBe(true);
		expect(template.nodes.filter((node) => node.type === 'n8n-nodes-base.stickyNote').length).toBeGreaterThanOrEqual(2);
		const id = await n8n!.importWorkflow(template);
		const stored = await n8n!.api.get<{ nodes: unknown[] }>(`/workflows/${id}`);
		expect(stored.nodes).toHaveLength(template.nodes.length);
	});
});
