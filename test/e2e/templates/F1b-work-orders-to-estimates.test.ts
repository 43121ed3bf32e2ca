/**
 * F1b (1 of 2) in a real n8n: completed work orders posted to the template's webhook become
 * estimates in the emulated Canadian company, one line per part, labour and other cost; replaying
 * every work order changes nothing.
 */
import { e2eVersions } from '../harness';
import { configureTemplate, readTemplate, webhookPaths } from './support/template-workflow';
import { deliverOneByOne, importAndActivate, nodeOutput, outcome, startTemplateEnv, waitForFinished, withData, type TemplateEnv } from './support/template-env';
import { fingerprint, rows, type Row } from './support/qbo-state';
import { descriptionLines, expectedSalesLines, quoted, salesLines, workOrder } from './support/work-orders';

const TEMPLATE = 'F1b-work-orders-to-estimates.json';

const EVENTS: Row[] = [
	workOrder('WO-2001'),
	workOrder('WO-2002', { category: 'Maintenance', parts: [] }), // no parts: labour and other costs only
	workOrder('WO-2003', { status: 'in progress' }),
	workOrder('WO-2004', { customer: { name: 'Maple Leaf Café', province: 'ON', country: 'CA' }, otherCosts: [], labourHours: 0.75 }),
];
/** DocNumber → the province's tax code id in the emulated Canadian company. */
const ESTIMATED: Record<string, string> = { 'WO-2001': '11', 'WO-2002': '11', 'WO-2004': '4' };
const ENTITIES = ['Estimate', 'Invoice', 'Customer', 'Item'];

describe.each(e2eVersions())('F1b estimates template on n8n %s', (version) => {
	let env: TemplateEnv;
	let workflowId: string;
	let hookPath: string;

	beforeAll(async () => {
		env = await startTemplateEnv(version, 'ca');
		const template = readTemplate(TEMPLATE);
		hookPath = webhookPaths(template)['Work Order Webhook'];
		workflowId = await importAndActivate(env.n8n, configureTemplate(template, {}, env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
	}, 60_000);

	/** Posts each event and waits for its execution before the next (a work-order app sends them one by one). */
	async function deliver(events: Row[], alreadyFinished: number): Promise<void> {
		await deliverOneByOne(env.n8n, hookPath, workflowId, events, alreadyFinished);
	}

	it('estimates every completed work order line by line through a 429 storm, ignores the rest with a reason, and a replay changes nothing', async () => {
		const { qbo, realmId, n8n } = env;
		await qbo.admin('faults', { count: 6, mode: 'fail', status: 429, match: { pathIncludes: '/v3/company/' } });
		await deliver(EVENTS, 0);

		const executions = await withData(n8n, await waitForFinished(n8n, workflowId, EVENTS.length));
		expect(executions.map(outcome)).toEqual(EVENTS.map(() => 'success'));
		expect(await qbo.admin('faults')).toEqual({ faults: [] });

		for (const [docNumber, taxCode] of Object.entries(ESTIMATED)) {
			const estimates = rows(qbo, realmId, `SELECT * FROM Estimate WHERE DocNumber = '${docNumber}'`);
			expect(estimates).toHaveLength(1);
			const [estimate] = estimates;
			const event = EVENTS.find((e) => e.id === docNumber)!;
			expect(estimate.CustomerRef.name).toBe(event.customer.name);
			expect(estimate.TxnStatus).toBe('Pending');
			expect(estimate.PrivateNote).toBe(event.notes);
			expect(estimate.EmailStatus).not.toBe('EmailSent');
			expect(salesLines(estimate)).toEqual(expectedSalesLines(event, taxCode));
			expect(descriptionLines(estimate)).toEqual([event.description]);
		}
		expect(rows(qbo, realmId, "SELECT * FROM Estimate WHERE DocNumber = 'WO-2003'")).toEqual([]);
		expect(rows(qbo, realmId, 'SELECT * FROM Invoice')).toEqual([]);
		const reasons = executions.flatMap((execution) => nodeOutput(execution, 'Ignored (reason)')).map((item) => item.reason);
		expect(reasons).toEqual([expect.stringContaining('"in progress"')]);

		expect(rows(qbo, realmId, "SELECT * FROM Customer WHERE DisplayName = 'L\\'Érablière d\\'Été'")).toHaveLength(1);
		for (const name of ['Labour', 'Other costs', "Thermostat d'ambiance"]) {
			const items = rows(qbo, realmId, `SELECT * FROM Item WHERE Name = ${quoted(name)}`);
			expect({ name, count: items.length, account: items[0]?.IncomeAccountRef?.value }).toEqual({ name, count: 1, account: '1' });
		}

		// Replay every work order: nothing is created or changed.
		const before = fingerprint(qbo, realmId, ENTITIES);
		await deliver(EVENTS, EVENTS.length);
		const replays = await withData(n8n, (await waitForFinished(n8n, workflowId, 2 * EVENTS.length)).slice(EVENTS.length));
		expect(replays.map(outcome)).toEqual(EVENTS.map(() => 'success'));
		expect(fingerprint(qbo, realmId, ENTITIES)).toEqual(before);
		const actions = replays.flatMap((execution) => nodeOutput(execution, 'Create Estimate')).map((estimate) => estimate._action);
		expect(actions).toEqual(['skipped', 'skipped', 'skipped']);
	}, 300_000);
});
