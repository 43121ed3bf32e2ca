import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Headers Intuit's OAuth hosts put on every answer. */
function commonHeaders(): Record<string, string> {
	return { intuit_tid: randomUUID(), 'Cache-Control': 'no-cache, no-store', Pragma: 'no-cache' };
}

/** Sends a JSON answer (token endpoint, discovery, errors). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		...commonHeaders(),
		'Content-Type': 'application/json;charset=UTF-8',
		'Content-Length': String(Buffer.byteLength(text)),
		...headers,
	});
	res.end(text);
}

/** Sends an empty answer (revoke endpoint). */
export function sendEmpty(res: ServerResponse, status: number): void {
	res.writeHead(status, { ...commonHeaders(), 'Content-Length': '0' });
	res.end();
}

/** Sends a 302 to `location`. */
export function redirect(res: ServerResponse, location: string): void {
	res.writeHead(302, { ...commonHeaders(), Location: location, 'Content-Length': '0' });
	res.end();
}

const escapeHtml = (text: string) =>
	text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** An error page like the one Intuit shows when it cannot redirect back to the app. */
export function sendErrorPage(res: ServerResponse, status: number, title: string, message: string): void {
	const html =
		`<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
		`<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`;
	res.writeHead(status, {
		...commonHeaders(),
		'Content-Type': 'text/html;charset=UTF-8',
		'Content-Length': String(Buffer.byteLength(html)),
	});
	res.end(html);
}

/** Reads a form-urlencoded or JSON request body into string fields; undefined when it is neither. */
export function parseBody(req: IncomingMessage, rawBody: Buffer): Record<string, string> | undefined {
	const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
	const text = rawBody.toString('utf8');
	if (type === 'application/x-www-form-urlencoded') {
		return Object.fromEntries(new URLSearchParams(text));
	}
	if (type === 'application/json') {
		try {
			const parsed: unknown = JSON.parse(text || '{}');
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
			const fields: Record<string, string> = {};
			for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') fields[key] = value;
			return fields;
		} catch {
			return undefined;
		}
	}
	return undefined;
}

/** The emulator's own origin as the caller reached it (Host header), for absolute URLs. */
export function requestOrigin(req: IncomingMessage, url: URL): string {
	const host = req.headers.host ?? url.host;
	const forwarded = String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim();
	const protocol = forwarded === 'https' || forwarded === 'http' ? forwarded : url.protocol.replace(':', '');
	return `${protocol}://${host}`;
}
