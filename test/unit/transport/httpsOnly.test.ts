/**
 * https only, but for loopback (where the emulator runs): the node's transport refuses a credential
 * whose API or OAuth URLs would send a token in clear text, and the credential's own OAuth URL
 * expressions (what n8n evaluates for Connect and for every token refresh) never produce such a URL.
 */
import type { ICredentialDataDecryptedObject, INode, INodeProperties } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { QuickBooksSyncOAuth2Api } from '../../../credentials/QuickBooksSyncOAuth2Api.credentials';
import { companyFromCredentials } from '../../../nodes/shared/transport';

const node: INode = { id: 'n', name: 'QuickBooks Sync', type: 'x', typeVersion: 1, position: [0, 0], parameters: {} };
const context = { getNode: () => node };

const LOOPBACK = ['http://localhost:5757', 'http://LOCALHOST', 'http://127.0.0.1:5757/', 'http://127.5.6.7:80', 'http://[::1]:5757', 'https://localhost'];
const REMOTE_HTTPS = ['https://quickbooks.example.com', 'https://192.0.2.2:8443/qbo/', 'https://[2001:db8::1]'];
const REMOTE_HTTP = [
	'http://192.0.2.2:5757',
	'http://qbo-proxy.internal',
	'HTTP://qbo.example.com',
	'http://localhost.example.com',
	'http://127.0.0.1.nip.io',
	'http://127.0.0.1@evil.example',
	'http://localhost:80@evil.example/',
	'http://[::2]',
	' http://10.0.0.5 ',
];
const NOT_URLS = ['ftp://qbo.example.com', 'qbo.example.com', '//qbo.example.com', ''];

function credentials(overrides: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	return {
		environment: 'custom',
		customApiBaseUrl: 'http://localhost:5757',
		customOAuthBaseUrl: 'http://localhost:5757',
		oauthTokenData: { callbackQueryString: { realmId: '9130354337211001' } },
		...overrides,
	};
}

describe('the node transport refuses a credential that would send secrets in clear text', () => {
	it.each(LOOPBACK.concat(REMOTE_HTTPS))('accepts the API Base URL %s', (url) => {
		expect(companyFromCredentials(context, credentials({ customApiBaseUrl: url })).apiBaseUrl).toBe(url.trim().replace(/\/+$/, ''));
	});

	it.each(REMOTE_HTTP.concat(NOT_URLS))('refuses the API Base URL %j, naming the field and the rule', (url) => {
		expect(() => companyFromCredentials(context, credentials({ customApiBaseUrl: url }))).toThrow(/API Base URL.*https/s);
	});

	it.each(REMOTE_HTTP)('refuses the OAuth Base URL %j (token refreshes would go there), even with an https API', (url) => {
		expect(() =>
			companyFromCredentials(context, credentials({ customApiBaseUrl: 'https://quickbooks.example.com', customOAuthBaseUrl: url })),
		).toThrow(/OAuth Base URL.*https/s);
	});

	it('refuses a resolved token URL in clear text to a remote host, whatever the environment says', () => {
		expect(() =>
			companyFromCredentials(context, { ...credentials({}), environment: 'production', accessTokenUrl: 'http://192.0.2.2/oauth2/v1/tokens/bearer' }),
		).toThrow(/Access Token URL.*https/s);
	});

	it('accepts the production and sandbox environments as they are', () => {
		expect(companyFromCredentials(context, credentials({ environment: 'production' })).apiBaseUrl).toBe('https://quickbooks.api.intuit.com');
		expect(companyFromCredentials(context, credentials({ environment: 'sandbox' })).apiBaseUrl).toBe('https://sandbox-quickbooks.api.intuit.com');
	});
});

/** Evaluates the credential's hidden OAuth URL expressions as n8n does, with the form's values as $self. */
function resolvedOAuthUrls(form: Record<string, string>): { authUrl: string; accessTokenUrl: string } {
	const properties = new QuickBooksSyncOAuth2Api().properties;
	const expression = (name: string) => (properties.find((p: INodeProperties) => p.name === name)!.default as string);
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => ({ description: { properties: [] } }) as never,
			getByNameAndVersion: () => ({ description: { properties: [] } }) as never,
			getKnownTypes: () => ({}),
		},
	});
	const evaluate = (name: string) =>
		String(workflow.expression.getParameterValue(expression(name), null, 0, 0, node.name, [], 'internal', {}, undefined, false, form));
	return { authUrl: evaluate('authUrl'), accessTokenUrl: evaluate('accessTokenUrl') };
}

const isSafe = (url: string) => {
	const parsed = new URL(url);
	return parsed.protocol === 'https:' || ['localhost', '[::1]'].includes(parsed.hostname) || /^127\./.test(parsed.hostname);
};

describe('the credential never builds a clear-text OAuth URL to a remote host', () => {
	it.each(LOOPBACK.concat(REMOTE_HTTPS))('keeps %s for Connect and the token endpoint', (base) => {
		const urls = resolvedOAuthUrls({ environment: 'custom', customOAuthBaseUrl: base });
		const trimmed = base.trim().replace(/\/+$/, '');
		expect(urls).toEqual({ authUrl: `${trimmed}/connect/oauth2`, accessTokenUrl: `${trimmed}/oauth2/v1/tokens/bearer` });
	});

	it.each(REMOTE_HTTP)('does not send the client secret or tokens to %j', (base) => {
		const urls = resolvedOAuthUrls({ environment: 'custom', customOAuthBaseUrl: base });
		for (const url of [urls.authUrl, urls.accessTokenUrl]) {
			expect(url).not.toContain(base.trim().replace(/^https?:\/\//i, ''));
			// Whatever it produces instead is no http(s) URL (n8n refuses it), or one that cannot carry a secret in clear text.
			if (URL.canParse(url) && /^https?:$/.test(new URL(url).protocol)) expect(isSafe(url)).toBe(true);
		}
	});

	it("uses Intuit's own https endpoints outside the Custom environment", () => {
		const urls = resolvedOAuthUrls({ environment: 'production', customOAuthBaseUrl: 'http://192.0.2.2' });
		expect(urls.authUrl).toBe('https://appcenter.intuit.com/connect/oauth2');
		expect(urls.accessTokenUrl).toBe('https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer');
	});
});
