import { createHmac } from 'node:crypto';
import { startEmulator, type RunningEmulator } from '../../src/index';
import { startReceiver, type Receiver } from './receiver';

// The whole chain on the real emulator: OAuth consent → token → a write on the API → a signed webhook.
describe('a write on the emulator notifies the webhook receiver', () => {
	let emu: RunningEmulator;
	let receiver: Receiver;
	beforeAll(async () => {
		emu = await startEmulator({ quiet: true, timeScale: 600, limits: false });
		receiver = await startReceiver();
	});
	afterAll(async () => {
		await emu.stop();
		await receiver.close();
	});

	it('connects through /connect/oauth2 and receives a signed CloudEvent for the created customer', async () => {
		const redirectUri = 'http://127.0.0.1:9/callback';
		const authorize = new URL(`${emu.url}/connect/oauth2`);
		for (const [key, value] of Object.entries({
			client_id: emu.demoClient.clientId,
			redirect_uri: redirectUri,
			response_type: 'code',
			scope: 'com.intuit.quickbooks.accounting',
			state: 'xyz',
			realm: 'ca',
		})) authorize.searchParams.set(key, value);
		const consent = await fetch(authorize, { redirect: 'manual' });
		const callback = new URL(consent.headers.get('location') ?? '');
		expect(callback.searchParams.get('realmId')).toBe(emu.realms.ca);

		const tokenResponse = await fetch(`${emu.url}/oauth2/v1/tokens/bearer`, {
			method: 'POST',
			headers: {
				Authorization: `Basic ${Buffer.from(`${emu.demoClient.clientId}:${emu.demoClient.clientSecret}`).toString('base64')}`,
				'Content-Type': 'application/x-www-form-urlencoded',
				Accept: 'application/json',
			},
			body: new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: redirectUri }).toString(),
		});
		expect(tokenResponse.status).toBe(200);
		const { access_token } = (await tokenResponse.json()) as { access_token: string };

		emu.webhooks.configure({ url: receiver.url, verifierToken: 'vt', format: 'cloudevents' });
		const created = await fetch(`${emu.url}/v3/company/${emu.realms.ca}/customer?minorversion=75`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${access_token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
			body: JSON.stringify({ DisplayName: 'Webhook Test Customer Ltd' }),
		});
		expect(created.status).toBe(200);
		const customer = ((await created.json()) as { Customer: { Id: string } }).Customer;

		// The US company's realm refuses this Canadian token.
		const wrongRealm = await fetch(`${emu.url}/v3/company/${emu.realms.us}/customer/1?minorversion=75`, {
			headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/json' },
		});
		expect(wrongRealm.status).toBe(403);

		await emu.webhooks.idle();
		const mine = receiver.received.find((r) => r.raw.toString('utf8').includes(`"intuitentityid":"${customer.Id}"`));
		expect(mine).toBeDefined();
		const raw = mine?.raw ?? Buffer.alloc(0);
		expect(mine?.headers['intuit-signature']).toBe(createHmac('sha256', 'vt').update(raw).digest('base64'));
		const [event] = JSON.parse(raw.toString('utf8')) as Record<string, unknown>[];
		expect(event).toMatchObject({ type: 'qbo.customer.created.v1', intuitaccountid: emu.realms.ca, intuitentityid: customer.Id });
	});
});
