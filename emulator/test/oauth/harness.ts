import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/contracts';
import { createOAuth, type OAuth, type OAuthOptions } from '../../src/oauth';

export const US_REALM = '9130350000000001';
export const CA_REALM = '9130350000000002';
export const CLIENT_ID = 'qbo-emulator-client';
export const CLIENT_SECRET = 'qbo-emulator-secret';
export const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

export interface OAuthHarness {
	oauth: OAuth;
	clock: Clock;
	baseUrl: string;
	close(): Promise<void>;
}

/** A clock that only moves when told to, so token lifetimes are exact to the second in assertions. */
export function frozenClock(start = Date.parse('2026-01-15T12:00:00Z')): Clock {
	let now = start;
	return {
		timeScale: 1,
		now: () => now,
		nowIso: () => new Date(now).toISOString(),
		advance(ms: number) {
			now += ms;
		},
		setTimeout: (fn, ms) => setTimeout(fn, ms),
	};
}

/** The OAuth handler mounted on a plain loopback server, the way emulator/src/server mounts it. */
export async function startOAuth(extra: Partial<OAuthOptions> = {}): Promise<OAuthHarness> {
	const clock = frozenClock();
	const oauth = createOAuth({
		clock,
		realmIds: () => [US_REALM, CA_REALM],
		defaultRealmId: US_REALM,
		realmAliases: () => ({ us: US_REALM, ca: CA_REALM }),
		...extra,
	});
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
			if (!oauth.handle(req, res, url, Buffer.concat(chunks))) {
				res.writeHead(404).end();
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		oauth,
		clock,
		baseUrl: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** POSTs a form to the token endpoint with client_secret_basic (or the given headers). */
export async function postToken(
	baseUrl: string,
	form: Record<string, string>,
	headers: Record<string, string> = { Authorization: basic(CLIENT_ID, CLIENT_SECRET) },
): Promise<{ status: number; body: Record<string, unknown> }> {
	const response = await fetch(`${baseUrl}/oauth2/v1/tokens/bearer`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json', ...headers },
		body: new URLSearchParams(form).toString(),
	});
	return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Follows Intuit's consent page one hop (no redirect following) and returns the Location. */
export async function authorize(baseUrl: string, query: Record<string, string>): Promise<{ status: number; location: string | null; text: string }> {
	const params = new URLSearchParams({
		client_id: CLIENT_ID,
		redirect_uri: REDIRECT_URI,
		response_type: 'code',
		scope: 'com.intuit.quickbooks.accounting',
		state: 'state-123',
		...query,
	});
	const response = await fetch(`${baseUrl}/connect/oauth2?${params.toString()}`, { redirect: 'manual' });
	return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

export { basic };
