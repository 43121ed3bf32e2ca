/**
 * A failure inside n8n's HTTP helper that is neither an HTTP answer nor a network error: n8n refreshed the
 * expired access token but could not store the new tokens (a database error). The transport does not repeat
 * such a failure (a repeat would not help: QuickBooks has replaced the refresh token n8n still holds); the
 * webhook trigger must then not answer 200, or Intuit would never deliver the change again.
 */
import { createHmac } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject, INodeCredentialsDetails } from 'n8n-workflow';

import { QuickBooksSyncWebhookTrigger } from '../../../nodes/QuickBooksSyncWebhookTrigger/QuickBooksSyncWebhookTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runWebhook, runWebhookMethod, TestCredentials } from '../../support/n8n-context';

jest.setTimeout(120_000);

const TOKEN = 'verifier-token-for-store-failure';
const parameters = { entities: ['Customer'], events: ['created', 'updated'], statusEvents: [] as string[] };

/** n8n's credential store failing once while saving refreshed tokens, as a locked database would. */
class StoreFailingOnce extends TestCredentials {
	failures = 1;

	async updateCredentialsOauthTokenData(node: INodeCredentialsDetails, type: string, data: ICredentialDataDecryptedObject): Promise<void> {
		if (this.failures-- > 0) throw new Error('SQLITE_BUSY: database is locked');
		await super.updateCredentialsOauthTokenData(node, type, data);
	}
}

let qbo: TestEmulator;
beforeAll(async () => {
	qbo = await startEmulatorForTests({ limits: false });
});
afterAll(async () => await qbo.stop());

it('a refreshed token n8n could not store: every delivery answers 500 until the credential is reconnected, then the change is reported', async () => {
	const credentials = new StoreFailingOnce(qbo.credentials(qbo.realms.us, { webhookVerifierToken: TOKEN }));
	const staticData: IDataObject = {};
	await runWebhookMethod(QuickBooksSyncWebhookTrigger, 'create', { credentials, parameters: parameters as never, staticData });
	const made = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: `Store failure ${Date.now()}` }) as IDataObject;
	qbo.emulator.clock.advance(3601 * 1000); // the access token has expired: n8n refreshes it on the 401
	const raw = JSON.stringify({
		eventNotifications: [
			{ realmId: qbo.realms.us, dataChangeEvent: { entities: [{ name: 'Customer', id: String(made.Id), operation: 'Update', lastUpdated: new Date().toISOString() }] } },
		],
	});
	const deliver = async () => {
		const { result, response } = await runWebhook(QuickBooksSyncWebhookTrigger, {
			credentials,
			parameters: parameters as never,
			staticData,
			mode: 'webhook',
			request: { body: JSON.parse(raw), rawBody: raw, headers: { 'intuit-signature': createHmac('sha256', TOKEN).update(raw).digest('base64') } },
		});
		return { status: response.statusCode, body: response.body, events: (result.workflowData?.[0] ?? []).map((item) => item.json) };
	};

	// Not a network failure and not an HTTP answer: not repeated by the transport, answered 500.
	const first = await deliver();
	expect(first).toMatchObject({ status: 500, events: [] });
	// The stored refresh token is the one QuickBooks just replaced: refused (invalid_grant) until reconnected.
	const retry = await deliver();
	expect(retry).toMatchObject({ status: 500, events: [] });
	// The user reconnects the credential; Intuit's next retry is reported.
	credentials.patch({ oauthTokenData: qbo.credentials(qbo.realms.us).oauthTokenData });
	const afterReconnect = await deliver();
	expect(afterReconnect.status).toBe(200);
	expect(afterReconnect.events.map((event) => `${String(event.event)}#${String(event.id)}`)).toEqual([`customer.updated#${String(made.Id)}`]);
});
