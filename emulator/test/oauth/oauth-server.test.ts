import {
	CA_REALM,
	CLIENT_ID,
	CLIENT_SECRET,
	REDIRECT_URI,
	US_REALM,
	authorize,
	basic,
	postToken,
	startOAuth,
	type OAuthHarness,
} from './harness';

/** Consents and exchanges the code; returns the token response. */
async function connect(h: OAuthHarness, query: Record<string, string> = {}) {
	const consent = await authorize(h.baseUrl, query);
	const code = new URL(consent.location ?? '').searchParams.get('code') ?? '';
	const { status, body } = await postToken(h.baseUrl, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI });
	expect(status).toBe(200);
	return body as { access_token: string; refresh_token: string };
}

describe('emulated Intuit OAuth 2.0 server', () => {
	let h: OAuthHarness;
	beforeEach(async () => {
		h = await startOAuth();
	});
	afterEach(async () => {
		await h.close();
	});

	describe('authorize (consent page)', () => {
		it('redirects back with code, state and realmId of the default company', async () => {
			const { status, location } = await authorize(h.baseUrl, {});
			expect(status).toBe(302);
			const back = new URL(location ?? '');
			expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
			expect(back.searchParams.get('state')).toBe('state-123');
			expect(back.searchParams.get('realmId')).toBe(US_REALM);
			expect(back.searchParams.get('code')).toMatch(/^AB1\w{47}$/);
		});

		it('switches company with realm=ca or realmId=<id>; an unknown one is an error page', async () => {
			expect(new URL((await authorize(h.baseUrl, { realm: 'ca' })).location ?? '').searchParams.get('realmId')).toBe(CA_REALM);
			expect(new URL((await authorize(h.baseUrl, { realmId: CA_REALM })).location ?? '').searchParams.get('realmId')).toBe(CA_REALM);
			const unknown = await authorize(h.baseUrl, { realmId: '123' });
			expect(unknown.status).toBe(400);
			expect(unknown.location).toBeNull();
		});

		it('shows an error page (no redirect) for an unknown client_id', async () => {
			const page = await authorize(h.baseUrl, { client_id: 'nobody' });
			expect(page.status).toBe(400);
			expect(page.location).toBeNull();
			expect(page.text).toContain('client_id');
		});

		it('redirects with error=invalid_scope when the accounting scope is missing or a scope is unknown', async () => {
			for (const scope of ['openid', 'com.intuit.quickbooks.accounting bogus.scope', '']) {
				const { status, location } = await authorize(h.baseUrl, { scope });
				expect(status).toBe(302);
				const back = new URL(location ?? '');
				expect(back.searchParams.get('error')).toBe('invalid_scope');
				expect(back.searchParams.get('state')).toBe('state-123');
				expect(back.searchParams.get('code')).toBeNull();
			}
		});

		it('redirects with unsupported_response_type for response_type=token', async () => {
			const back = new URL((await authorize(h.baseUrl, { response_type: 'token' })).location ?? '');
			expect(back.searchParams.get('error')).toBe('unsupported_response_type');
		});

		it('honours registered redirect URIs exactly when the app has them', async () => {
			h.oauth.configure({ clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [REDIRECT_URI] }] });
			expect((await authorize(h.baseUrl, {})).status).toBe(302);
			const page = await authorize(h.baseUrl, { redirect_uri: `${REDIRECT_URI}/other` });
			expect(page.status).toBe(400);
			expect(page.text).toContain('redirect_uri query parameter value is invalid');
		});

		it('requires a state (invalid_request without one)', async () => {
			const params = new URLSearchParams({ client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'com.intuit.quickbooks.accounting' });
			const response = await fetch(`${h.baseUrl}/connect/oauth2?${params.toString()}`, { redirect: 'manual' });
			expect(response.status).toBe(302);
			expect(new URL(response.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
		});

		it('answers 405 to a wrong method on its paths', async () => {
			expect((await fetch(`${h.baseUrl}/oauth2/v1/tokens/bearer`)).status).toBe(405);
			expect((await fetch(`${h.baseUrl}/connect/oauth2`, { method: 'POST' })).status).toBe(405);
		});

		it('answers access_denied when consent=deny', async () => {
			const back = new URL((await authorize(h.baseUrl, { consent: 'deny' })).location ?? '');
			expect(back.searchParams.get('error')).toBe('access_denied');
		});
	});

	describe('token endpoint', () => {
		it('accepts client_secret_post as well as client_secret_basic', async () => {
			const consent = await authorize(h.baseUrl, {});
			const code = new URL(consent.location ?? '').searchParams.get('code') ?? '';
			const { status, body } = await postToken(
				h.baseUrl,
				{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
				{},
			);
			expect(status).toBe(200);
			expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600, x_refresh_token_expires_in: 8726400 });
			const refreshed = await postToken(
				h.baseUrl,
				{ grant_type: 'refresh_token', refresh_token: String(body.refresh_token), client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
				{},
			);
			expect(refreshed.status).toBe(200);
		});

		it('answers invalid_client 401 for a wrong secret, an unknown app or no credentials', async () => {
			const tokens = await connect(h);
			const form = { grant_type: 'refresh_token', refresh_token: tokens.refresh_token };
			const attempts: Record<string, string>[] = [{ Authorization: basic(CLIENT_ID, 'nope') }, { Authorization: basic('other', CLIENT_SECRET) }, {}];
			for (const headers of attempts) {
				const { status, body } = await postToken(h.baseUrl, form, headers);
				expect(status).toBe(401);
				expect(body).toEqual({ error: 'invalid_client' });
			}
			const post = await postToken(h.baseUrl, { ...form, client_id: CLIENT_ID, client_secret: 'nope' }, {});
			expect(post.status).toBe(401);
		});

		it('uses a code once: a reused code is invalid_grant and revokes what it issued', async () => {
			const consent = await authorize(h.baseUrl, {});
			const code = new URL(consent.location ?? '').searchParams.get('code') ?? '';
			const form = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI };
			const first = await postToken(h.baseUrl, form);
			expect(first.status).toBe(200);
			const second = await postToken(h.baseUrl, form);
			expect(second).toEqual({ status: 400, body: { error: 'invalid_grant' } });
			expect(h.oauth.authenticate(`Bearer ${String(first.body.access_token)}`, US_REALM)?.status).toBe(401);
		});

		it('binds a code to its redirect_uri and lets it expire', async () => {
			const code = async () => new URL((await authorize(h.baseUrl, {})).location ?? '').searchParams.get('code') ?? '';
			const mismatch = await postToken(h.baseUrl, { grant_type: 'authorization_code', code: await code(), redirect_uri: 'http://127.0.0.1/else' });
			expect(mismatch).toEqual({ status: 400, body: { error: 'invalid_grant' } });
			const stale = await code();
			h.clock.advance(301_000);
			const expired = await postToken(h.baseUrl, { grant_type: 'authorization_code', code: stale, redirect_uri: REDIRECT_URI });
			expect(expired).toEqual({ status: 400, body: { error: 'invalid_grant' } });
		});

		it('rotates refresh tokens: the replaced one is invalid_grant, the latest works', async () => {
			const tokens = await connect(h);
			const next = await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
			expect(next.status).toBe(200);
			expect(next.body.refresh_token).not.toBe(tokens.refresh_token);
			const replay = await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
			expect(replay).toEqual({ status: 400, body: { error: 'invalid_grant' } });
			const latest = await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: String(next.body.refresh_token) });
			expect(latest.status).toBe(200);
		});

		it('keeps the same refresh token when rotation is off', async () => {
			h.oauth.configure({ rotateRefreshTokens: false });
			const tokens = await connect(h);
			for (let i = 0; i < 2; i++) {
				const again = await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
				expect(again.status).toBe(200);
				expect(again.body.refresh_token).toBe(tokens.refresh_token);
			}
		});

		it('expires refresh tokens after their rolling lifetime, and at the hard cap', async () => {
			const tokens = await connect(h);
			h.clock.advance(8_726_400_000 + 1000);
			const late = await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
			expect(late).toEqual({ status: 400, body: { error: 'invalid_grant' } });

			h.oauth.configure({ hardExpirySec: 3 * 24 * 3600, refreshTokenTtlSec: 2 * 24 * 3600 });
			let refresh = (await connect(h)).refresh_token;
			h.clock.advance(47 * 3600 * 1000);
			const rolled = await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: refresh }, {
				Authorization: basic(CLIENT_ID, CLIENT_SECRET),
				'x-include-refresh-token-hard-expires-in': 'true',
			});
			// Rolling: 2 days from now, but capped by the hard expiry 25 h away.
			expect(rolled.body.x_refresh_token_expires_in).toBe(25 * 3600);
			expect(rolled.body.x_refresh_token_hard_expires_in).toBe(25 * 3600);
			refresh = String(rolled.body.refresh_token);
			h.clock.advance(25 * 3600 * 1000 + 1000);
			const capped = await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: refresh });
			expect(capped).toEqual({ status: 400, body: { error: 'invalid_grant' } });
		});

		it('answers unsupported_grant_type and invalid_request like an OAuth server', async () => {
			expect(await postToken(h.baseUrl, { grant_type: 'password' })).toEqual({ status: 400, body: { error: 'unsupported_grant_type' } });
			expect(await postToken(h.baseUrl, { grant_type: 'refresh_token' })).toEqual({ status: 400, body: { error: 'invalid_request' } });
			expect(await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: 'AB1nothing' })).toEqual({
				status: 400,
				body: { error: 'invalid_grant' },
			});
		});
	});

	describe('bearer tokens on the accounting API', () => {
		it('accepts a fresh token and rejects it with 3200 once expired', async () => {
			const { access_token } = await connect(h);
			expect(h.oauth.authenticate(`Bearer ${access_token}`, US_REALM)).toBeUndefined();
			h.clock.advance(3600 * 1000 + 1);
			const fault = h.oauth.authenticate(`Bearer ${access_token}`, US_REALM);
			expect(fault?.status).toBe(401);
			expect(fault?.type).toBe('AuthenticationFault');
			expect(fault?.errors[0]).toMatchObject({ code: '3200', Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401' });
			expect(fault?.errors[0].Detail).toMatch(/^Token expired: AB1\d{10}\w{37}$/);
		});

		it('rejects a missing, malformed or unknown token with 401 3200', () => {
			for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer not-a-token']) {
				const fault = h.oauth.authenticate(header, US_REALM);
				expect(fault?.status).toBe(401);
				expect(fault?.errors[0].code).toBe('3200');
			}
		});

		it("rejects another company's token with 403 3100", async () => {
			const { access_token } = await connect(h, { realm: 'ca' });
			expect(h.oauth.authenticate(`Bearer ${access_token}`, CA_REALM)).toBeUndefined();
			const fault = h.oauth.authenticate(`Bearer ${access_token}`, US_REALM);
			expect(fault?.status).toBe(403);
			expect(fault?.type).toBe('AuthorizationFault');
			expect(fault?.errors[0]).toMatchObject({ code: '3100', Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403' });
		});

		it('keeps the previous access token valid until it expires after a refresh (as Intuit does)', async () => {
			const tokens = await connect(h);
			await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
			expect(h.oauth.authenticate(`Bearer ${tokens.access_token}`, US_REALM)).toBeUndefined();
		});
	});

	describe('revoke', () => {
		it('revokes by access token (JSON body) or refresh token (form), ending the whole connection', async () => {
			const a = await connect(h);
			const byAccess = await fetch(`${h.baseUrl}/v2/oauth2/tokens/revoke`, {
				method: 'POST',
				headers: { Authorization: basic(CLIENT_ID, CLIENT_SECRET), 'Content-Type': 'application/json', Accept: 'application/json' },
				body: JSON.stringify({ token: a.access_token }),
			});
			expect(byAccess.status).toBe(200);
			expect(h.oauth.authenticate(`Bearer ${a.access_token}`, US_REALM)?.errors[0].Detail).toMatch(/^Token revoked/);
			expect((await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: a.refresh_token })).body).toEqual({ error: 'invalid_grant' });

			const b = await connect(h);
			const byRefresh = await fetch(`${h.baseUrl}/v2/oauth2/tokens/revoke`, {
				method: 'POST',
				headers: { Authorization: basic(CLIENT_ID, CLIENT_SECRET), 'Content-Type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ token: b.refresh_token }).toString(),
			});
			expect(byRefresh.status).toBe(200);
			expect(h.oauth.authenticate(`Bearer ${b.access_token}`, US_REALM)?.status).toBe(401);
		});

		it('requires client authentication', async () => {
			const { access_token } = await connect(h);
			const response = await fetch(`${h.baseUrl}/v2/oauth2/tokens/revoke`, {
				method: 'POST',
				headers: { Authorization: basic(CLIENT_ID, 'wrong'), 'Content-Type': 'application/json' },
				body: JSON.stringify({ token: access_token }),
			});
			expect(response.status).toBe(401);
			expect(h.oauth.authenticate(`Bearer ${access_token}`, US_REALM)).toBeUndefined();
		});
	});

	describe('discovery and persistence', () => {
		it("serves a discovery document with the emulator's own URLs", async () => {
			const response = await fetch(`${h.baseUrl}/.well-known/openid-configuration`);
			const doc = (await response.json()) as Record<string, unknown>;
			expect(doc.authorization_endpoint).toBe(`${h.baseUrl}/connect/oauth2`);
			expect(doc.token_endpoint).toBe(`${h.baseUrl}/oauth2/v1/tokens/bearer`);
			expect(doc.revocation_endpoint).toBe(`${h.baseUrl}/v2/oauth2/tokens/revoke`);
			expect(doc.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
		});

		it('survives snapshot → reset → restore, and reset forgets every token', async () => {
			const tokens = await connect(h);
			const saved = JSON.parse(JSON.stringify(h.oauth.snapshot())) as unknown;
			h.oauth.reset();
			expect(h.oauth.authenticate(`Bearer ${tokens.access_token}`, US_REALM)?.status).toBe(401);
			h.oauth.restore(saved);
			expect(h.oauth.authenticate(`Bearer ${tokens.access_token}`, US_REALM)).toBeUndefined();
			expect((await postToken(h.baseUrl, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token })).status).toBe(200);
		});

		it('forgets connections a day after they died, so the store stays bounded', async () => {
			await connect(h);
			const revoked = await connect(h);
			await fetch(`${h.baseUrl}/v2/oauth2/tokens/revoke`, {
				method: 'POST',
				headers: { Authorization: basic(CLIENT_ID, CLIENT_SECRET), 'Content-Type': 'application/json' },
				body: JSON.stringify({ token: revoked.refresh_token }),
			});
			const grants = () => (h.oauth.snapshot() as { grants: unknown[] }).grants.length;
			expect(grants()).toBe(2);
			h.clock.advance(25 * 3600 * 1000);
			h.oauth.issueTokens(US_REALM); // issuing sweeps
			expect(grants()).toBe(2); // the revoked one is gone, the live one stays, the new one is added
			h.clock.advance(8_726_400_000 + 25 * 3600 * 1000);
			h.oauth.issueTokens(US_REALM);
			expect(grants()).toBe(1);
		});

		it('issues tokens directly for tests and admin', () => {
			const issued = h.oauth.issueTokens(CA_REALM);
			expect(h.oauth.authenticate(`Bearer ${issued.access_token}`, CA_REALM)).toBeUndefined();
			expect(issued.expires_in).toBe(3600);
		});

		it('leaves paths that are not its own to the server', () => {
			const url = new URL('http://127.0.0.1/v3/company/1/customer/1');
			expect(h.oauth.handle({} as never, {} as never, url, Buffer.alloc(0))).toBe(false);
		});
	});
});
