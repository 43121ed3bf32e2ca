import { connect } from 'node:net';
import { request, startTestEmulator, type TestEmulator } from './http-helpers';

jest.setTimeout(60_000);

let t: TestEmulator;
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
});
afterAll(() => t.emu.stop());

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
		return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
	};
}

/** Sends raw bytes on a new TCP connection and collects whatever comes back. */
function raw(bytes: string | Buffer): Promise<string> {
	return new Promise((resolve) => {
		const socket = connect(t.emu.port, '127.0.0.1');
		const chunks: Buffer[] = [];
		socket.on('data', (chunk) => chunks.push(chunk));
		socket.on('error', () => resolve(Buffer.concat(chunks).toString('latin1')));
		socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
		socket.setTimeout(2_000, () => socket.destroy());
		socket.end(bytes);
	});
}

async function stillServing(): Promise<void> {
	const res = await t.api('GET', `/companyinfo/${t.emu.realms.us}`);
	expect(res.status).toBe(200);
}

/** Every answer that is not a success must be a QuickBooks Fault. */
function expectWellFormed(res: { status: number; json: any; text: string }): void {
	if (res.status === 200) return;
	expect(res.json?.Fault?.Error?.[0]?.code).toEqual(expect.any(String));
}

describe('malformed input never crashes the server', () => {
	test('garbage on the socket, broken request lines and bad percent-encoding', async () => {
		for (const bytes of ['\x00\x01\x02garbage\r\n\r\n', 'GET\r\n\r\n', 'POST /v3/company/1/customer HTTP/1.1\r\nContent-Length: -5\r\n\r\n', `GET /${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n`]) {
			await raw(bytes);
		}
		const badPercent = await raw(`GET /v3/company/${t.emu.realms.us}/customer/%E0%A4%A HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${t.usToken}\r\nConnection: close\r\n\r\n`);
		expect(badPercent).toMatch(/^HTTP\/1\.1 400/);
		await stillServing();
	});

	test('a client that disconnects in the middle of a body', async () => {
		await raw(`POST /v3/company/${t.emu.realms.us}/customer HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\nAuthorization: Bearer ${t.usToken}\r\n\r\n{"Display`);
		await stillServing();
	});

	test('odd JSON shapes on every write route are answered with faults', async () => {
		const bodies = ['null', '"text"', '12', 'true', '{}', '{"__proto__":{"polluted":1}}', '{"DisplayName":{"$gt":""}}', '{"Line":"nope","CustomerRef":7}', `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, '{"Id":{},"SyncToken":[]}', '{"BatchItemRequest":"x"}', '{"BatchItemRequest":[null,1,"x"]}'];
		const routes = ['/customer', '/invoice', '/payment', '/estimate', '/salesreceipt', '/item', '/batch', '/customer?operation=delete', '/invoice?operation=void', '/payment?operation=update&include=void'];
		let fiveHundreds = 0;
		for (const route of routes) {
			for (const body of bodies) {
				const res = await t.api('POST', route, { body, headers: { 'Content-Type': 'application/json' } });
				expectWellFormed(res);
				if (res.status >= 500) fiveHundreds++;
			}
		}
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(fiveHundreds).toBe(0);
		await stillServing();
	});

	test('random bytes and random paths (seeded) get answers, and the server keeps serving', async () => {
		const next = random(20261122);
		const paths = ['/customer', '/customer/1', '/query', '/batch', '/cdc', '/invoice/1/send', '/invoice/1/pdf', '/%FF', '/preferences', '/companyinfo/x'];
		for (let i = 0; i < 150; i++) {
			const length = Math.floor(next() * 300);
			const body = Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
			const path = paths[Math.floor(next() * paths.length)];
			const method = next() < 0.5 ? 'POST' : 'GET';
			const contentType = ['application/json', 'application/text', 'text/plain', 'application/octet-stream'][Math.floor(next() * 4)];
			const res = await t.api(method, `${path}?minorversion=${next() < 0.8 ? 75 : 'x'}&query=${encodeURIComponent(body.toString('latin1').slice(0, 50))}`, {
				body: method === 'POST' ? body : undefined,
				headers: { 'Content-Type': contentType },
			});
			expect(res.status).toBeGreaterThanOrEqual(200);
			expectWellFormed(res);
		}
		await stillServing();
		// Random paths do not grow the statistics: only known endpoint kinds become keys.
		expect(Object.keys(t.emu.stats().byEndpoint).length).toBeLessThan(40);
	});

	test('non-API paths: a plain 404 fault, OAuth paths still answered', async () => {
		const res = await request(`${t.emu.url}/favicon.ico`);
		expect(res.status).toBe(404);
		const discovery = await request(`${t.emu.url}/.well-known/openid-configuration`);
		expect(discovery.status).toBe(200);
	});
});
