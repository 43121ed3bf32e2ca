import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { N8nInstall } from '../../../scripts/n8n/install';
import { groupAlive, registerGroup, stopGroup } from './process-registry';

const HEALTH_POLL_MS = 250;

/** One `n8n <command>` run in its own process group, its output kept in a log file. */
export interface N8nProcess {
	pid: number;
	logFile: string;
	/** Resolves with the exit code (null when killed by a signal). */
	exited: Promise<number | null>;
	stop(): Promise<void>;
}

/** The environment n8n runs with: Node 24 first on PATH, and nothing inherited from npm's script runner. */
export function n8nEnv(install: N8nInstall, env: Record<string, string>): NodeJS.ProcessEnv {
	const base: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		// npm_*, NODE_OPTIONS and jest's NODE_ENV=test / JEST_* would change how n8n itself runs.
		if (!/^(npm_|JEST_)/i.test(key) && key !== 'NODE_OPTIONS' && key !== 'NODE_ENV') base[key] = value;
	}
	base.PATH = `${path.join(install.nodeDir, 'bin')}${path.delimiter}${base.PATH ?? ''}`;
	return { ...base, ...env };
}

/** Spawns `n8n <args>` with the Node 24 binary, detached into a new process group the harness can kill whole. */
export function spawnN8n(install: N8nInstall, args: string[], env: NodeJS.ProcessEnv, logFile: string): N8nProcess {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = spawn(install.nodeBin, [install.n8nBin, ...args], {
		env,
		cwd: path.dirname(logFile),
		detached: true,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	if (child.pid === undefined) throw new Error(`could not start n8n ${args.join(' ')}`);
	const pid = child.pid;
	registerGroup(pid, `n8n ${install.version} ${args.join(' ')}`);
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	return { pid, logFile, exited, stop: () => stopGroup(pid) };
}

/** The last lines of a log file, for error messages. */
export function logTail(logFile: string, lines = 60): string {
	try {
		return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/** True when n8n answers its REST API (healthz turns green before the REST routes are mounted). */
async function answersRest(url: string): Promise<boolean> {
	const health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
	if (!health.ok) return false;
	// Until start-up finishes n8n answers every other path with 200 "n8n is starting up. Please wait".
	const settings = await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(5_000) });
	return settings.ok && (settings.headers.get('content-type') ?? '').includes('application/json');
}

/** Waits until `GET /healthz` answers 200 and the REST API is mounted, failing early if the process dies. */
export async function waitForHealth(url: string, proc: N8nProcess, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	let exitCode: number | null | undefined;
	void proc.exited.then((code) => (exitCode = code));
	while (Date.now() < deadline) {
		if (exitCode !== undefined || !groupAlive(proc.pid)) {
			throw new Error(`n8n exited (code ${exitCode}) before it was healthy:\n${logTail(proc.logFile)}`);
		}
		try {
			if (await answersRest(url)) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, HEALTH_POLL_MS));
	}
	throw new Error(`n8n did not answer /healthz within ${timeoutMs} ms:\n${logTail(proc.logFile)}`);
}

/** Runs an n8n CLI command (import:credentials, …) to completion; throws with its output on failure. */
export async function runN8nCommand(
	install: N8nInstall,
	args: string[],
	env: NodeJS.ProcessEnv,
	logFile: string,
	timeoutMs = 120_000,
): Promise<string> {
	const before = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
	const proc = spawnN8n(install, args, env, logFile);
	const timer = setTimeout(() => void proc.stop(), timeoutMs);
	const code = await proc.exited.finally(() => clearTimeout(timer));
	await proc.stop();
	const output = fs.readFileSync(logFile, 'utf8').slice(before);
	if (code !== 0) throw new Error(`n8n ${args.join(' ')} failed (exit ${code}):\n${output.slice(-4000)}`);
	return output;
}
