import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/src';
import type { QboCredentialData } from './n8n-context';

export interface TestEmulator {
	emulator: RunningEmulator;
	url: string;
	realms: RunningEmulator['realms'];
	/** A connected QuickBooks Sync credential for a realm (default US), as n8n would store it after consent. */
	credentials(realmId?: string, overrides?: Partial<QboCredentialData>): QboCredentialData;
	/** POST /__admin/<path> with a JSON body (faults, config, tokens…); returns the parsed answer. */
	admin<T = unknown>(path: string, body?: unknown): Promise<T>;
	stop(): Promise<void>;
}

/** Starts the emulator on a free loopback port, quiet, with whatever options the test needs. */
export async function startEmulatorForTests(options: EmulatorOptions = {}): Promise<TestEmulator> {
	const emulator = await startEmulator({ port: 0, host: '127.0.0.1', quiet: true, ...options });
	const url = emulator.url;
	return {
		emulator,
		url,
		realms: emulator.realms,
		credentials(realmId = emulator.realms.us, overrides = {}) {
			const tokens = emulator.issueTokens(realmId);
			return {
				environment: 'custom',
				customOAuthBaseUrl: url,
				customApiBaseUrl: url,
				minorVersion: 75,
				webhookVerifierToken: '',
				grantType: 'authorizationCode',
				authUrl: `${url}/connect/oauth2`,
				accessTokenUrl: `${url}/oauth2/v1/tokens/bearer`,
				clientId: emulator.demoClient.clientId,
				clientSecret: emulator.demoClient.clientSecret,
				scope: 'com.intuit.quickbooks.accounting',
				authQueryParameters: '',
				authentication: 'header',
				oauthTokenData: { ...tokens, callbackQueryString: { realmId } },
				...overrides,
			};
		},
		async admin<T>(path: string, body?: unknown): Promise<T> {
			const response = await fetch(`${url}/__admin/${path.replace(/^\/+/, '')}`, {
				method: body === undefined ? 'GET' : 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			const text = await response.text();
			if (!response.ok) throw new Error(`admin ${path}: HTTP ${response.status} ${text}`);
			return (text ? JSON.parse(text) : undefined) as T;
		},
		stop: async () => await emulator.stop(),
	};
}
