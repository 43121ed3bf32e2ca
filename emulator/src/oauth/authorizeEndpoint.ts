import type { IncomingMessage, ServerResponse } from 'node:http';
import { redirect, sendErrorPage } from './http';
import type { ResolvedOAuthOptions } from './options';
import type { TokenStore } from './tokens';

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

/** Scopes Intuit knows (as listed by its own client, intuit-oauth); any other is invalid_scope. */
const KNOWN_SCOPES = new Set([
	ACCOUNTING_SCOPE,
	'com.intuit.quickbooks.payment',
	'payroll.compensation.read',
	'project-management.project',
	'app-foundations.custom-dimensions.read',
	'app-foundations.custom-field-definitions',
	'time-tracking.time-entry',
	'indirect-tax.tax-calculation.quickbooks',
	'openid',
	'profile',
	'email',
	'phone',
	'address',
]);

/** Intuit's words when the redirect_uri is not registered for the app. */
const REDIRECT_URI_INVALID =
	"The redirect_uri query parameter value is invalid. Make sure it is listed in the Redirect URIs section on your app's keys tab and matches it exactly.";

function isAbsoluteHttpUrl(value: string): boolean {
	try {
		const parsed = new URL(value);
		return parsed.protocol === 'http:' || parsed.protocol === 'https:';
	} catch {
		return false;
	}
}

function withQuery(base: string, params: Record<string, string | undefined>): string {
	const target = new URL(base);
	for (const [key, value] of Object.entries(params)) if (value !== undefined) target.searchParams.set(key, value);
	return target.toString();
}

/**
 * GET /connect/oauth2 — Intuit's consent page, consenting at once (no login, no clicks).
 * Emulator switches on the query: `realmId=<id>` or `realm=<alias>` (default aliases: `us`) picks the
 * company; `consent=deny` answers as if the user pressed Cancel (error=access_denied).
 */
export function handleAuthorize(
	_req: IncomingMessage,
	res: ServerResponse,
	url: URL,
	options: ResolvedOAuthOptions,
	tokens: TokenStore,
): void {
	const q = url.searchParams;
	const clientId = q.get('client_id') ?? '';
	const redirectUri = q.get('redirect_uri') ?? '';
	const state = q.get('state') ?? undefined;

	// Errors Intuit cannot send back to the app: shown on its own page (RFC 6749 §4.1.2.1).
	const app = options.clients.find((c) => c.clientId === clientId);
	if (!app) return sendErrorPage(res, 400, 'invalid_client', 'The client_id query parameter value is invalid.');
	const registered = app.redirectUris ? app.redirectUris.includes(redirectUri) : isAbsoluteHttpUrl(redirectUri);
	if (!registered) return sendErrorPage(res, 400, 'invalid_redirect_uri', REDIRECT_URI_INVALID);

	const fail = (error: string, description: string) =>
		redirect(res, withQuery(redirectUri, { error, error_description: description, state }));

	if (q.get('response_type') !== 'code') {
		return fail('unsupported_response_type', 'response_type must be code');
	}
	// Intuit's docs list state as required (CSRF protection); n8n and intuit-oauth always send one.
	if (!state) return fail('invalid_request', 'state is required');
	const scopes = (q.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
	const unknown = scopes.find((s) => !KNOWN_SCOPES.has(s));
	if (unknown) return fail('invalid_scope', `Unknown scope: ${unknown}`);
	if (!scopes.includes(ACCOUNTING_SCOPE)) return fail('invalid_scope', `The scope must include ${ACCOUNTING_SCOPE}`);
	if (q.get('consent') === 'deny') return fail('access_denied', 'The user did not grant access');

	const realmId = chooseRealm(q, options);
	if (!realmId) {
		return sendErrorPage(res, 400, 'unknown_company', `No such emulated company. Known: ${options.realmIds().join(', ')}`);
	}
	const code = tokens.createCode({ clientId, redirectUri, realmId, scope: scopes.join(' ') });
	redirect(res, withQuery(redirectUri, { code, state, realmId }));
}

/** The company chosen by `realmId=` or `realm=<alias>`, else the default; undefined when it does not exist. */
function chooseRealm(q: URLSearchParams, options: ResolvedOAuthOptions): string | undefined {
	const alias = q.get('realm');
	const wanted = q.get('realmId') ?? (alias !== null ? options.realmAliases()[alias.toLowerCase()] : options.defaultRealmId);
	return wanted !== undefined && options.realmIds().includes(wanted) ? wanted : undefined;
}
