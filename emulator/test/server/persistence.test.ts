import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newCustomer, request, startTestEmulator } from './http-helpers';

describe('dataFile: state survives a restart', () => {
	const dir = mkdtempSync(join(tmpdir(), 'qbo-emulator-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	test('customers and tokens written before stop are there after start', async () => {
		const dataFile = join(dir, 'state.json');
		const first = await startTestEmulator({ limits: false, dataFile });
		const customer = newCustomer('Persisted');
		let id: string;
		try {
			const created = await first.api('POST', '/customer', { json: customer });
			id = created.json.Customer.Id;
		} finally {
			await first.emu.stop();
		}
		expect(JSON.parse(readFileSync(dataFile, 'utf8')).version).toBe(1);

		const second = await startTestEmulator({ limits: false, dataFile });
		try {
			const read = await second.api('GET', `/customer/${id}`);
			expect(read.status).toBe(200);
			expect(read.json.Customer.DisplayName).toBe(customer.DisplayName);
			// The first run's token still works: OAuth state is persisted too.
			const withOldToken = await request(`${second.emu.url}/v3/company/${second.emu.realms.us}/customer/${id}`, {
				headers: { Accept: 'application/json', Authorization: `Bearer ${first.usToken}` },
			});
			expect(withOldToken.status).toBe(200);
		} finally {
			await second.emu.stop();
		}
	});

	test('changes are saved shortly after they happen, without a stop', async () => {
		const dataFile = join(dir, 'live.json');
		const running = await startTestEmulator({ limits: false, dataFile });
		try {
			const customer = newCustomer('Saved live');
			await running.api('POST', '/customer', { json: customer });
			let saved = false;
			for (let attempt = 0; attempt < 200 && !saved; attempt++) {
				await new Promise((resolve) => setTimeout(resolve, 50));
				try {
					saved = readFileSync(dataFile, 'utf8').includes(customer.DisplayName);
				} catch {
					saved = false;
				}
			}
			expect(saved).toBe(true);
		} finally {
			await running.emu.stop();
		}
	});
});
