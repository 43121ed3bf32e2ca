import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { faultCodes, newCustomer, request, startTestEmulator, type TestEmulator } from './http-helpers';

let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());

describe('/__admin/', () => {
	test('stats count requests by endpoint kind and status, writes by entity; admin calls are not counted', async () => {
		await t.admin('POST', 'stats/reset');
		await t.api('POST', '/customer', { json: newCustomer('Stats') });
		await t.api('GET', `/query?query=${encodeURIComponent('select * from Customer maxresults 1')}`);
		await t.api('GET', '/customer/999999');
		await t.api('POST', '/batch', { json: { BatchItemRequest: [{ bId: '1', operation: 'create', Customer: newCustomer('Stats batch') }] } });
		await t.api('GET', `/cdc?entities=Customer&changedSince=${encodeURIComponent(t.emu.clock.nowIso())}`);
		await t.admin('GET', 'health');
		const stats = (await t.admin('GET', 'stats')).json;
		expect(stats.requests).toBe(5);
		expect(stats.byEndpoint).toEqual({ 'POST /customer': 1, 'GET /query': 1, 'GET /customer/{id}': 1, 'POST /batch': 1, 'GET /cdc': 1 });
		expect(stats.byStatus['200']).toBe(4);
		expect(stats.byStatus['400']).toBe(1);
		expect(stats.writesByEntity).toEqual({ Customer: 2 });
		await t.admin('POST', 'stats/reset');
		expect((await t.admin('GET', 'stats')).json.requests).toBe(0);
	});

	test('tokens: a fresh pair for a realm that the API accepts', async () => {
		const tokens = await t.admin('POST', 'tokens', { realmId: t.emu.realms.ca });
		expect(tokens.status).toBe(200);
		expect(tokens.json.access_token).toBeTruthy();
		expect(tokens.json.refresh_token).toBeTruthy();
		const res = await t.api('GET', `/companyinfo/${t.emu.realms.ca}`, { realmId: t.emu.realms.ca, token: tokens.json.access_token });
		expect(res.status).toBe(200);
		expect((await t.admin('POST', 'tokens', { realmId: 'nope' })).status).toBe(400);
	});

	test('clock/advance moves emulated time: an access token expires after an hour', async () => {
		const own = await startTestEmulator({ limits: false });
		try {
			const before = own.emu.clock.now();
			const res = await own.admin('POST', 'clock/advance', { ms: 3_601_000 });
			expect(Date.parse(res.json.now)).toBeGreaterThanOrEqual(before + 3_601_000);
			const expired = await own.api('GET', `/companyinfo/${own.emu.realms.us}`);
			expect(expired.status).toBe(401);
			expect(faultCodes(expired.json)).toEqual(['3200']);
		} finally {
			await own.emu.stop();
		}
	});

	test('state: the accounting snapshot, whole or for one realm', async () => {
		const customer = (await t.api('POST', '/customer', { json: newCustomer('State') })).json.Customer;
		const state = await t.admin('GET', `state?realmId=${t.emu.realms.us}`);
		expect(state.status).toBe(200);
		expect(state.json.realmId).toBe(t.emu.realms.us);
		expect(JSON.stringify(state.json)).toContain(customer.DisplayName);
		expect((await t.admin('GET', 'state')).json.realms).toHaveLength(2);
	});

	test('reset: back to the seeded companies, tokens kept', async () => {
		const own = await startTestEmulator({ limits: false });
		try {
			const customer = (await own.api('POST', '/customer', { json: newCustomer('Reset') })).json.Customer;
			expect((await own.admin('POST', 'reset')).status).toBe(200);
			const gone = await own.api('GET', `/customer/${customer.Id}`);
			expect(gone.status).toBe(400);
			expect(faultCodes(gone.json)).toEqual(['610']);
		} finally {
			await own.emu.stop();
		}
	});

	test('faults: fail answers the status asked for, then requests pass again', async () => {
		await t.admin('POST', 'faults', { count: 1, mode: 'fail', status: 503, match: { method: 'GET', pathIncludes: '/companyinfo/' } });
		await t.admin('POST', 'faults', { count: 1, mode: 'fail', status: 500, match: { pathIncludes: '/companyinfo/' } });
		await t.admin('POST', 'faults', { count: 1, mode: 'fail', status: 429, match: { pathIncludes: '/companyinfo/' } });
		const path = `/companyinfo/${t.emu.realms.us}`;
		// A POST does not match the first rule.
		expect((await t.admin('GET', 'faults')).json.faults).toHaveLength(3);
		const unavailable = await t.api('GET', path);
		expect(unavailable.status).toBe(503);
		expect(unavailable.headers['content-type']).toMatch(/text\/html/);
		const systemFault = await t.api('GET', path);
		expect(systemFault.status).toBe(500);
		expect(faultCodes(systemFault.json)).toEqual(['10000']);
		const throttled = await t.api('GET', path);
		expect(throttled.status).toBe(429);
		expect(faultCodes(throttled.json)).toEqual(['3001']);
		expect((await t.api('GET', path)).status).toBe(200);
		expect((await t.admin('POST', 'faults', { mode: 'explode' })).status).toBe(400);
	});

	test('faults apply to the OAuth token endpoint too', async () => {
		await t.admin('POST', 'faults', { count: 1, mode: 'fail', status: 502, match: { pathIncludes: '/oauth2/v1/tokens' } });
		const res = await request(`${t.emu.url}/oauth2/v1/tokens/bearer`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'grant_type=refresh_token&refresh_token=x' });
		expect(res.status).toBe(502);
		expect(t.emu.stats().byEndpoint['POST /oauth2/v1/tokens/bearer']).toBeGreaterThanOrEqual(1);
	});

	test('config: token lifetimes reach the OAuth part', async () => {
		const own = await startTestEmulator({ limits: false });
		try {
			await own.admin('POST', 'config', { accessTokenTtlSec: 60 });
			const tokens = (await own.admin('POST', 'tokens', { realmId: own.emu.realms.us })).json;
			expect(tokens.expires_in).toBe(60);
			await own.admin('POST', 'clock/advance', { ms: 61_000 });
			expect((await own.api('GET', `/companyinfo/${own.emu.realms.us}`, { token: tokens.access_token })).status).toBe(401);
		} finally {
			await own.emu.stop();
		}
	});

	test('webhooks: configure a receiver, writes are delivered signed, deliveries are listed', async () => {
		const received: { body: string; signature: string }[] = [];
		const receiver: Server = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk) => chunks.push(chunk));
			req.on('end', () => {
				received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['intuit-signature']) });
				res.writeHead(200).end();
			});
		});
		await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
		try {
			const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
			const configured = await t.admin('POST', 'webhooks', { url, verifierToken: 'verifier-123', format: 'legacy' });
			expect(configured.json.config).toMatchObject({ url, format: 'legacy' });
			const customer = (await t.api('POST', '/customer', { json: newCustomer('Webhook') })).json.Customer;
			await t.emu.webhooks.idle();
			const delivery = received.find((r) => r.body.includes(`"id":"${customer.Id}"`));
			expect(delivery).toBeDefined();
			const expected = createHmac('sha256', 'verifier-123').update(delivery!.body).digest('base64');
			expect(delivery!.signature).toBe(expected);
			expect(JSON.parse(delivery!.body).eventNotifications[0]).toMatchObject({ realmId: t.emu.realms.us });
			const deliveries = (await t.admin('GET', 'webhooks/deliveries')).json.deliveries;
			expect(deliveries.length).toBeGreaterThanOrEqual(1);
			expect(deliveries.some((d: any) => d.status === 200)).toBe(true);
			await t.admin('POST', 'webhooks', { url: null });
			expect((await t.admin('GET', 'webhooks')).json.config).toBeNull();
		} finally {
			await new Promise((resolve) => receiver.close(resolve));
		}
	});

	test('unknown admin routes and bad bodies are answered, not crashed on', async () => {
		expect((await t.admin('GET', 'nope')).status).toBe(404);
		const bad = await request(`${t.emu.url}/__admin/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
		expect(bad.status).toBe(400);
		expect((await t.admin('POST', 'clock/advance', { ms: 'soon' })).status).toBe(400);
	});
});
