import * as fs from 'node:fs';
import * as path from 'node:path';
import { N8nHttpClient, N8nHttpError, sessionCookieFrom } from './http-client';

/** The instance owner every harness-started n8n gets (loopback only, throwaway user folders). */
export const OWNER = {
	email: 'owner@qbo-sync.test',
	firstName: 'Test',
	lastName: 'Owner',
	password: 'E2e-Passw0rd!',
} as const;

/** What the harness keeps in the user folder so a restart on the same data can log in again. */
interface SavedSession {
	apiKey: string;
}

const SESSION_FILE = 'qbo-sync-e2e-session.json';

/** The owner's two ways in: the REST API with the session cookie, the public API with an API key. */
export interface OwnerSession {
	rest: N8nHttpClient;
	api: N8nHttpClient;
	/** The site root with the session cookie: /types/*.json, /icons/…, what the editor loads. */
	root: N8nHttpClient;
	apiKey: string;
	cookie: string;
}

/** Logs in as the owner, returning the `n8n-auth` cookie. */
async function login(baseUrl: string): Promise<string> {
	const anonymous = new N8nHttpClient(`${baseUrl}/rest`, () => ({}));
	// 1.x and 2.x both take `emailOrLdapLoginId`.
	const answer = await anonymous.request('POST', '/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	const cookie = sessionCookieFrom(answer.headers);
	if (answer.status !== 200 || !cookie) throw new N8nHttpError('POST', `${baseUrl}/rest/login`, answer.status, answer.body);
	return cookie;
}

/** Claims the fresh instance for OWNER (no onboarding screens), returning the session cookie. */
async function setUpOwner(baseUrl: string): Promise<string> {
	const anonymous = new N8nHttpClient(`${baseUrl}/rest`, () => ({}));
	const answer = await anonymous.request('POST', '/owner/setup', OWNER);
	const cookie = sessionCookieFrom(answer.headers);
	if (answer.status !== 200 || !cookie) throw new N8nHttpError('POST', `${baseUrl}/rest/owner/setup`, answer.status, answer.body);
	return cookie;
}

/** Creates an API key with every scope the owner may grant (the list differs per n8n line). */
async function createApiKey(rest: N8nHttpClient): Promise<string> {
	const scopes = await rest.get<{ data: string[] } | string[]>('/api-keys/scopes');
	const list = Array.isArray(scopes) ? scopes : scopes.data;
	const created = await rest.post<{ data: { rawApiKey?: string; apiKey: string } }>('/api-keys', {
		label: 'qbo-sync e2e',
		scopes: list,
		expiresAt: null,
	});
	const key = created.data.rawApiKey ?? created.data.apiKey;
	if (!key || key.includes('*')) throw new Error(`n8n did not return a usable API key: ${JSON.stringify(created)}`);
	return key;
}

/**
 * Opens an owner session on a running n8n: sets the owner up on first start (and creates an API key,
 * saved in the user folder), logs in on later starts of the same user folder.
 */
export async function openOwnerSession(baseUrl: string, userFolder: string): Promise<OwnerSession> {
	const sessionFile = path.join(userFolder, SESSION_FILE);
	const saved = fs.existsSync(sessionFile) ? (JSON.parse(fs.readFileSync(sessionFile, 'utf8')) as SavedSession) : undefined;
	const cookie = saved ? await login(baseUrl) : await setUpOwner(baseUrl);
	const rest = new N8nHttpClient(`${baseUrl}/rest`, () => ({ cookie }));
	let apiKey = saved?.apiKey;
	if (!apiKey) {
		apiKey = await createApiKey(rest);
		fs.writeFileSync(sessionFile, JSON.stringify({ apiKey } satisfies SavedSession));
	}
	const key = apiKey;
	const api = new N8nHttpClient(`${baseUrl}/api/v1`, () => ({ 'x-n8n-api-key': key }));
	const root = new N8nHttpClient(baseUrl, () => ({ cookie }));
	return { rest, api, root, apiKey: key, cookie };
}
