import { faultCodes, startTestEmulator, type TestEmulator } from './http-helpers';

jest.setTimeout(60_000);

const THROTTLE_ERROR = {
	Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429',
	Detail: 'The request limit was reached.',
	code: '3001',
};

/** A cheap authenticated read. */
function ping(t: TestEmulator, options: { timeoutMs?: number } = {}) {
	return t.api('GET', `/companyinfo/${t.emu.realms.us}`, options);
}

/** Sends `total` reads over `lanes` parallel connections; returns the statuses. */
async function burst(t: TestEmulator, total: number, lanes: number): Promise<number[]> {
	const statuses: number[] = [];
	let next = 0;
	await Promise.all(
		Array.from({ length: lanes }, async () => {
			while (next < total) {
				next++;
				statuses.push((await ping(t)).status);
			}
		}),
	);
	return statuses;
}

describe("Intuit's throttles, on emulated time", () => {
	test('500 requests per minute: the 501st is a 429 ThrottleExceeded; a minute later requests pass again', async () => {
		const t = await startTestEmulator({ limits: { requestsPerSecond: 1_000_000 } });
		try {
			const statuses = await burst(t, 500, 5);
			expect(statuses.filter((status) => status === 200)).toHaveLength(500);
			const refused = await ping(t);
			expect(refused.status).toBe(429);
			expect(refused.json.Fault.Error).toEqual([THROTTLE_ERROR]);
			expect(refused.headers['retry-after']).toBeUndefined();
			// Other companies have their own budget.
			expect((await t.api('GET', `/companyinfo/${t.emu.realms.ca}`, { realmId: t.emu.realms.ca })).status).toBe(200);
			await t.admin('POST', 'clock/advance', { ms: 60_000 });
			expect((await ping(t)).status).toBe(200);
			expect(t.emu.stats().throttled).toBe(1);
		} finally {
			await t.emu.stop();
		}
	});

	test('with timeScale 5 an emulated minute passes in 12 real seconds and the budget comes back by itself', async () => {
		const t = await startTestEmulator({ timeScale: 5, limits: { requestsPerSecond: 1_000_000 } });
		try {
			const started = Date.now();
			const statuses = await burst(t, 500, 8);
			// The burst must fit in one emulated minute for the 501st to be refused.
			expect(Date.now() - started).toBeLessThan(12_000);
			expect(statuses.every((status) => status === 200)).toBe(true);
			expect((await ping(t)).status).toBe(429);
			let status = 429;
			for (let attempt = 0; attempt < 80 && status === 429; attempt++) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				status = (await ping(t)).status;
			}
			expect(status).toBe(200);
			expect(Date.now() - started).toBeGreaterThan(2_000);
		} finally {
			await t.emu.stop();
		}
	});

	test('10 requests per second: the 11th within the same second is refused', async () => {
		// timeScale 0.1: an emulated second lasts ten real ones, so a busy machine cannot spread the 11 over two.
		const t = await startTestEmulator({ timeScale: 0.1 });
		try {
			const statuses: number[] = [];
			for (let i = 0; i < 11; i++) statuses.push((await ping(t)).status);
			expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
			expect(statuses[10]).toBe(429);
			await t.admin('POST', 'clock/advance', { ms: 1_000 });
			expect((await ping(t)).status).toBe(200);
		} finally {
			await t.emu.stop();
		}
	});

	test('10 in flight: of 11 concurrent slow requests exactly one is refused', async () => {
		const t = await startTestEmulator({ limits: { requestsPerSecond: 1_000 } });
		try {
			await t.admin('POST', 'faults', { count: 11, mode: 'delay', delayMs: 2_000 });
			const statuses = await Promise.all(Array.from({ length: 11 }, () => ping(t)));
			expect(statuses.map((res) => res.status).sort()).toEqual([...Array(10).fill(200), 429]);
			expect(faultCodes(statuses.find((res) => res.status === 429)?.json)).toEqual(['3001']);
		} finally {
			await t.emu.stop();
		}
	});

	test('hung requests abandoned by the client give their slot back', async () => {
		const t = await startTestEmulator({ limits: { requestsPerSecond: 1_000 } });
		try {
			await t.admin('POST', 'faults', { count: 10, mode: 'hang' });
			const hung = await Promise.allSettled(Array.from({ length: 10 }, () => ping(t, { timeoutMs: 300 })));
			expect(hung.every((result) => result.status === 'rejected')).toBe(true);
			let status = 0;
			for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
				status = (await ping(t)).status;
				if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
			}
			expect(status).toBe(200);
		} finally {
			await t.emu.stop();
		}
	});

	test('40 batch requests per minute; a batch counts once toward the 500', async () => {
		const t = await startTestEmulator({ limits: { requestsPerSecond: 1_000 } });
		try {
			const batch = { BatchItemRequest: [{ bId: '1', Query: 'select * from CompanyInfo' }] };
			for (let i = 0; i < 40; i++) expect((await t.api('POST', '/batch', { json: batch })).status).toBe(200);
			const refused = await t.api('POST', '/batch', { json: batch });
			expect(refused.status).toBe(429);
			expect(faultCodes(refused.json)).toEqual(['3001']);
			expect((await ping(t)).status).toBe(200);
		} finally {
			await t.emu.stop();
		}
	});

	test('a batch of 30 items uses one request of the per-minute budget, not 30', async () => {
		const t = await startTestEmulator({ limits: { requestsPerMinute: 5, requestsPerSecond: 1_000 } });
		try {
			const batch = { BatchItemRequest: Array.from({ length: 30 }, (_, i) => ({ bId: String(i), Query: 'select * from CompanyInfo' })) };
			for (let i = 0; i < 5; i++) expect((await t.api('POST', '/batch', { json: batch })).status).toBe(200);
			expect((await t.api('POST', '/batch', { json: batch })).status).toBe(429);
		} finally {
			await t.emu.stop();
		}
	});

	test('Retry-After is sent only when configured', async () => {
		const t = await startTestEmulator({ timeScale: 0.1, limits: { requestsPerSecond: 1 }, retryAfter: true });
		try {
			await ping(t);
			const refused = await ping(t);
			expect(refused.status).toBe(429);
			expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
		} finally {
			await t.emu.stop();
		}
	});

	test('limits: false turns throttling off; POST /__admin/config turns it back on', async () => {
		const t = await startTestEmulator({ timeScale: 0.1, limits: false });
		try {
			await t.admin('POST', 'faults', { count: 12, mode: 'delay', delayMs: 20 });
			const concurrent = await Promise.all(Array.from({ length: 12 }, () => ping(t)));
			expect(concurrent.every((res) => res.status === 200)).toBe(true);
			const statuses = await burst(t, 40, 4);
			expect(statuses.every((status) => status === 200)).toBe(true);
			const config = await t.admin('POST', 'config', { limits: { requestsPerSecond: 2 } });
			expect(config.json.limits).toMatchObject({ requestsPerSecond: 2, requestsPerMinute: 500 });
			await ping(t);
			await ping(t);
			expect((await ping(t)).status).toBe(429);
		} finally {
			await t.emu.stop();
		}
	});

	test('a request still unanswered after 120 emulated seconds is cut with a 504', async () => {
		const t = await startTestEmulator({ timeScale: 1_000, limits: false });
		try {
			await t.admin('POST', 'faults', { count: 1, mode: 'hang' });
			const started = Date.now();
			const res = await ping(t);
			expect(res.status).toBe(504);
			expect(res.json.Fault.type).toBe('SystemFault');
			expect(Date.now() - started).toBeGreaterThanOrEqual(100);
			expect(Date.now() - started).toBeLessThan(5_000);
		} finally {
			await t.emu.stop();
		}
	});
});
