/**
 * The triggers read their "what to watch" parameters through typed getters (nodes/shared/parameterValues.ts,
 * shared/triggers/parameters.ts): an expression that gives the wrong kind fails naming the parameter, instead
 * of travelling on as a list it is not.
 */
import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSyncTrigger } from '../../../nodes/QuickBooksSyncTrigger/QuickBooksSyncTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runPoll, TestCredentials } from '../../support/n8n-context';

jest.setTimeout(60_000);

let qbo: TestEmulator;
beforeAll(async () => (qbo = await startEmulatorForTests({ limits: false })));
afterAll(async () => await qbo.stop());

async function poll(parameters: IDataObject) {
	const credentials = new TestCredentials(qbo.credentials());
	const { output } = await runPoll(QuickBooksSyncTrigger, { credentials, parameters: parameters as never, staticData: {}, mode: 'manual' });
	return (output?.[0] ?? []).map((item) => item.json as IDataObject);
}

describe('trigger parameters, typed', () => {
	it('lists from expressions are read as lists', async () => {
		const events = await poll({ entities: '={{ ["Customer"] }}', events: '={{ ["created", "updated"] }}' });
		expect(events.map((event) => event.entity)).toEqual(['Customer']);
	});

	it('an expression giving something other than a list fails naming the parameter', async () => {
		for (const [entities, got] of [['={{ 7 }}', 'the number 7'], ['={{ { Invoice: true } }}', 'an object']]) {
			await expect(poll({ entities, events: ['created'] })).rejects.toThrow(`Must be a list of texts, not ${got} [parameter: entities]`);
		}
	});
});
