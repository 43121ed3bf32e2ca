/**
 * F1 in a real n8n, exactly once under concurrency (issue 14): the same work order posted to the
 * webhook twice at the same moment, then five times, as a source system whose retry fires while the
 * first delivery is still running. Each time: one invoice, one customer, one item per name, and every
 * execution succeeds — whether or not the company refuses duplicate document numbers. The emulator
 * delays every write (3 s: n8n starts webhook executions up to a second or more apart on a loaded machine) so that every
 * execution has read before the first one's writes land, and the test checks that they overlapped.
 */
import { e2eVersions } from '../harness';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';
import { importAndActivate, nodeOutput, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { quoted, workOrder } from './support/work-orders';
import { rows, type Row } from './support/qbo-state';

const TEMPLATE = 'F1-work-orders-to-invoices.json';

type Execution = Awaited<ReturnType<typeof withData>>[number];

/**
 * Whether the executions really ran at the same time: each one started before the first one ended —
 * whole executions, or one node's runs (a node n8n retried, as F1's Create Invoice is on a 6240, keeps
 * only its last attempt's start, so the customer/item race is checked on whole executions).
 */
function overlap(executions: Execution[], scope: 'execution' | string): boolean {
	const spans = executions.map((execution) => {
		if (scope === 'execution') return { start: Date.parse(execution.startedAt), end: Date.parse(String(execution.stoppedAt)) };
		const run = (execution.data?.resultData?.runData?.[scope] as Array<{ startTime: number; executionTime: number }>)[0];
		return { start: run.startTime, end: run.startTime + run.executionTime };
	});
	return Math.max(...spans.map((span) => span.start)) < Math.min(...spans.map((span) => span.end));
}

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

	/** Posts `order` `times` times at once and checks: all succeeded, they overlapped, one invoice, one customer, one item per name. */
	async function raceAndCheck(order: Row, times: number, scope: 'execution' | 'Create Invoice'): Promise<void> {
		const { qbo, realmId } = env;
		const executions = await postAtOnce(order, times);
		expect(executions.map(outcome)).toEqual(executions.map(() => 'success'));
		expect(overlap(executions, scope)).toBe(true);
		expect(rows(qbo, realmId, `SELECT * FROM Invoice WHERE DocNumber = '${order.id}'`)).toHaveLength(1);
		expect(rows(qbo, realmId, `SELECT * FROM Customer WHERE DisplayName = ${quoted(order.customer.name)}`)).toHaveLength(1);
		for (const name of [...order.parts.map((part: Row) => part.name), 'Labour']) {
			expect({ name, count: rows(qbo, realmId, `SELECT * FROM Item WHERE Name = ${quoted(name)}`).length }).toEqual({ name, count: 1 });
		}
		// One execution created the invoice; every other one answered "already exists" with it.
		const actions = executions.flatMap((execution) => nodeOutput(execution, 'Create Invoice')).map((invoice) => invoice._action);
		expect(actions.sort()).toEqual(['created', ...Array.from({ length: times - 1 }, () => 'skipped')]);
	}

	it.each([
		['refuse', 2],
		['refuse', 5],
		['allow', 2],
		['allow', 5],
	] as Array<['refuse' | 'allow', number]>)('duplicate numbers %s: the same work order %d times at once → one invoice, one customer, one item, all succeed', async (duplicates, times) => {
		const { qbo, realmId } = env;
		await qbo.admin('config', { writeLatencyMs: 3000, duplicateDocNumbers: { [realmId]: duplicates } });
		const customer = { name: `Race ${duplicates} ${times} Café`, email: 'race@example.ca', province: 'ON', country: 'CA' };
		const parts = [{ name: `Race part ${duplicates} ${times}`, quantity: 2, unitPrice: 10 }];
		// A new customer and a new part: the whole F1 path races (customer and items found or created, then the invoice).
		await raceAndCheck(workOrder(`WO-RACE-${duplicates}-${times}-A`, { customer, parts, otherCosts: [] }), times, 'execution');
		// The same customer and part again: now only the invoice races (nothing else makes the executions wait).
		await raceAndCheck(workOrder(`WO-RACE-${duplicates}-${times}-B`, { customer, parts, otherCosts: [] }), times, 'Create Invoice');
	}, 300_000);
});
