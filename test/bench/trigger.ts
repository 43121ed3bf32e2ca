/**
 * Trigger benchmark (npx tsx test/bench/trigger.ts): requests per poll for 1 and for 9 watched
 * entities (target: 1), and the time from a change in the emulator to the webhook trigger's handler
 * producing the item over loopback (target: under 1 s). Prints measured figures only.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject } from 'n8n-workflow';

import { QuickBooksSyncTrigger } from '../../nodes/QuickBooksSyncTrigger/QuickBooksSyncTrigger.node';
import { QuickBooksSyncWebhookTrigger } from '../../nodes/QuickBooksSyncWebhookTrigger/QuickBooksSyncWebhookTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { runPoll, runWebhook, runWebhookMethod, TestCredentials } from '../support/n8n-context';
import { ALL_ENTITIES, createOneOfEach, qboApi } from '../node/trigger/qboApi';

const ROUNDS = 5;
const WEBHOOK_SAMPLES = 30;

async function requests(test: TestEmulator): Promise<number> {
	return (await test.admin<{ requests: number }>('stats')).requests;
}

/** Polls ROUNDS times with one change of every entity between polls; returns requests per poll and events seen. */
async function requestsPerPoll(test: TestEmulator, entities: string[]): Promise<{ perPoll: number[]; events: number; ms: number[] }> {
	const api = qboApi(test);
	const credentials = new TestCredentials(test.credentials());
	const staticData: IDataObject = {};
	const parameters = { entities, events: ['created', 'updated', 'deleted', 'voided', 'emailed'] };
	await runPoll(QuickBooksSyncTrigger, { credentials, parameters, staticData, mode: 'trigger' });
	const perPoll: number[] = [];
	const ms: number[] = [];
	let events = 0;
	for (let round = 0; round < ROUNDS; round++) {
		await createOneOfEach(api, `bench-${entities.length}`);
		const before = await requests(test);
		const started = performance.now();
		const { output } = await runPoll(QuickBooksSyncTrigger, { credentials, parameters, staticData, mode: 'trigger' });
		ms.push(performance.now() - started);
		perPoll.push((await requests(test)) - before);
		events += output?.[0]?.length ?? 0;
	}
	return { perPoll, events, ms };
}

/** A poll after 2,500 changes (CDC cut off at 1,000, then paged queries): requests, events and time. */
async function bulkPoll(test: TestEmulator): Promise<{ requests: number; events: number; ms: number }> {
	const credentials = new TestCredentials(test.credentials());
	const staticData: IDataObject = {};
	const parameters = { entities: ['Customer', 'Invoice'], events: ['created', 'updated'] };
	await runPoll(QuickBooksSyncTrigger, { credentials, parameters, staticData, mode: 'trigger' });
	for (let i = 0; i < 2500; i++) test.emulator.accounting.create(test.realms.us, 'Customer', { DisplayName: `Bulk bench ${Date.now()} ${i}` });
	const before = await requests(test);
	const started = performance.now();
	const { output } = await runPoll(QuickBooksSyncTrigger, { credentials, parameters, staticData, mode: 'trigger' });
	return { requests: (await requests(test)) - before, events: output?.[0]?.length ?? 0, ms: performance.now() - started };
}

/** Change → item latency through the emulator's signed delivery and the trigger's handler. */
async function webhookLatency(test: TestEmulator, format: 'legacy' | 'cloudevents'): Promise<number[]> {
	const token = 'bench-verifier-token';
	const credentials = new TestCredentials(test.credentials(test.realms.us, { webhookVerifierToken: token }));
	const parameters = { entities: ['Customer'], events: ['created'] };
	// As n8n activates the workflow: the trigger's create() prepares its static data before deliveries count.
	const staticData: IDataObject = {};
	await runWebhookMethod(QuickBooksSyncWebhookTrigger, 'create', { credentials, parameters, staticData });
	const waiting = new Map<string, (at: number) => void>();
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks);
			const { result, response } = await runWebhook(QuickBooksSyncWebhookTrigger, {
				credentials,
				parameters,
				staticData,
				mode: 'webhook',
				request: { body: JSON.parse(raw.toString('utf8')), rawBody: raw, headers: req.headers as Record<string, string> },
			});
			const at = performance.now();
			for (const item of result.workflowData?.[0] ?? []) waiting.get(String(item.json.id))?.(at);
			res.writeHead(result.workflowData ? 200 : (response.statusCode ?? 200)).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;
	await test.admin('webhooks', { url, verifierToken: token, format });

	const samples: number[] = [];
	for (let i = 0; i < WEBHOOK_SAMPLES; i++) {
		const started = performance.now();
		// The change is made in the emulator directly, so the clock starts at the change itself.
		const customer = test.emulator.accounting.create(test.realms.us, 'Customer', { DisplayName: `Latency ${format} ${Date.now()} ${i}` });
		const arrived = await new Promise<number>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`no item for customer ${String(customer.Id)} within 10 s`)), 10_000);
			waiting.set(String(customer.Id), (at) => {
				clearTimeout(timer);
				resolve(at);
			});
		});
		samples.push(arrived - started);
	}
	await test.admin('webhooks', { url: null });
	await new Promise((resolve) => server.close(resolve));
	return samples;
}

const stats = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms`;
};

async function main(): Promise<void> {
	const test = await startEmulatorForTests({ limits: false });
	try {
		console.log('QuickBooks Sync triggers — benchmark against the local emulator (loopback)\n');
		for (const entities of [['Invoice'], ALL_ENTITIES]) {
			const { perPoll, events, ms } = await requestsPerPoll(test, entities);
			console.log(
				`Polling, ${entities.length} watched entit${entities.length === 1 ? 'y' : 'ies'}: requests per poll ${perPoll.join(', ')} ` +
					`(max ${Math.max(...perPoll)}; target 1) over ${ROUNDS} polls with changes between them; ${events} events; poll time ${stats(ms)}`,
			);
		}
		const bulk = await bulkPoll(test);
		console.log(`Polling after 2,500 changes: ${bulk.requests} requests (1 CDC cut off at 1,000 + query pages), ${bulk.events} events, ${bulk.ms.toFixed(0)} ms`);
		for (const format of ['legacy', 'cloudevents'] as const) {
			const samples = await webhookLatency(test, format);
			console.log(`Webhook (${format}): change → item produced by the handler, ${samples.length} samples: ${stats(samples)} (target < 1000 ms)`);
		}
	} finally {
		await test.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
