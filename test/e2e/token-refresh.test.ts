/**
 * A real n8n renews an expired QuickBooks access token on its own. The emulator answers an expired token
 * as QuickBooks does (401, lower-case `fault` envelope, WWW-Authenticate: Bearer … error="invalid_token");
 * n8n's OAuth2 helper must see that 401, refresh at the token endpoint and repeat the call, so the workflow
 * succeeds without anyone reconnecting.
 */
import { randomUUID } from 'node:crypto';
import { e2eVersions, NODE_TYPE_PREFIX, type WorkflowJson } from './harness';
import { importAndActivate, outcome, postToWebhook, startTemplateEnv, waitForFinished, withData, nodeOutput, type TemplateEnv } from './templates/support/template-env';

const HOOK_PATH = 'e2e-token-refresh';

/** Webhook → Customer: Get by the id in the body. */
function readCustomerWorkflow(credential: { id: string; name: string }): WorkflowJson {
	return {
		name: 'Read a customer after the token expired (e2e)',
		nodes: [
			{ id: randomUUID(), name: 'Hook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path: HOOK_PATH, responseMode: 'onReceived', options: {} } },
			{
				id: randomUUID(),
				name: 'Get Customer',
				type: `${NODE_TYPE_PREFIX}.quickBooksSync`,
				typeVersion: 1,
				position: [250, 0],
				credentials: { quickBooksSyncOAuth2Api: credential },
				parameters: { resource: 'customer', operation: 'get', customerId: { __rl: true, mode: 'id', value: '={{ $json.body.id }}' } },
			},
		],
		connections: { Hook: { main: [[{ node: 'Get Customer', type: 'main', index: 0 }]] } },
	};
}

describe.each(e2eVersions())('token refresh on n8n %s', (version) => {
	let env: TemplateEnv;
	let workflowId: string;

	beforeAll(async () => {
		env = await startTemplateEnv(version, 'us');
		workflowId = await importAndActivate(env.n8n, readCustomerWorkflow(env.credential));
	}, 300_000);

	afterAll(async () => {
		await env?.stop();
	}, 60_000);

	const counts = async () => {
		const stats = await env.qbo.admin<{ byEndpoint: Record<string, number>; byStatus: Record<string, number> }>('stats');
		return { refreshes: stats.byEndpoint['POST /oauth2/v1/tokens/bearer'] ?? 0, unauthorized: stats.byStatus['401'] ?? 0 };
	};

	it("refreshes after QuickBooks' 401 for an expired token, repeats the call, and the run succeeds", async () => {
		const before = await counts();
		// An emulated hour and a bit: the stored access token is now expired.
		await env.qbo.admin('clock/advance', { ms: 3_700_000 });
		expect(await postToWebhook(env.n8n, HOOK_PATH, { id: '1' })).toBe(200);
		const [run] = await withData(env.n8n, await waitForFinished(env.n8n, workflowId, 1));
		expect(outcome(run)).toBe('success');
		expect(nodeOutput(run, 'Get Customer')[0]).toMatchObject({ Id: '1' });
		const after = await counts();
		expect(after.unauthorized).toBeGreaterThan(before.unauthorized);
		expect(after.refreshes).toBeGreaterThan(before.refreshes);
	});
});
