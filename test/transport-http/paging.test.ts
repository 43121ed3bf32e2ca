import type { IDataObject } from 'n8n-workflow';

import { DEFAULT_IN_CHUNK, qboFindIn, qboQueryAll, QboQuery } from '../../nodes/shared/transport';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { useFastRetries } from '../support/fast-retries';
import { createTransportContext } from '../support/n8n-context';

useFastRetries();
let qbo: TestEmulator;
const PREFIX = 'Paging Customer ';
beforeAll(async () => {
	qbo = await startEmulatorForTests();
	// Seeding is not under test: 2,500 customers straight into the emulated company.
	for (let i = 0; i < 2500; i++) {
		qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: `${PREFIX}${String(i).padStart(4, '0')}` });
	}
});
afterAll(async () => await qbo?.stop());

async function queryRequests(): Promise<Record<string, number>> {
	const stats = await qbo.admin<{ byEndpoint: Record<string, number> }>('stats');
	return { get: stats.byEndpoint['GET /query'] ?? 0, post: stats.byEndpoint['POST /query'] ?? 0 };
}

describe('pagination past 1,000 rows', () => {
	it('reads all 2,500 matching rows in pages of 1,000, each row once', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qbo.admin('stats/reset', {});
		const query = QboQuery.from('Customer').where('DisplayName', 'LIKE', `${PREFIX}%`).orderBy('DisplayName');
		const rows = (await qboQueryAll.call(context, query)) as IDataObject[];
		expect(rows).toHaveLength(2500);
		expect(new Set(rows.map((row) => row.Id)).size).toBe(2500);
		expect(rows[0].DisplayName).toBe(`${PREFIX}0000`);
		expect(rows[2499].DisplayName).toBe(`${PREFIX}2499`);
		expect(await queryRequests()).toEqual({ get: 3, post: 0 });

		const [{ totalCount }] = (await qboQueryAll.call(context, QboQuery.from('Customer').where('DisplayName', 'LIKE', `${PREFIX}%`).count())) as IDataObject[];
		expect(totalCount).toBe(2500);
	});

	it('stops at the limit without reading further pages', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		await qbo.admin('stats/reset', {});
		const rows = (await qboQueryAll.call(context, QboQuery.from('Customer').where('DisplayName', 'LIKE', `${PREFIX}%`), { limit: 1500 })) as IDataObject[];
		expect(rows).toHaveLength(1500);
		expect(await queryRequests()).toEqual({ get: 2, post: 0 });
	});

	it('pages a text query too', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const rows = (await qboQueryAll.call(context, `SELECT * FROM Customer WHERE DisplayName LIKE '${PREFIX}1%'`)) as IDataObject[];
		expect(rows).toHaveLength(1000);
	});
});

describe('qboFindIn', () => {
	it('finds 250 names (with duplicates and misses) with one IN query', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const wanted = Array.from({ length: 250 }, (_, i) => `${PREFIX}${String(i * 7).padStart(4, '0')}`);
		const values = [...wanted, ...wanted.slice(0, 40), 'Not A Customer', 'Another Missing One'];
		await qbo.admin('stats/reset', {});
		const found = (await qboFindIn.call(context, 'Customer', 'DisplayName', values)) as IDataObject[];
		expect(found.map((c) => c.DisplayName).sort()).toEqual([...wanted].sort());
		const requests = await queryRequests();
		expect(requests.get + requests.post).toBe(1);
	});

	it(`finds 2,400 names in IN lists of ${DEFAULT_IN_CHUNK}: one request per list`, async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const wanted = Array.from({ length: 2400 }, (_, i) => `${PREFIX}${String(i).padStart(4, '0')}`);
		await qbo.admin('stats/reset', {});
		const found = (await qboFindIn.call(context, 'Customer', 'DisplayName', wanted)) as IDataObject[];
		expect(new Set(found.map((c) => c.DisplayName))).toEqual(new Set(wanted));
		expect(found).toHaveLength(2400);
		const requests = await queryRequests();
		expect(requests.get + requests.post).toBe(Math.ceil(2400 / DEFAULT_IN_CHUNK));
	});

	it('sends a query too long for a URL by POST (application/text), with extra conditions', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const wanted = Array.from({ length: 150 }, (_, i) => `${PREFIX}${String(i).padStart(4, '0')}`);
		await qbo.admin('stats/reset', {});
		const found = (await qboFindIn.call(context, 'Customer', 'DisplayName', wanted, { chunkSize: 150, where: [['Active', '=', true]] })) as IDataObject[];
		expect(found).toHaveLength(150);
		expect(await queryRequests()).toEqual({ get: 0, post: 1 });
	});
});
