/**
 * Where a real n8n spends its CPU on the invoice job: starts n8n with `--cpu-prof` (and its task runners,
 * which inherit NODE_OPTIONS), runs the bench's invoice workflow (a) once over N work orders, stops n8n
 * so that V8 writes the profile, and prints the CPU by package (self time) plus the heaviest frames.
 *
 *   npx tsx test/bench/n8n-profile.ts [--orders=2000] [--simplified] [--out=/tmp/n8n-prof]
 *
 * Not the bench: no host redirect (the credential points at the emulator), Intuit's limits on, one run.
 * The job is the bench's 10,000-invoice job scaled down (customers N/5, half new; items N/20; 3 lines),
 * so that the node's pacing at Intuit's 40 batch calls a minute lets it finish in a few minutes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startEmulator } from '../../emulator/src';
import { ensurePackageBuilt, NODE_TYPE_PREFIX, N8N_VERSIONS, startN8n } from '../e2e/harness';
import { connectedQuickBooksCredential } from '../e2e/harness/quickbooks-credential';
import { invoiceJobData } from './jobs/data';
import { verifyInvoices, workflowA } from './jobs/invoices';
import { seedCustomers, seedItems } from './jobs/qbo-state';
import { runWebhookWorkflow } from './n8n/run-webhook';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const ORDERS = Number(arg('orders') ?? 2000);
const OUT = path.resolve(arg('out') ?? '/tmp/n8n-prof');
const SIMPLIFIED = process.argv.includes('--simplified');

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number };
	children?: number[];
}

/** Where a profile frame's code lives: this package, a package under node_modules, or Node itself. */
function packageOf(url: string, functionName: string): string {
	if (url.includes(REPO_DIST)) return 'this package';
	if (!url.includes('node_modules/')) return url || functionName;
	const parts = url.split('node_modules/').pop()!.split('/');
	return parts.slice(0, parts[0].startsWith('@') ? 2 : 1).join('/');
}

const REPO_DIST = path.resolve(__dirname, '../../dist');

/**
 * Self time by package and by frame, over the span this package's code ran in (first to last sample with
 * one of its frames on the stack, plus 10 s for n8n to finish and save the execution), so n8n's start-up
 * does not count; idle samples left out.
 */
function summarise(file: string): string {
	const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parent = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
	const ours = new Map<number, boolean>();
	const runsOurs = (id: number): boolean => {
		if (ours.has(id)) return ours.get(id)!;
		const node = byId.get(id)!;
		const result = node.callFrame.url.includes(REPO_DIST) || (parent.has(id) && runsOurs(parent.get(id)!));
		ours.set(id, result);
		return result;
	};
	const times: number[] = [];
	let t = profile.startTime;
	for (const delta of profile.timeDeltas) times.push((t += delta));
	const ourTimes = profile.samples.flatMap((sample, i) => (runsOurs(sample) ? [times[i]] : []));
	if (ourTimes.length === 0) return 'this package never ran in this process';
	const from = ourTimes[0];
	const to = ourTimes[ourTimes.length - 1] + 10e6;
	const byPackage = new Map<string, number>();
	const byFrame = new Map<string, number>();
	let busy = 0;
	profile.samples.forEach((sample, i) => {
		if (times[i] < from || times[i] > to) return;
		const frame = byId.get(sample)!.callFrame;
		if (frame.functionName === '(idle)' || frame.functionName === '(program)') return;
		const us = profile.timeDeltas[i] ?? 0;
		busy += us;
		const pkg = packageOf(frame.url, frame.functionName);
		byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
		const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('node_modules/').pop()!.replace(REPO_DIST, 'dist')}:${frame.lineNumber}`;
		byFrame.set(key, (byFrame.get(key) ?? 0) + us);
	});
	const top = (map: Map<string, number>, n: number) =>
		[...map]
			.sort((a, b) => b[1] - a[1])
			.slice(0, n)
			.map(([key, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`)
			.join('\n');
	return `span ${((to - from) / 1e6).toFixed(1)} s, CPU busy ${(busy / 1000).toFixed(0)} ms\n by package (self):\n${top(byPackage, 25)}\n heaviest frames (self):\n${top(byFrame, 30)}`;
}

async function main(): Promise<void> {
	fs.rmSync(OUT, { recursive: true, force: true });
	fs.mkdirSync(OUT, { recursive: true });
	ensurePackageBuilt((line) => process.stderr.write(`${line}\n`));
	const sizes = { orders: ORDERS, customers: ORDERS / 5, existingCustomers: ORDERS / 10, items: ORDERS / 20, linesPerOrder: 3 };
	const data = invoiceJobData(undefined, sizes);
	const emulator = await startEmulator({ quiet: true });
	const realmId = emulator.realms.us;
	seedItems(emulator, realmId, data.items);
	seedCustomers(emulator, realmId, data.existingCustomers);
	const n8n = await startN8n({
		version: N8N_VERSIONS.current,
		env: { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${OUT}`, N8N_LOG_LEVEL: 'warn' },
	});
	try {
		const sync = await n8n.importCredential(
			connectedQuickBooksCredential({
				emulatorUrl: emulator.url,
				clientId: emulator.demoClient.clientId,
				clientSecret: emulator.demoClient.clientSecret,
				realmId,
				tokens: emulator.issueTokens(realmId),
			}),
		);
		const pathName = `profile-${Date.now()}`;
		const wf = workflowA({ nodeTypes: { sync: `${NODE_TYPE_PREFIX}.quickBooksSync` } as never, credentials: { sync } as never }, pathName, 3, { simplify: SIMPLIFIED });
		const workflowId = await n8n.importWorkflow(wf);
		await n8n.activate(workflowId);
		const run = await runWebhookWorkflow(n8n, workflowId, pathName, { workOrders: data.workOrders }, Date.now() + 20 * 60_000);
		const check = verifyInvoices(emulator, realmId, data.workOrders);
		process.stdout.write(`${ORDERS} orders, output ${SIMPLIFIED ? 'simplified' : 'full'}: ${JSON.stringify({ run, check, requests: emulator.stats().requests })}\n`);
	} finally {
		await n8n.stop();
		await emulator.stop();
	}
	for (const file of fs.readdirSync(OUT).filter((name) => name.endsWith('.cpuprofile'))) {
		process.stdout.write(`── ${file}\n${summarise(path.join(OUT, file))}\n`);
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
