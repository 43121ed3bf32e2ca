/**
 * Webhook latency in a REAL n8n (npx tsx test/bench/webhook-latency-n8n.ts [--samples=20]): the time from a
 * change in QuickBooks (a customer created through the emulator's public REST API) to n8n starting the
 * workflow of the QuickBooks Sync Webhook Trigger (target: under 1 s on loopback).
 *
 * Per sample, all on the wall clock (Date.now / ISO strings) of ONE machine, so the two processes' clocks agree:
 *   t0        just before the REST create (this process, the client);
 *   post      the delivery log's `at`: when the emulator began the signed CloudEvents POST to n8n;
 *   answered  when the emulator had n8n's answer (its webhooks went idle, in this process) + the logged status;
 *   t1        the n8n execution's `startedAt` whose trigger item has this customer's id.
 * Results: test/bench/results/webhook-latency-n8n.json. Everything started here is stopped at the end,
 * on failure, on Ctrl-C and at the time limit.
 */
import fs from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';

import { startN8n, type N8nInstance } from '../e2e/harness';
import { QboRest } from '../e2e/support-triggers/qbo-rest';
import { HOOK_NODE, webhookWorkflow } from '../e2e/support-triggers/trigger-workflows';
import { nodeOutput } from '../e2e/templates/support/template-env';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';

const N8N_VERSION = '2.41.1';
const VERIFIER = 'bench-webhook-latency';
const SAMPLES = Number(/^--samples=(\d+)$/.exec(process.argv.find((arg) => arg.startsWith('--samples=')) ?? '')?.[1] ?? 20);
/** The whole run (n8n start included) must end inside this. */
const RUN_LIMIT_MS = 5 * 60_000;
/** One sample may take this long before it counts as lost. */
const SAMPLE_LIMIT_MS = 15_000;
const PAUSE_MS = 500;
/** How often the execution list is read while waiting (the figure itself comes from startedAt, not from this). */
const POLL_MS = 150;
const RESULTS = path.join(__dirname, 'results', 'webhook-latency-n8n.json');

interface Sample {
	customerId: string;
	executionId: string;
	/** t1 − t0: change → workflow started. */
	changeToStartMs: number;
	/** Delivery log `at` − t0: change → emulator begins the POST. */
	changeToPostMs: number;
	/** Answer − t0: change → the emulator has n8n's HTTP answer. */
	changeToAnswerMs: number;
	/** Answer − log `at`: how long n8n took to answer the POST. */
	postToAnswerMs: number;
	deliveryStatus: number | 'error';
	deliveryAttempts: number;
	/** QuickBooks API calls n8n made while handling the delivery (the trigger reads the changed object before answering). */
	qboCallsBeforeAnswer: number;
	/** Execution stoppedAt − startedAt (the trigger plus a No Operation node). */
	runMs: number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const load = () => loadavg().map((value) => Number(value.toFixed(2)));

/** median / p95 / max (nearest rank) of a list of milliseconds. */
function summary(values: number[]): { median: number; p95: number; max: number; min: number } {
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
	return { min: sorted[0], median: rank(0.5), p95: rank(0.95), max: sorted[sorted.length - 1] };
}

const show = (s: ReturnType<typeof summary>) => `median ${s.median} ms, p95 ${s.p95} ms, max ${s.max} ms (min ${s.min} ms)`;

/** Waits (bounded) for the execution whose trigger emitted an item for this customer; returns it with data. */
async function executionFor(n8n: N8nInstance, workflowId: string, customerId: string, seen: Set<string>, deadline: number) {
	while (Date.now() < deadline) {
		for (const summaryRow of await n8n.executions({ workflowId, limit: 20 })) {
			const id = String(summaryRow.id);
			if (seen.has(id) || !summaryRow.startedAt) continue;
			const execution = await n8n.execution(id);
			// Only a finished run has the trigger's output in its data; read it again on the next round.
			if (!nodeOutput(execution, HOOK_NODE).length) continue;
			seen.add(id);
			if (nodeOutput(execution, HOOK_NODE).some((item) => String(item.id) === customerId)) return execution;
		}
		await sleep(POLL_MS);
	}
	throw new Error(`no n8n execution for customer ${customerId} within ${SAMPLE_LIMIT_MS} ms`);
}

/** One change → run measurement. */
async function measureOne(qbo: TestEmulator, n8n: N8nInstance, workflowId: string, rest: QboRest, seen: Set<string>, index: number): Promise<Sample> {
	const logBefore = qbo.emulator.webhooks.deliveries().length;
	const requestsBefore = (await qbo.admin<{ requests: number }>('stats')).requests;
	const t0 = Date.now();
	const customer = await rest.create('Customer', { DisplayName: `Latency ${index} ${t0}` });
	// The create notifies synchronously, so the POST is in flight now; idle() settles once n8n has answered.
	await Promise.race([qbo.emulator.webhooks.idle(), sleep(SAMPLE_LIMIT_MS)]);
	const answered = Date.now();
	// Less the create itself.
	const qboCallsBeforeAnswer = (await qbo.admin<{ requests: number }>('stats')).requests - requestsBefore - 1;
	const customerId = String(customer.Id);
	const execution = await executionFor(n8n, workflowId, customerId, seen, t0 + SAMPLE_LIMIT_MS);
	const { deliveries } = await qbo.admin<{ deliveries: Array<{ at: string; status: number | 'error'; body: string; attempt: number }> }>('webhooks/deliveries');
	const mine = deliveries.slice(logBefore).filter((entry) => entry.body.includes(`"intuitentityid":"${customerId}"`));
	if (!mine.length) throw new Error(`the emulator logged no delivery for customer ${customerId}`);
	const first = mine[0];
	const startedAt = Date.parse(execution.startedAt);
	const stoppedAt = execution.stoppedAt ? Date.parse(execution.stoppedAt) : NaN;
	return {
		customerId,
		executionId: String(execution.id),
		changeToStartMs: startedAt - t0,
		changeToPostMs: Date.parse(first.at) - t0,
		changeToAnswerMs: answered - t0,
		postToAnswerMs: answered - Date.parse(first.at),
		deliveryStatus: mine[mine.length - 1].status,
		deliveryAttempts: mine.length,
		qboCallsBeforeAnswer,
		runMs: Number.isNaN(stoppedAt) ? null : stoppedAt - startedAt,
	};
}

async function main(): Promise<void> {
	const loadAtStart = load();
	const startedRun = Date.now();
	let qbo: TestEmulator | undefined;
	let n8n: N8nInstance | undefined;
	let stopping: Promise<void> | undefined;
	const stopAll = () =>
		(stopping ??= (async () => {
			await qbo?.admin('webhooks', { url: null }).catch(() => undefined);
			await n8n?.stop().catch((error) => console.error('stopping n8n:', error));
			await qbo?.stop().catch((error) => console.error('stopping the emulator:', error));
		})());
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => void stopAll().finally(() => process.exit(130)));
	}
	const limit = setTimeout(() => {
		console.error(`time limit of ${RUN_LIMIT_MS / 1000} s reached; stopping everything`);
		void stopAll().finally(() => process.exit(2));
	}, RUN_LIMIT_MS);

	try {
		qbo = await startEmulatorForTests();
		const booting = Date.now();
		n8n = await startN8n({ version: N8N_VERSION });
		const n8nStartMs = Date.now() - booting;
		const realmId = qbo.realms.us;
		const credential = { name: 'QuickBooks (bench)', id: '' };
		credential.id = await n8n.importCredential({
			name: credential.name,
			type: 'quickBooksSyncOAuth2Api',
			data: { ...qbo.credentials(realmId), webhookVerifierToken: VERIFIER },
		});
		const hook = webhookWorkflow(credential, ['Customer'], ['created']);
		const workflowId = await n8n.importWorkflow(hook.workflow);
		await n8n.activate(workflowId);
		await qbo.admin('webhooks', { url: `${n8n.url}/webhook/${hook.webhookId}/webhook`, verifierToken: VERIFIER, format: 'cloudevents', realmIds: [realmId] });
		const rest = new QboRest(qbo, realmId);
		const seen = new Set<string>();

		// Warm-up (reported apart): n8n registers the production webhook shortly after activation answers,
		// and its first run loads code; a delivery that got a 404 is retried by the emulator on Intuit's schedule.
		await sleep(5_000);
		const warmUp = await measureOne(qbo, n8n, workflowId, rest, seen, 0);
		console.log(`warm-up: change → start ${warmUp.changeToStartMs} ms (delivery ${warmUp.deliveryStatus}, ${warmUp.deliveryAttempts} attempt(s))`);

		const samples: Sample[] = [];
		for (let i = 1; i <= SAMPLES; i++) {
			await sleep(PAUSE_MS);
			const sample = await measureOne(qbo, n8n, workflowId, rest, seen, i);
			samples.push(sample);
			console.log(
				`#${i}: change → start ${sample.changeToStartMs} ms; POST at +${sample.changeToPostMs} ms, answered ${sample.deliveryStatus} at +${sample.changeToAnswerMs} ms; QuickBooks calls by n8n ${sample.qboCallsBeforeAnswer}; run ${sample.runMs} ms`,
			);
		}
		const loadAtEnd = load();
		const result = {
			what: 'change in QuickBooks (REST create of a Customer in the emulator) → n8n workflow of the QuickBooks Sync Webhook Trigger started',
			n8nVersion: N8N_VERSION,
			format: 'cloudevents',
			clocks: 'emulator, this client and n8n run on one machine and read the same system clock; t1 is n8n\'s execution startedAt (ms precision)',
			measuredAt: new Date(startedRun).toISOString(),
			machine: { cpus: cpus().length, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadAtEnd },
			n8nStartMs,
			pauseBetweenSamplesMs: PAUSE_MS,
			changeToStart: summary(samples.map((s) => s.changeToStartMs)),
			changeToDeliveryAnswer: summary(samples.map((s) => s.changeToAnswerMs)),
			deliveryPostToAnswer: summary(samples.map((s) => s.postToAnswerMs)),
			changeToDeliveryPost: summary(samples.map((s) => s.changeToPostMs)),
			deliveryStatuses: [...new Set(samples.map((s) => s.deliveryStatus))],
			underTarget: samples.filter((s) => s.changeToStartMs < 1000).length,
			warmUp,
			samples,
		};
		fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
		fs.writeFileSync(RESULTS, `${JSON.stringify(result, null, '\t')}\n`);
		console.log(`\nQuickBooks Sync Webhook Trigger in n8n ${N8N_VERSION}, ${samples.length} samples (one machine, one clock; ${cpus().length} cores)`);
		console.log(`change → workflow started (startedAt):   ${show(result.changeToStart)}  — ${result.underTarget}/${samples.length} under the 1 s target`);
		console.log(`change → n8n answered the delivery:      ${show(result.changeToDeliveryAnswer)} (statuses ${result.deliveryStatuses.join(', ')})`);
		console.log(`delivery POST → n8n's answer:            ${show(result.deliveryPostToAnswer)}`);
		console.log(`load average (1/5/15 min): start ${loadAtStart.join(' ')}, end ${loadAtEnd.join(' ')}`);
		console.log(`results: ${path.relative(process.cwd(), RESULTS)}`);
	} finally {
		clearTimeout(limit);
		await stopAll();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
