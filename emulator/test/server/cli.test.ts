import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { request } from './http-helpers';

jest.setTimeout(60_000);

const ROOT = resolve(__dirname, '../../..');

/** Starts the CLI as `npm run emulator` would (tsx), and waits for its banner. */
function startCli(args: string[]): Promise<{ child: ChildProcess; output: () => string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/src/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	child.stdout?.on('data', (chunk) => (output += chunk));
	child.stderr?.on('data', (chunk) => (output += chunk));
	return new Promise((resolveStart, reject) => {
		const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${output}`)), 30_000);
		const check = setInterval(() => {
			if (output.includes('Ctrl-C stops')) {
				clearTimeout(timer);
				clearInterval(check);
				resolveStart({ child, output: () => output });
			}
		}, 50);
		child.once('exit', (code) => {
			clearTimeout(timer);
			clearInterval(check);
			reject(new Error(`CLI exited (${code}):\n${output}`));
		});
	});
}

function exitCode(child: ChildProcess): Promise<number | null> {
	return new Promise((resolveExit) => {
		if (child.exitCode !== null) return resolveExit(child.exitCode);
		child.once('exit', (code) => resolveExit(code));
	});
}

describe('npm run emulator (cli.ts)', () => {
	const dir = mkdtempSync(join(tmpdir(), 'qbo-cli-'));
	let receiver: Server;
	const deliveries: string[] = [];
	beforeAll(async () => {
		receiver = createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				deliveries.push(body);
				res.writeHead(200).end();
			});
		});
		await new Promise<void>((resolveListen) => receiver.listen(0, '127.0.0.1', resolveListen));
	});
	afterAll(async () => {
		await new Promise((resolveClose) => receiver.close(resolveClose));
		rmSync(dir, { recursive: true, force: true });
	});

	test('prints what to paste into n8n and working tokens, delivers webhooks, saves its data file, stops on SIGINT', async () => {
		const dataFile = join(dir, 'cli.json');
		const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
		const { child, output } = await startCli(['--port', '0', '--no-limits', '--data-file', dataFile, '--webhook-url', hook, '--webhook-token', 'tok', '--webhook-format', 'cloudevents']);
		try {
			const text = output();
			const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
			expect(url).toBeDefined();
			expect(text).toContain('qbo-emulator-client');
			expect(text).toContain('qbo-emulator-secret');
			expect(text).toContain('9130354337211001');
			expect(text).toContain('9130354337211002');
			expect(text).toContain(`${url}/oauth2/v1/tokens/bearer`);
			const token = /Ready-made access tokens[^\n]*\n {2}US {2}(\S+)/.exec(text)?.[1];
			expect(token).toBeDefined();
			const created = await request(`${url}/v3/company/9130354337211001/customer`, {
				method: 'POST',
				headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
				body: JSON.stringify({ DisplayName: `CLI ${Date.now()}` }),
			});
			expect(created.status).toBe(200);
			for (let attempt = 0; attempt < 100 && deliveries.length === 0; attempt++) await new Promise((r) => setTimeout(r, 50));
			const events = JSON.parse(deliveries[0]);
			expect(Array.isArray(events)).toBe(true);
			expect(events[0].intuitentityid).toBe(created.json.Customer.Id);
		} finally {
			child.kill('SIGINT');
		}
		expect(await exitCode(child)).toBe(0);
		expect(existsSync(dataFile)).toBe(true);
	});

	test('bad arguments are refused with a message', async () => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/src/cli.ts', '--time-scale', '-1'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stderr?.on('data', (chunk) => (output += chunk));
		expect(await exitCode(child)).toBe(1);
		expect(output).toContain('--time-scale');
	});
});
