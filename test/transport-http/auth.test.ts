import type { IDataObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { qboRequest } from '../../nodes/shared/transport';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { useFastRetries } from '../support/fast-retries';
import { createTransportContext, TestCredentials } from '../support/n8n-context';

useFastRetries();
let qbo: TestEmulator;
beforeAll(async () => {
	qbo = await startEmulatorForTests();
});
afterAll(async () => await qbo?.stop());

const companyInfo = (realmId: string) => ({ method: 'GET' as const, path: `/companyinfo/${realmId}` });

describe('OAuth2 through n8n-core', () => {
	it('refreshes an expired access token on the 401, repeats the request, and stores the rotated refresh token', async () => {
		const credentials = new TestCredentials(qbo.credentials());
		const before = credentials.current().oauthTokenData;
		qbo.emulator.clock.advance(3601 * 1000);

		const { context } = createTransportContext({ credentials });
		const answer = (await qboRequest.call(context, companyInfo(qbo.realms.us))) as IDataObject;
		expect((answer.CompanyInfo as IDataObject).Id).toBeTruthy();

		const after = credentials.current().oauthTokenData;
		expect(credentials.tokenUpdates).toBe(1);
		expect(after.access_token).not.toBe(before.access_token);
		expect(after.refresh_token).not.toBe(before.refresh_token);
		// n8n merges the refresh answer into the old token data: the company survives the refresh.
		expect(after.callbackQueryString.realmId).toBe(qbo.realms.us);

		// The stored pair is the live one: the next execution needs no refresh.
		const next = createTransportContext({ credentials }).context;
		await qboRequest.call(next, companyInfo(qbo.realms.us));
		expect(credentials.tokenUpdates).toBe(1);
	});

	it('survives several requests hitting an expired token at once (only one refresh can win the rotation)', async () => {
		const credentials = new TestCredentials(qbo.credentials());
		qbo.emulator.clock.advance(3601 * 1000);
		const contexts = Array.from({ length: 6 }, () => createTransportContext({ credentials }).context);
		const answers = await Promise.allSettled(contexts.map(async (context) => await qboRequest.call(context, companyInfo(qbo.realms.us))));
		const failures = answers.filter((answer) => answer.status === 'rejected');
		expect(failures.map((failure) => String((failure as PromiseRejectedResult).reason?.message))).toEqual([]);
		expect(credentials.tokenUpdates).toBeGreaterThanOrEqual(1);
	});

	it('tells the user to reconnect when the refresh token is no longer valid', async () => {
		const credentials = new TestCredentials(qbo.credentials());
		const data = credentials.current();
		credentials.patch({ oauthTokenData: { ...data.oauthTokenData, access_token: 'expired-or-garbage', refresh_token: 'revoked-refresh-token' } });
		const { context } = createTransportContext({ credentials });
		const failure = (await qboRequest.call(context, { ...companyInfo(qbo.realms.us), itemIndex: 0 }).catch((e: unknown) => e)) as NodeApiError;
		expect(failure).toBeInstanceOf(NodeApiError);
		expect(`${failure.message}\n${failure.description}`).toMatch(/reconnect/i);
	});

	it('sends the company the credential is connected to (realmId from the OAuth callback)', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials(qbo.realms.ca) });
		const answer = (await qboRequest.call(context, companyInfo(qbo.realms.ca))) as IDataObject;
		expect((answer.CompanyInfo as IDataObject).Country).toBe('CA');
	});
});
