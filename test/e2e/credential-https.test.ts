/**
 * In a real n8n: a QuickBooks Sync credential whose Custom OAuth Base URL is plain http to a remote
 * host cannot Connect. n8n evaluates the credential's authorize and token URL expressions, which build
 * no http URL for such a host, so n8n refuses before the browser or the token request goes anywhere: a
 * listener on a real network interface of this machine (not loopback) hears nothing. The emulator on
 * loopback still gets an authorize URL (the control).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

import { startEmulator, type RunningEmulator } from '../../emulator/src/index';
import { e2eVersions, useSharedN8n, type N8nInstance } from './harness';
import { QUICKBOOKS_CREDENTIAL_TYPE } from './harness/quickbooks-credential';

const START_MS = 300_000;
const STEP_MS = 60_000;

const remoteHost = Object.values(networkInterfaces())
	.flat()
	.find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address ?? '192.0.2.123';

describe.each(e2eVersions())('n8n %s: the credential refuses clear-text OAuth to a remote host', (version) => {
	let emulator: RunningEmulator | undefined;
	let n8n: N8nInstance | undefined;
	let listener: Server | undefined;
	let heard = 0;
	let remoteUrl = '';

	beforeAll(async () => {
		listener = createServer((_request, response) => {
			heard++;
			response.writeHead(200).end('{}');
		});
		await new Promise<void>((resolve) => listener!.listen(0, '0.0.0.0', resolve));
		remoteUrl = `http://${remoteHost}:${(listener.address() as AddressInfo).port}`;
		emulator = await startEmulator({ quiet: true });
		n8n = await useSharedN8n(version);
	}, START_MS);

	afterAll(async () => {
		await n8n?.stop();
		await emulator?.stop();
		await new Promise((resolve) => listener?.close(resolve));
	}, 60_000);

	async function authorizeAnswer(oauthBaseUrl: string): Promise<{ status: number; text: string }> {
		const id = await n8n!.importCredential({
			name: `QuickBooks ${oauthBaseUrl}`,
			type: QUICKBOOKS_CREDENTIAL_TYPE,
			data: {
				environment: 'custom',
				customOAuthBaseUrl: oauthBaseUrl,
				customApiBaseUrl: oauthBaseUrl,
				clientId: emulator!.demoClient.clientId,
				clientSecret: emulator!.demoClient.clientSecret,
			},
		});
		const answer = await n8n!.rest.request('GET', `/oauth2-credential/auth?id=${encodeURIComponent(id)}`);
		return { status: answer.status, text: JSON.stringify(answer.body) };
	}

	it('Connect with an http OAuth Base URL on a remote host is refused, and nothing reaches the host', async () => {
		const refused = await authorizeAnswer(remoteUrl);
		expect(refused.text).not.toContain(remoteHost);
		if (refused.status === 200) {
			// n8n 1.x hands the browser the URL as built: "https-required:…", which no browser sends anywhere.
			expect(refused.text).toMatch(/^\{"data":"https-required:/);
		} else {
			// n8n 2.x checks it first and refuses: "OAuth url must use HTTP or HTTPS protocol. Invalid protocol: https-required:".
			expect(refused.status).toBe(400);
			expect(refused.text).toMatch(/Invalid protocol: https-required:/);
		}
		expect(heard).toBe(0);
	}, STEP_MS);

	it('the emulator on loopback over http gets its authorize URL (the control)', async () => {
		const allowed = await authorizeAnswer(emulator!.url);
		expect(allowed.status).toBe(200);
		expect(allowed.text).toContain(`${emulator!.url}/connect/oauth2`);
	}, STEP_MS);
});
