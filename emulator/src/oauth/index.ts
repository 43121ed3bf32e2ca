import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OAuthService, QboFault } from '../contracts';
import { ACCOUNTING_SCOPE, handleAuthorize } from './authorizeEndpoint';
import { discoveryDocument } from './discovery';
import { authenticationFault, authorizationFault, detailFor } from './faults';
import { requestOrigin, sendJson } from './http';
import { type OAuthOptions, resolveOptions } from './options';
import { handleRevoke } from './revokeEndpoint';
import { handleToken } from './tokenEndpoint';
import { TokenStore, type TokenResponse } from './tokens';

export { intuitAuthFaultResponse } from './faults';
export { DEMO_CLIENT, type OAuthClientApp, type OAuthOptions } from './options';
export type { TokenResponse } from './tokens';

/** Paths this part answers, as on Intuit's hosts (appcenter, oauth.platform, developer.api). */
export const OAUTH_PATHS = {
	authorize: '/connect/oauth2',
	token: '/oauth2/v1/tokens/bearer',
	revoke: '/v2/oauth2/tokens/revoke',
	userinfo: '/v1/openid_connect/userinfo',
	jwks: '/op/v1/jwks',
	// The standard name, plus the names Intuit publishes its documents under.
	discovery: ['/.well-known/openid-configuration', '/.well-known/openid_configuration', '/.well-known/openid_sandbox_configuration'],
} as const;

export type OAuth = OAuthService & {
	/** Connects a company directly (tests, admin, demo setup): the tokens a finished consent would give. */
	issueTokens(realmId: string, clientId?: string): TokenResponse;
	/** Changes options at run time (TTLs, clients, rotation…); the rest stay. */
	configure(partial: Partial<Omit<OAuthOptions, 'clock'>>): void;
};

/** The emulator's Intuit-shaped OAuth 2.0 server and bearer-token checks. */
export function createOAuth(initial: OAuthOptions): OAuth {
	let settings: OAuthOptions = { ...initial };
	let options = resolveOptions(settings);
	const tokens = new TokenStore(() => options);

	const methodNotAllowed = (res: ServerResponse, allow: string) =>
		sendJson(res, 405, { error: 'invalid_request' }, { Allow: allow });

	function handle(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: Buffer): boolean {
		const path = url.pathname.replace(/\/+$/, '') || '/';
		const method = (req.method ?? 'GET').toUpperCase();
		if (path === OAUTH_PATHS.authorize) {
			if (method !== 'GET') methodNotAllowed(res, 'GET');
			else handleAuthorize(req, res, url, options, tokens);
		} else if (path === OAUTH_PATHS.token) {
			if (method !== 'POST') methodNotAllowed(res, 'POST');
			else handleToken(req, res, rawBody, options, tokens);
		} else if (path === OAUTH_PATHS.revoke) {
			if (method !== 'POST') methodNotAllowed(res, 'POST');
			else handleRevoke(req, res, rawBody, options, tokens);
		} else if ((OAUTH_PATHS.discovery as readonly string[]).includes(path)) {
			sendJson(res, 200, discoveryDocument(requestOrigin(req, url)));
		} else if (path === OAUTH_PATHS.jwks) {
			// No id_token is ever signed, so there is no key to publish.
			sendJson(res, 200, { keys: [] });
		} else if (path === OAUTH_PATHS.userinfo) {
			userinfo(req, res);
		} else {
			return false;
		}
		return true;
	}

	function userinfo(req: IncomingMessage, res: ServerResponse): void {
		const token = bearerToken(req.headers.authorization);
		const check = token ? tokens.check(token) : undefined;
		if (!check?.ok) return sendJson(res, 401, { error: 'invalid_token' }, { 'WWW-Authenticate': 'Bearer realm="Intuit"' });
		if (!check.scope.split(' ').includes('openid')) return sendJson(res, 403, { error: 'insufficient_scope' });
		sendJson(res, 200, {
			sub: `emulator-user-${check.realmId}`,
			givenName: 'Emulator',
			familyName: 'User',
			email: 'emulator.user@example.com',
			emailVerified: true,
		});
	}

	function authenticate(authorization: string | undefined, realmId: string): QboFault | undefined {
		const token = bearerToken(authorization);
		if (!token) return authenticationFault('Token invalid');
		const check = tokens.check(token);
		if (!check.ok) return authenticationFault(detailFor(check));
		if (check.realmId !== realmId) return authorizationFault();
		return undefined;
	}

	return {
		handle,
		authenticate,
		issueTokens: (realmId, clientId = options.clients[0]?.clientId ?? '') => {
			if (!options.clients.some((c) => c.clientId === clientId)) throw new Error(`Unknown OAuth client: ${clientId}`);
			return tokens.issue(realmId, clientId, ACCOUNTING_SCOPE, true);
		},
		configure(partial) {
			settings = { ...settings, ...partial };
			options = resolveOptions(settings);
		},
		snapshot: () => tokens.snapshot(),
		restore: (data) => tokens.restore(data),
		reset: () => tokens.clear(),
	};
}

/** The token of `Authorization: Bearer <token>`; undefined when absent or another scheme. */
function bearerToken(authorization: string | undefined): string | undefined {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
	return match?.[1];
}
