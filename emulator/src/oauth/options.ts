import type { Clock } from '../contracts';

/** An app registered with the emulated Intuit developer portal. */
export interface OAuthClientApp {
	clientId: string;
	clientSecret: string;
	/** When set, only these redirect URIs are accepted (exact match, as Intuit's Keys tab). */
	redirectUris?: string[];
}

export interface OAuthOptions {
	clock: Clock;
	/** The companies that exist; the authorize endpoint only connects to these. */
	realmIds: () => string[];
	/** The company an authorize request connects to when it names none. */
	defaultRealmId: string;
	clients?: OAuthClientApp[];
	/** Access-token lifetime, Intuit: 3600 s. */
	accessTokenTtlSec?: number;
	/** Rolling refresh-token lifetime, Intuit: 100 days. */
	refreshTokenTtlSec?: number;
	/** Every refresh issues a new refresh token and retires the old one (old one → invalid_grant). */
	rotateRefreshTokens?: boolean;
	/** Hard cap on a connection's life counted from consent, Intuit: 5 years. */
	hardExpirySec?: number;
	/** Authorization-code lifetime (single use, bound to its redirect_uri). */
	codeTtlSec?: number;
	/** `realm=<alias>` on the authorize URL picks a company by alias, e.g. { us: '9130…', ca: '9130…' }. */
	realmAliases?: () => Record<string, string>;
}

export type ResolvedOAuthOptions = Required<Omit<OAuthOptions, 'clients'>> & { clients: OAuthClientApp[] };

export const DEMO_CLIENT: OAuthClientApp = { clientId: 'qbo-emulator-client', clientSecret: 'qbo-emulator-secret' };

const DAY_SEC = 24 * 60 * 60;

/** Fills Intuit's defaults in. */
export function resolveOptions(options: OAuthOptions): ResolvedOAuthOptions {
	return {
		clock: options.clock,
		realmIds: options.realmIds,
		defaultRealmId: options.defaultRealmId,
		clients: options.clients ?? [DEMO_CLIENT],
		accessTokenTtlSec: options.accessTokenTtlSec ?? 3600,
		// Intuit's docs say 100 days; its token responses say 8726400 s.
		refreshTokenTtlSec: options.refreshTokenTtlSec ?? 8_726_400,
		rotateRefreshTokens: options.rotateRefreshTokens ?? true,
		hardExpirySec: options.hardExpirySec ?? 5 * 365 * DAY_SEC,
		codeTtlSec: options.codeTtlSec ?? 300,
		realmAliases: options.realmAliases ?? (() => ({ us: options.defaultRealmId })),
	};
}
