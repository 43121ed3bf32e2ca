import { randomBytes } from 'node:crypto';
import type { ResolvedOAuthOptions } from './options';

/** An OAuth error answered by the token or revoke endpoint: `{"error": code}` with this status. */
export class OAuthError extends Error {
	constructor(
		readonly status: number,
		readonly error: 'invalid_grant' | 'invalid_client' | 'invalid_request' | 'unsupported_grant_type' | 'unauthorized_client',
	) {
		super(error);
	}
}

/** The token endpoint's JSON answer, spelled as Intuit spells it. */
export interface TokenResponse {
	token_type: 'bearer';
	access_token: string;
	expires_in: number;
	refresh_token: string;
	x_refresh_token_expires_in: number;
	x_refresh_token_hard_expires_in?: number;
}

/** One consent: a company connected to an app. Revoking any of its tokens ends it. */
interface Grant {
	id: string;
	realmId: string;
	clientId: string;
	scope: string;
	hardExpiresAt: number;
	revoked: boolean;
	revokedAt?: number;
	/** The only refresh token that still works for this grant. */
	refreshToken: string;
	refreshExpiresAt: number;
}

interface AccessToken {
	grantId: string;
	expiresAt: number;
	/** Intuit names a token by an id like this in "Token expired: …" details. */
	label: string;
}

interface AuthorizationCode {
	clientId: string;
	redirectUri: string;
	realmId: string;
	scope: string;
	expiresAt: number;
	/** Set once exchanged: a second exchange fails and revokes what the first one issued. */
	grantId?: string;
}

/** What `check` finds about a bearer token. */
export type AccessCheck =
	| { ok: true; realmId: string; clientId: string; scope: string }
	| { ok: false; reason: 'unknown' | 'expired' | 'revoked'; label?: string };

interface TokenState {
	grants: Grant[];
	access: [string, AccessToken][];
	codes: [string, AuthorizationCode][];
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomAlnum(length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	for (const byte of bytes) out += ALNUM[byte % ALNUM.length];
	return out;
}

const JWE_HEADER = Buffer.from('{"enc":"A128CBC-HS256","alg":"dir"}').toString('base64url');

/** Shaped like Intuit's access tokens (a compact JWE), opaque to clients all the same. */
function newAccessToken(): string {
	const part = (n: number) => randomBytes(n).toString('base64url');
	return `${JWE_HEADER}..${part(16)}.${part(420)}.${part(16)}`;
}

/** Shaped like Intuit's refresh tokens: "AB1" + expiry epoch seconds + 37 characters. */
function newRefreshToken(expiresAtMs: number): string {
	return `AB1${Math.floor(expiresAtMs / 1000)}${randomAlnum(37)}`;
}

/** Expired codes and access tokens are forgotten this long after expiry (until then they answer "expired"). */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

/** Grants, codes and tokens: issuing, refreshing, revoking and checking, on the emulated clock. */
export class TokenStore {
	private grants = new Map<string, Grant>();
	private grantByRefresh = new Map<string, string>();
	private access = new Map<string, AccessToken>();
	private codes = new Map<string, AuthorizationCode>();

	constructor(private readonly options: () => ResolvedOAuthOptions) {}

	private now(): number {
		return this.options().clock.now();
	}

	/** A single-use authorization code for the consent just given. */
	createCode(fields: Omit<AuthorizationCode, 'expiresAt' | 'grantId'>): string {
		this.sweep();
		const code = `AB1${randomAlnum(47)}`;
		this.codes.set(code, { ...fields, expiresAt: this.now() + this.options().codeTtlSec * 1000 });
		return code;
	}

	/** grant_type=authorization_code. */
	exchangeCode(code: string, clientId: string, redirectUri: string | undefined, wantHardExpiry: boolean): TokenResponse {
		const entry = this.codes.get(code);
		if (!entry || entry.clientId !== clientId) throw new OAuthError(400, 'invalid_grant');
		if (entry.grantId) {
			// RFC 6749 §4.1.2: a replayed code revokes the tokens it already produced.
			this.revokeGrant(entry.grantId);
			throw new OAuthError(400, 'invalid_grant');
		}
		if (entry.expiresAt <= this.now() || entry.redirectUri !== redirectUri) throw new OAuthError(400, 'invalid_grant');
		const response = this.issue(entry.realmId, entry.clientId, entry.scope, wantHardExpiry);
		entry.grantId = this.grantByRefresh.get(response.refresh_token);
		return response;
	}

	/** A fresh consent for a company, as if its admin had clicked Connect. */
	issue(realmId: string, clientId: string, scope: string, wantHardExpiry: boolean): TokenResponse {
		this.sweep();
		const now = this.now();
		const grant: Grant = {
			id: randomAlnum(24),
			realmId,
			clientId,
			scope,
			hardExpiresAt: now + this.options().hardExpirySec * 1000,
			revoked: false,
			refreshToken: '',
			refreshExpiresAt: 0,
		};
		this.grants.set(grant.id, grant);
		this.setRefreshToken(grant, newRefreshToken(this.refreshExpiry(grant, now)), now);
		return this.respond(grant, wantHardExpiry, now);
	}

	/** grant_type=refresh_token. */
	refresh(refreshToken: string, clientId: string, wantHardExpiry: boolean): TokenResponse {
		const grant = this.grants.get(this.grantByRefresh.get(refreshToken) ?? '');
		const now = this.now();
		if (!grant || grant.revoked || grant.clientId !== clientId) throw new OAuthError(400, 'invalid_grant');
		if (grant.refreshToken !== refreshToken || grant.refreshExpiresAt <= now) throw new OAuthError(400, 'invalid_grant');
		if (grant.hardExpiresAt <= now) throw new OAuthError(400, 'invalid_grant');
		const expiresAt = this.refreshExpiry(grant, now);
		if (this.options().rotateRefreshTokens) {
			this.grantByRefresh.delete(refreshToken);
			this.setRefreshToken(grant, newRefreshToken(expiresAt), now);
		} else {
			grant.refreshExpiresAt = expiresAt;
		}
		return this.respond(grant, wantHardExpiry, now);
	}

	/** Revoke endpoint: any token of a grant ends the whole grant. False when the token belongs to another app. */
	revoke(token: string, clientId: string): boolean {
		const grantId = this.grantByRefresh.get(token) ?? this.access.get(token)?.grantId;
		const grant = grantId ? this.grants.get(grantId) : undefined;
		if (!grant) return true; // RFC 7009 §2.2: unknown tokens are answered 200 too
		if (grant.clientId !== clientId) return false;
		this.revokeGrant(grant.id);
		return true;
	}

	/** Looks a bearer token up. */
	check(accessToken: string): AccessCheck {
		const entry = this.access.get(accessToken);
		if (!entry) return { ok: false, reason: 'unknown' };
		const grant = this.grants.get(entry.grantId);
		if (!grant || grant.revoked) return { ok: false, reason: 'revoked', label: entry.label };
		if (entry.expiresAt <= this.now() || grant.hardExpiresAt <= this.now()) {
			return { ok: false, reason: 'expired', label: entry.label };
		}
		return { ok: true, realmId: grant.realmId, clientId: grant.clientId, scope: grant.scope };
	}

	snapshot(): TokenState {
		return {
			grants: [...this.grants.values()].map((g) => ({ ...g })),
			access: [...this.access.entries()].map(([k, v]) => [k, { ...v }]),
			codes: [...this.codes.entries()].map(([k, v]) => [k, { ...v }]),
		};
	}

	restore(data: unknown): void {
		this.clear();
		const state = data as Partial<TokenState> | undefined;
		if (!state || typeof state !== 'object') return;
		for (const grant of state.grants ?? []) {
			this.grants.set(grant.id, { ...grant });
			this.grantByRefresh.set(grant.refreshToken, grant.id);
		}
		for (const [token, entry] of state.access ?? []) this.access.set(token, { ...entry });
		for (const [code, entry] of state.codes ?? []) this.codes.set(code, { ...entry });
	}

	clear(): void {
		this.grants.clear();
		this.grantByRefresh.clear();
		this.access.clear();
		this.codes.clear();
	}

	private respond(grant: Grant, wantHardExpiry: boolean, now: number): TokenResponse {
		const accessToken = newAccessToken();
		const accessExpiresAt = Math.min(now + this.options().accessTokenTtlSec * 1000, grant.hardExpiresAt);
		this.access.set(accessToken, { grantId: grant.id, expiresAt: accessExpiresAt, label: newRefreshToken(accessExpiresAt) });
		const seconds = (at: number) => Math.max(0, Math.floor((at - now) / 1000));
		return {
			token_type: 'bearer',
			access_token: accessToken,
			expires_in: seconds(accessExpiresAt),
			refresh_token: grant.refreshToken,
			x_refresh_token_expires_in: seconds(grant.refreshExpiresAt),
			...(wantHardExpiry ? { x_refresh_token_hard_expires_in: seconds(grant.hardExpiresAt) } : {}),
		};
	}

	/** Rolling lifetime, never past the grant's hard expiry. */
	private refreshExpiry(grant: Grant, now: number): number {
		return Math.min(now + this.options().refreshTokenTtlSec * 1000, grant.hardExpiresAt);
	}

	private setRefreshToken(grant: Grant, token: string, now: number): void {
		grant.refreshToken = token;
		grant.refreshExpiresAt = this.refreshExpiry(grant, now);
		this.grantByRefresh.set(token, grant.id);
	}

	private revokeGrant(grantId: string): void {
		const grant = this.grants.get(grantId);
		if (grant && !grant.revoked) {
			grant.revoked = true;
			grant.revokedAt = this.now();
		}
	}

	/** Drops long-dead codes, access tokens and grants so a long-running emulator does not grow without bound. */
	private sweep(): void {
		const horizon = this.now() - FORGET_AFTER_MS;
		for (const [id, grant] of this.grants) {
			const deadSince = grant.revoked ? (grant.revokedAt ?? 0) : Math.min(grant.refreshExpiresAt, grant.hardExpiresAt);
			if (deadSince <= horizon) {
				this.grants.delete(id);
				this.grantByRefresh.delete(grant.refreshToken);
			}
		}
		for (const [code, entry] of this.codes) if (entry.expiresAt <= horizon) this.codes.delete(code);
		for (const [token, entry] of this.access) if (entry.expiresAt <= horizon) this.access.delete(token);
	}
}
