import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateClient } from './clientAuth';
import { parseBody, sendJson } from './http';
import type { ResolvedOAuthOptions } from './options';
import { OAuthError, type TokenStore } from './tokens';

/** Sends `{"error": …}` as Intuit's token endpoint does. */
export function sendOAuthError(res: ServerResponse, error: OAuthError): void {
	const headers: Record<string, string> = error.status === 401 ? { 'WWW-Authenticate': 'Basic realm="Intuit"' } : {};
	sendJson(res, error.status, { error: error.error }, headers);
}

/** POST /oauth2/v1/tokens/bearer — authorization_code and refresh_token grants. */
export function handleToken(
	req: IncomingMessage,
	res: ServerResponse,
	rawBody: Buffer,
	options: ResolvedOAuthOptions,
	tokens: TokenStore,
): void {
	try {
		// Intuit's token endpoint takes form bodies only.
		const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
		const fields = contentType.startsWith('application/x-www-form-urlencoded') ? parseBody(req, rawBody) : undefined;
		if (!fields) throw new OAuthError(400, 'invalid_request');
		const app = authenticateClient(req, fields, options.clients);
		// intuit-oauth opts in to the hard-expiry field with this header.
		const wantHardExpiry = String(req.headers['x-include-refresh-token-hard-expires-in'] ?? '').toLowerCase() === 'true';
		switch (fields.grant_type) {
			case 'authorization_code':
				if (!fields.code || !fields.redirect_uri) throw new OAuthError(400, 'invalid_request');
				return sendJson(res, 200, tokens.exchangeCode(fields.code, app.clientId, fields.redirect_uri, wantHardExpiry));
			case 'refresh_token':
				if (!fields.refresh_token) throw new OAuthError(400, 'invalid_request');
				return sendJson(res, 200, tokens.refresh(fields.refresh_token, app.clientId, wantHardExpiry));
			case undefined:
			case '':
				throw new OAuthError(400, 'invalid_request');
			default:
				throw new OAuthError(400, 'unsupported_grant_type');
		}
	} catch (error) {
		if (error instanceof OAuthError) return sendOAuthError(res, error);
		throw error;
	}
}
