import type { IncomingMessage, ServerResponse } from 'node:http';
import { authenticateClient } from './clientAuth';
import { parseBody, sendEmpty } from './http';
import type { ResolvedOAuthOptions } from './options';
import { sendOAuthError } from './tokenEndpoint';
import { OAuthError, type TokenStore } from './tokens';

/**
 * POST /v2/oauth2/tokens/revoke — `{"token": …}` (JSON, as Intuit documents) or a form, with Basic auth.
 * Revoking an access or a refresh token disconnects the whole grant, as Intuit's revoke does.
 */
export function handleRevoke(
	req: IncomingMessage,
	res: ServerResponse,
	rawBody: Buffer,
	options: ResolvedOAuthOptions,
	tokens: TokenStore,
): void {
	try {
		const fields = parseBody(req, rawBody);
		if (!fields) throw new OAuthError(400, 'invalid_request');
		const app = authenticateClient(req, fields, options.clients);
		if (!fields.token) throw new OAuthError(400, 'invalid_request');
		if (!tokens.revoke(fields.token, app.clientId)) throw new OAuthError(400, 'unauthorized_client');
		sendEmpty(res, 200);
	} catch (error) {
		if (error instanceof OAuthError) return sendOAuthError(res, error);
		throw error;
	}
}
