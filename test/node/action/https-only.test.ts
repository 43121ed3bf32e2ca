/**
 * A credential pointing the API or the OAuth token endpoint at a remote host over plain http is
 * refused by the node before any request: a listener on a real network interface of this machine
 * (not loopback) sees nothing, neither the access token nor, on a refresh, the refresh token and
 * the client secret. Loopback (the emulator) keeps working.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

import type { TestEmulator } from '../../support/emulator';
import { emulatorForFile, jsonOf, locator, resetStats, runSync, stats } from './helpers';

jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

/** A non-loopback IPv4 address of this machine; without one, a documentation address nobody answers on. */
const remoteHost = Object.values(networkInterfaces())
	.flat()
	.find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address ?? '192.0.2.123';

let listener: Server;
let heard: IncomingMessage[] = [];
let remoteUrl: string;

beforeAll(async () => {
	listener = createServer((request, response) => {
		heard.push(request);
		response.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
	});
	await new Promise<void>((resolve) => listener.listen(0, '0.0.0.0', resolve));
	remoteUrl = `http://${remoteHost}:${(listener.address() as AddressInfo).port}`;
});
afterAll(async () => await new Promise((resolve) => listener.close(resolve)));
beforeEach(() => (heard = []));

const getCustomer = { resource: 'customer', operation: 'get', customerId: locator('id', '1') };

it('an http API Base URL on a remote host: refused with a clear message, nothing sent', async () => {
	const credentials = qbo.credentials(qbo.realms.us, { customApiBaseUrl: remoteUrl });
	const out = jsonOf(await runSyncWith(credentials));
	expect(String(out[0].error)).toMatch(/API Base URL.*https/s);
	expect(heard).toHaveLength(0);
});

it('an http OAuth Base URL on a remote host: refused even though the API is local, no refresh leaves', async () => {
	const credentials = qbo.credentials(qbo.realms.us, {
		customOAuthBaseUrl: remoteUrl,
		accessTokenUrl: `${remoteUrl}/oauth2/v1/tokens/bearer`,
		authUrl: `${remoteUrl}/connect/oauth2`,
	});
	credentials.oauthTokenData.access_token = 'expired-or-revoked';
	await resetStats(qbo);
	const out = jsonOf(await runSyncWith(credentials));
	expect(String(out[0].error)).toMatch(/OAuth Base URL.*https/s);
	expect(heard).toHaveLength(0);
	expect((await stats(qbo)).requests).toBe(0);
});

it('loopback over http (the emulator) still works', async () => {
	const out = jsonOf(await runSync(qbo, getCustomer));
	expect(out[0].Id).toBe('1');
});

async function runSyncWith(credentials: ReturnType<TestEmulator['credentials']>) {
	const { runNode } = await import('../../support/n8n-context');
	const { QuickBooksSync } = await import('../../../nodes/QuickBooksSync/QuickBooksSync.node');
	const { output } = await runNode(QuickBooksSync, { credentials, parameters: getCustomer, continueOnFail: true });
	return output[0];
}
