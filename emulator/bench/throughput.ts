/**
 * Throughput of the emulator on loopback: `npx tsx emulator/bench/throughput.ts [--seconds 3] [--clients 1,8,32]`.
 * Limits are off. The load runs in a worker thread (its own core), the emulator in the main thread,
 * so the figures are the server's, not the client's. A bare node:http server answering "{}" is
 * measured the same way first, as the ceiling this machine allows.
 */
import { createServer } from 'node:http';
import * as os from 'node:os';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { startEmulator } from '../src/index';

interface Load {
	url: string;
	method: 'GET' | 'POST';
	headers: Record<string, string>;
	/** For POST: the body, with {n} replaced by a unique number. */
	bodyTemplate?: string;
	clients: number;
	durationMs: number;
}

interface LoadResult {
	requests: number;
	errors: number;
	statuses: Record<string, number>;
	p50: number;
	p99: number;
	seconds: number;
}

// Plain JavaScript so the worker needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const load = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: load.clients });
let counter = 0;
function once() {
	return new Promise((resolve) => {
		const body = load.bodyTemplate ? load.bodyTemplate.replace('{n}', String(++counter)) : undefined;
		const started = process.hrtime.bigint();
		const req = request(load.url, { method: load.method, headers: load.headers, agent }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
		});
		req.on('error', () => resolve({ status: 'error', ms: 0 }));
		req.end(body);
	});
}
(async () => {
	const latencies = [];
	const statuses = {};
	let errors = 0;
	const started = Date.now();
	const until = started + load.durationMs;
	await Promise.all(Array.from({ length: load.clients }, async () => {
		while (Date.now() < until) {
			const r = await once();
			statuses[r.status] = (statuses[r.status] || 0) + 1;
			if (r.status === 'error') errors++; else latencies.push(r.ms);
		}
	}));
	latencies.sort((a, b) => a - b);
	const pick = (q) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] : 0;
	agent.destroy();
	parentPort.postMessage({ requests: latencies.length + errors, errors, statuses, p50: pick(0.5), p99: pick(0.99), seconds: (Date.now() - started) / 1000 });
})();
`;

/** Runs one load; `serverBusyMs` is how long the main thread (the server) was busy meanwhile. */
async function runLoad(load: Load): Promise<LoadResult & { serverBusyMs: number }> {
	const before = performance.eventLoopUtilization();
	const result = await new Promise<LoadResult>((resolve, reject) => {
		const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: load });
		worker.once('message', resolve);
		worker.once('error', reject);
	});
	const busy = performance.eventLoopUtilization(before);
	return { ...result, serverBusyMs: busy.active };
}

function line(label: string, clients: number, result: LoadResult & { serverBusyMs: number }): string {
	const rps = Math.round(result.requests / result.seconds);
	const bad = Object.entries(result.statuses).filter(([status]) => status !== '200');
	// Server thread busy time per request: less sensitive to a loaded machine than req/s.
	const busyUs = result.requests ? Math.round((result.serverBusyMs * 1000) / result.requests) : 0;
	return `${label.padEnd(28)} clients=${String(clients).padStart(3)}  ${String(rps).padStart(6)} req/s  p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms  server ${String(busyUs).padStart(4)} µs/req${bad.length ? `  non-200: ${JSON.stringify(Object.fromEntries(bad))}` : ''}`;
}

async function main(): Promise<void> {
	const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, clients: { type: 'string', default: '1,8,32' } } });
	const durationMs = Number(values.seconds) * 1000;
	const clientCounts = values.clients.split(',').map(Number);

	const bare = createServer((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 2 });
		res.end('{}');
	});
	await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
	const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;

	const emulator = await startEmulator({ limits: false, quiet: true });
	const realmId = emulator.realms.us;
	const token = emulator.issueTokens(realmId).access_token;
	const base = `${emulator.url}/v3/company/${realmId}`;
	const headers = { Accept: 'application/json', Authorization: `Bearer ${token}` };
	const customer = emulator.accounting.create(realmId, 'Customer', { DisplayName: 'Bench reader' });

	console.log(`node ${process.version}, ${durationMs / 1000} s per run, limits off, load in a worker thread, load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs\n`);
	for (const clients of clientCounts) {
		console.log(line('bare node:http "{}"', clients, await runLoad({ url: bareUrl, method: 'GET', headers: {}, clients, durationMs })));
		console.log(line('GET /customer/{id}', clients, await runLoad({ url: `${base}/customer/${customer.Id}?minorversion=75`, method: 'GET', headers, clients, durationMs })));
		console.log(line('GET /query (1 customer)', clients, await runLoad({ url: `${base}/query?query=${encodeURIComponent(`select * from Customer where Id = '${customer.Id}'`)}`, method: 'GET', headers, clients, durationMs })));
		console.log(line('POST /customer (create)', clients, await runLoad({
			url: `${base}/customer?minorversion=75`,
			method: 'POST',
			headers: { ...headers, 'Content-Type': 'application/json' },
			bodyTemplate: JSON.stringify({ DisplayName: `Bench ${clients}-${Date.now()}-{n}` }),
			clients,
			durationMs,
		})));
		console.log('');
	}
	const stats = emulator.stats();
	console.log(`emulator counted ${stats.requests} requests; statuses ${JSON.stringify(stats.byStatus)}`);
	await emulator.stop();
	bare.close();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
