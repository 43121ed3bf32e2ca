import type { N8nInstance } from './n8n-instance';

/**
 * What a test file may leave in an n8n: workflows (active ones keep their webhooks and polls), credentials
 * (imported, or created in the editor) and Data Tables. A file on the shared n8n takes an inventory when it
 * starts and removes everything added since when it ends, so the next file finds the n8n as it was.
 */
export interface Inventory {
	workflows: string[];
	credentials: string[];
	dataTables: string[];
}

interface Page<T> {
	data: T[];
	nextCursor?: string | null;
}

async function workflows(n8n: N8nInstance): Promise<Array<{ id: string; active: boolean }>> {
	const all: Array<{ id: string; active: boolean }> = [];
	let cursor: string | null | undefined;
	do {
		const query = `/workflows?limit=250${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
		const page = await n8n.api.get<Page<{ id: string; active: boolean }>>(query);
		all.push(...page.data);
		cursor = page.nextCursor;
	} while (cursor);
	return all;
}

async function workflowIds(n8n: N8nInstance): Promise<string[]> {
	return (await workflows(n8n)).map((workflow) => workflow.id);
}

async function credentialIds(n8n: N8nInstance): Promise<string[]> {
	const list = await n8n.rest.get<{ data: Array<{ id: string }> }>('/credentials');
	return list.data.map((credential) => credential.id);
}

/** The Data Tables base path of the owner's personal project (both lines serve it). */
async function dataTablesPath(n8n: N8nInstance): Promise<string> {
	const { data: project } = await n8n.rest.get<{ data: { id: string } }>('/projects/personal');
	return `/projects/${project.id}/data-tables`;
}

async function dataTableIds(n8n: N8nInstance): Promise<string[]> {
	// One page of 50 (n8n's largest): a run holds a handful of tables at most.
	const list = await n8n.rest.get<{ data: { data: Array<{ id: string }> } }>(`${await dataTablesPath(n8n)}?take=50`);
	return list.data.data.map((table) => table.id);
}

export async function takeInventory(n8n: N8nInstance): Promise<Inventory> {
	return { workflows: await workflowIds(n8n), credentials: await credentialIds(n8n), dataTables: await dataTableIds(n8n) };
}

const UNPUBLISH_WAIT_MS = 60_000;

/** 2.x answers 409 "still being unpublished" for a moment after deactivation: asks again until it is done. */
async function deleteWorkflow(n8n: N8nInstance, id: string): Promise<void> {
	const deadline = Date.now() + UNPUBLISH_WAIT_MS;
	for (;;) {
		const answer = await n8n.api.request('DELETE', `/workflows/${id}`);
		if (answer.status >= 200 && answer.status < 300) return;
		if (answer.status !== 409 || Date.now() > deadline) {
			throw new Error(`DELETE /workflows/${id} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

const added = (now: string[], before: string[]) => now.filter((id) => !before.includes(id));

/**
 * Deactivates and deletes the workflows, and deletes the credentials and Data Tables, that are not in
 * `before`; then checks that nothing added is left (a leak would show in the next file as a stray webhook or
 * credential, so it fails here, in the file that made it).
 */
export async function removeAddedSince(n8n: N8nInstance, before: Inventory): Promise<void> {
	for (const workflow of await workflows(n8n)) {
		if (before.workflows.includes(workflow.id)) continue;
		if (workflow.active) await n8n.deactivate(workflow.id);
		await deleteWorkflow(n8n, workflow.id);
	}
	for (const id of added(await credentialIds(n8n), before.credentials)) await n8n.api.delete(`/credentials/${id}`);
	const tables = await dataTablesPath(n8n);
	for (const id of added(await dataTableIds(n8n), before.dataTables)) await n8n.rest.delete(`${tables}/${id}`);

	const after = await takeInventory(n8n);
	const left = {
		workflows: added(after.workflows, before.workflows),
		credentials: added(after.credentials, before.credentials),
		dataTables: added(after.dataTables, before.dataTables),
	};
	if (Object.values(left).some((ids) => ids.length > 0)) {
		throw new Error(`the shared n8n ${n8n.version} still holds what this file added: ${JSON.stringify(left)}`);
	}
}
