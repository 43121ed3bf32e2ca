import OAuthClient from 'intuit-oauth';
import { CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, US_REALM, startOAuth, type OAuthHarness } from './harness';

// Intuit's own Node client, unmodified, pointed at the emulator through its public setAuthorizeURLs().
describe("Intuit's intuit-oauth client against the emulator", () => {
	let h: OAuthHarness;
	const original = {
		authorizeEndpoint: OAuthClient.authorizeEndpoint,
		tokenEndpoint: OAuthClient.tokenEndpoint,
		revokeEndpoint: OAuthClient.revokeEndpoint,
	};

	beforeAll(async () => {
		h = await startOAuth();
	});
	afterAll(async () => {
		// setAuthorizeURLs writes static fields: put Intuit's hosts back for whoever runs next.
		Object.assign(OAuthClient, original);
		await h.close();
	});

	it('completes authorize → createToken → refresh → revoke', async () => {
		const client = new OAuthClient({ environment: 'sandbox', clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUri: REDIRECT_URI });
		client.setAuthorizeURLs({
			authorizeEndpoint: `${h.baseUrl}/connect/oauth2`,
			tokenEndpoint: `${h.baseUrl}/oauth2/v1/tokens/bearer`,
			revokeEndpoint: `${h.baseUrl}/v2/oauth2/tokens/revoke`,
			userInfoEndpoint: `${h.baseUrl}/v1/openid_connect/userinfo`,
		});

		const authUri = client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 'n8n-state' });
		expect(authUri.startsWith(`${h.baseUrl}/connect/oauth2?`)).toBe(true);
		const consent = await fetch(authUri, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const callback = consent.headers.get('location') ?? '';
		expect(callback.startsWith(REDIRECT_URI)).toBe(true);
		expect(new URL(callback).searchParams.get('state')).toBe('n8n-state');

		const created = await client.createToken(callback);
		const first = created.getJson() as Record<string, unknown>;
		expect(first).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
		expect(client.getToken().realmId).toBe(US_REALM);
		expect(h.oauth.authenticate(`Bearer ${String(first.access_token)}`, US_REALM)).toBeUndefined();

		const refreshed = (await client.refresh()).getJson() as Record<string, unknown>;
		expect(refreshed.refresh_token).not.toBe(first.refresh_token);
		expect(client.getToken().refresh_token).toBe(refreshed.refresh_token);
		// The refresh token it replaced is dead (rotation).
		await expect(client.refreshUsingToken(String(first.refresh_token))).rejects.toMatchObject({ error: 'invalid_grant' });

		const revoked = await client.revoke({ refresh_token: String(refreshed.refresh_token) });
		expect(revoked.status()).toBe(200);
		expect(h.oauth.authenticate(`Bearer ${String(refreshed.access_token)}`, US_REALM)?.status).toBe(401);
		await expect(client.refreshUsingToken(String(refreshed.refresh_token))).rejects.toMatchObject({ error: 'invalid_grant' });
	});

	it('surfaces invalid_client for a wrong secret', async () => {
		const client = new OAuthClient({ environment: 'sandbox', clientId: CLIENT_ID, clientSecret: 'wrong', redirectUri: REDIRECT_URI });
		const consent = await fetch(client.authorizeUri({ scope: [OAuthClient.scopes.Accounting], state: 's' }), { redirect: 'manual' });
		await expect(client.createToken(consent.headers.get('location') ?? '')).rejects.toMatchObject({ error: 'invalid_client' });
	});
});
