import type { IDataObject } from 'n8n-workflow';

import { qboFindIn, qboQueryAll, qboRequest, QboQuery } from '../../nodes/shared/transport';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { useFastRetries } from '../support/fast-retries';
import { createTransportContext } from '../support/n8n-context';

useFastRetries();
let qbo: TestEmulator;
beforeAll(async () => {
	qbo = await startEmulatorForTests();
});
afterAll(async () => await qbo?.stop());

const NAMES = [
	"Amy's Bird Sanctuary & Co",
	"O'Brien's 'Quoted' Pub",
	'Back\\slash Tools',
	"Trailing backslash\\",
	'Société Générale Montréal',
	'株式会社 日本テスト',
	'Rocket 🚀 Repairs',
	'Percent 100% Ltd',
];

describe('query escaping round-trips through QuickBooks', () => {
	it('creates customers with awkward names, then finds each by exact name and all by IN', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const ids = new Map<string, string>();
		for (const name of NAMES) {
			const created = (await qboRequest.call(context, { method: 'POST', path: '/customer', body: { DisplayName: name } })) as IDataObject;
			const customer = created.Customer as IDataObject;
			expect(customer.DisplayName).toBe(name);
			ids.set(name, String(customer.Id));
		}

		for (const name of NAMES) {
			const found = (await qboQueryAll.call(context, QboQuery.from('Customer').where('DisplayName', '=', name))) as IDataObject[];
			expect(found.map((c) => c.DisplayName)).toEqual([name]);
			expect(found[0].Id).toBe(ids.get(name));
		}

		const all = (await qboFindIn.call(context, 'Customer', 'DisplayName', [...NAMES, NAMES[0], 'Nobody At All'])) as IDataObject[];
		expect(all.map((c) => c.DisplayName).sort()).toEqual([...NAMES].sort());
	});

	it('treats a quote inside a value as data, not as the end of the string', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const found = await qboQueryAll.call(context, QboQuery.from('Customer').where('DisplayName', '=', "x' OR DisplayName LIKE '%"));
		expect(found).toEqual([]);
	});
});
