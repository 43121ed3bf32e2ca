/**
 * Intuit's own intuit-oauth client, unmodified, against the WHOLE emulator (OAuth and accounting API on
 * one port): connect, its makeApiCall for reads, writes, queries and faults, user info, token expiry
 * and refresh. Pointed at the emulator through its public setAuthorizeURLs() and absolute URLs, as its
 * users point it at a sandbox.
 */
import OAuthClient from 'intuit-oauth';
import { startTestEmulator, type TestEmulator } from '../server/http-helpers';

const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

let t: TestEmulator;
let client: OAuthClient;
const original = {
	authorizeEndpoint: OAuthClient.authorizeEndpoint,
	tokenEndpoint: OAuthClient.tokenEndpoint,
	revokeEndpoint: OAuthClient.revokeEndpoint,
	userinfo: OAuthClient.userinfo_endpoint_sandbox,
};

beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
	client = new OAuthClient({ environment: 'sandbox', clientId: t.emu.demoClient.clientId, clientSecret: t.emu.demoClient.clientSecret, redirectUri: REDIRECT_URI });
	client.setAuthorizeURLs({
		authorizeEndpoint: `${t.emu.url}/connect/oauth2`,
		tokenEndpoint: `${t.emu.url}/oauth2/v1/tokens/bearer`,
		revokeEndpoint: `${t.emu.url}/v2/oauth2/tokens/revoke`,
		userInfoEndpoint: `${t.emu.url}/v1/openid_connect/userinfo`,
	});
	const consent = await fetch(client.authorizeUri({ scope: [OAuthClient.scopes.Accounting, OAuthClient.scopes.OpenId, OAuthClient.scopes.Email], state: 'x21' }), { redirect: 'manual' });
	await client.createToken(consent.headers.get('location') ?? '');
});
afterAll(async () => {
	// setAuthorizeURLs writes static fields: put Intuit's hosts back for whoever runs next.
	Object.assign(OAuthClient, {
		authorizeEndpoint: original.authorizeEndpoint,
		tokenEndpoint: original.tokenEndpoint,
		revokeEndpoint: original.revokeEndpoint,
		userinfo_endpoint_sandbox: original.userinfo,
	});
	await t.emu.stop();
});

const api = (path: string) => `${t.emu.url}/v3/company/${client.getToken().realmId}${path}`;

describe("intuit-oauth's makeApiCall against the emulator", () => {
	test('connects to a company and reads it', async () => {
		expect(client.getToken().realmId).toBe(t.emu.realms.us);
		expect(client.isAccessTokenValid()).toBe(true);
		const info = await client.makeApiCall({ url: api(`/companyinfo/${t.emu.realms.us}?minorversion=75`) });
		expect(info.status).toBe(200);
		expect(info.json.CompanyInfo.Id).toBeTruthy();
	});

	test('creates, updates and queries a customer', async () => {
		const name = `intuit-oauth ${process.pid}-${Date.now()}`;
		const created = await client.makeApiCall({ url: api('/customer?minorversion=75'), method: 'POST', body: { DisplayName: name } });
		const customer = created.json.Customer;
		expect(customer.DisplayName).toBe(name);
		const updated = await client.makeApiCall({
			url: api('/customer'),
			method: 'POST',
			body: { Id: customer.Id, SyncToken: customer.SyncToken, sparse: true, Notes: 'via intuit-oauth' },
		});
		expect(updated.json.Customer).toMatchObject({ Notes: 'via intuit-oauth', SyncToken: '1' });
		const found = await client.makeApiCall({ url: api('/query'), params: { query: `select Id, DisplayName from Customer where DisplayName = '${name}'` } });
		expect(found.json.QueryResponse.Customer).toEqual([{ domain: 'QBO', sparse: true, Id: customer.Id, DisplayName: name }]);
	});

	test('a QuickBooks fault becomes its OAuthError with the fault code', async () => {
		const error: any = await client.makeApiCall({ url: api('/query'), params: { query: 'select * from Custmoer' } }).catch((e) => e);
		expect(error.code).toBe('4001');
		expect(error.fault.errors[0].detail).toBe('QueryValidationError: invalid context declaration: Custmoer');
		const missing: any = await client.makeApiCall({ url: api('/customer/1.5') }).catch((e) => e);
		expect(missing.code).toBe('2030');
	});

	test('reads the user info of the connection', async () => {
		const info = await client.getUserInfo();
		expect(info.status()).toBe(200);
	});

	test('an expired access token gets 401; refresh, and the new token works', async () => {
		await t.admin('POST', 'clock/advance', { ms: 3601_000 });
		const expired: any = await client.makeApiCall({ url: api(`/companyinfo/${t.emu.realms.us}`) }).catch((e) => e);
		expect(expired.code).toBe('401');
		await client.refresh();
		const again = await client.makeApiCall({ url: api(`/companyinfo/${t.emu.realms.us}`) });
		expect(again.status).toBe(200);
	});
});
