/**
 * F1 in a real n8n, exactly once under concurrency (issue 14): the same work order posted to the
 * webhook twice at the same moment, then five times, as a source system whose retry fires while the
 * first delivery is still running. Each time: one invoice, one customer, one item per name, and every
 * execution succeeds — whether or not the company refuses duplicate document numbers. The emulator
 * delays every write so the executions' reads and writes really interleave.
 */
import { e2eVersions } from '../harness';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';
import { importAndActivate, nodeOutput, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { quoted, workOrder } from './support/work-orders';
import { rows, type Row } from './support/qbo-state';

const TEMPLATE = 'F1-work-orders-to-invoices.json';

describe.each(e2eVersions())('F1 template posted at the same moment on n8n %s', (version) => {
	let env: TemplateEnv;
	let workflowId: string;
	let hookPath: string;
	let finished = 0;

	beforeAll(async () => {
		env = await startTemplateEnv(version, 'ca');
		const template = readTemplate(TEMPLATE);
		hookPath = webhookPaths(template)['Work Order Webhook'];
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, {}, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
	}, 60_000);

	/** Posts the same work order `times` times at once; returns the executions it caused, with their data. */
	async function postAtOnce(order: Row, times: number): Promise<Awaited<ReturnType<typeof withData>>> {
		const statuses = await Promise.all(Array.from({ length: times }, async () => await postToWebhook(env.n8n, hookPath, order)));
		expect(statuses).toEqual(statuses.map(() => 200));
		finished += times;
		return await withData(env.n8n, (await waitForFinished(env.n8n, workflowId, finished, 180_000)).slice(finished - times));
	}

	it.each([
		['refuse', 2],
		['refuse', 5],
		['allow', 2],
		['allow', 5],
	] as Array<['refuse' | 'allow', number]>)('duplicate numbers %s: the same work order %d times at once → one invoice, one customer, one item, all succeed', async (duplicates, times) => {
		const { qbo, realmId } = env;
		await qbo.admin('config', { writeLatencyMs: 150, duplicateDocNumbers: { [realmId]: duplicates } });
		const id = `WO-RACE-${duplicates}-${times}`;
		const customer = `Race ${duplicates} ${times} Café`;
		const part = `Race part ${duplicates} ${times}`;
		const order = workOrder(id, {
			customer: { name: customer, email: 'race@example.ca', province: 'ON', country: 'CA' },
			parts: [{ name: part, quantity: 2, unitPrice: 10 }],
			otherCosts: [],
		});

		const executions = await postAtOnce(order, times);
		expect(executions.map(outcome)).toEqual(executions.map(() => 'success'));
		// They really ran at the same time: every execution started before the first one ended.
		const lastStart = Math.max(...executions.map((execution) => Date.parse(execution.startedAt)));
		const firstEnd = Math.min(...executions.map((execution) => Date.parse(String(execution.stoppedAt))));
		expect(lastStart).toBeLessThan(firstEnd);
		expect(rows(qbo, realmId, `SELECT * FROM Invoice WHERE DocNumber = '${id}'`)).toHaveLength(1);
		expect(rows(qbo, realmId, `SELECT * FROM Customer WHERE DisplayName = ${quoted(customer)}`)).toHaveLength(1);
		for (const name of [part, 'Labour']) expect({ name, count: rows(qbo, realmId, `SELECT * FROM Item WHERE Name = ${quoted(name)}`).length }).toEqual({ name, count: 1 });
		// One execution created the invoice; every other one answered "already exists" with it.
		const actions = executions.flatMap((execution) => nodeOutput(execution, 'Create Invoice')).map((invoice) => invoice._action);
		expect(actions.sort()).toEqual(['created', ...Array.from({ length: times - 1 }, () => 'skipped')]);
	}, 300_000);
});
