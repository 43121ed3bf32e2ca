import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { OAuthClientApp } from './options';
import { OAuthError } from './tokens';

function sameSecret(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** Credentials from `Authorization: Basic` (client_secret_basic); undefined when the header is absent. */
function basicCredentials(req: IncomingMessage): { clientId: string; clientSecret: string } | undefined {
	const header = req.headers.authorization;
	if (!header) return undefined;
	const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
	if (!match) throw new OAuthError(401, 'invalid_client');
	const decoded = Buffer.from(match[1], 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	if (colon < 0) throw new OAuthError(401, 'invalid_client');
	// RFC 6749 §2.3.1 form-encodes both parts; plain ones decode to themselves.
	const unescape = (part: string) => {
		try {
			return decodeURIComponent(part.replace(/\+/g, ' '));
		} catch {
			return part;
		}
	};
	return { clientId: unescape(decoded.slice(0, colon)), clientSecret: unescape(decoded.slice(colon + 1)) };
}

/**
 * Authenticates the calling app by client_secret_basic or client_secret_post (both are in Intuit's
 * discovery document).
 * Throws invalid_client (401) otherwise.
 */
export function authenticateClient(
	req: IncomingMessage,
	fields: Record<string, string>,
	clients: OAuthClientApp[],
	allowPost = true,
): OAuthClientApp {
	const basic = basicCredentials(req);
	const post =
		allowPost && fields.client_id !== undefined
			? { clientId: fields.client_id, clientSecret: fields.client_secret }
			: undefined;
	if (basic && post) {
		// A body client_id beside Basic is common; it must name the same app (and the same secret, if sent).
		const same = basic.clientId === post.clientId && (post.clientSecret === undefined || basic.clientSecret === post.clientSecret);
		if (!same) throw new OAuthError(401, 'invalid_client');
	}
	const credentials = basic ?? (post ? { clientId: post.clientId, clientSecret: post.clientSecret ?? '' } : undefined);
	if (!credentials) throw new OAuthError(401, 'invalid_client');
	const app = clients.find((c) => c.clientId === credentials.clientId);
	if (!app || !sameSecret(app.clientSecret, credentials.clientSecret)) throw new OAuthError(401, 'invalid_client');
	return app;
}
