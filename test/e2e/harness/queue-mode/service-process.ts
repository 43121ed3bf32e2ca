import { spawn, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { groupAlive, registerGroup, stopGroup } from '../process-registry';

/** A server the queue-mode set-up runs (Redis, PostgreSQL): its own process group, its output in a log file. */
export interface ServiceProcess {
	pid: number;
	logFile: string;
	stop(): Promise<void>;
}

/**
 * Starts a long-lived server detached into a new process group, recorded in the harness's registry so the
 * e2e global teardown kills it even when a test file dies before its afterAll.
 */
export function spawnService(label: string, command: string, args: string[], logFile: string, options: SpawnOptions = {}): ServiceProcess {
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	const out = fs.openSync(logFile, 'a');
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', out, out] });
	fs.closeSync(out);
	if (child.pid === undefined) throw new Error(`could not start ${label}`);
	const pid = child.pid;
	registerGroup(pid, label);
	return { pid, logFile, stop: () => stopGroup(pid) };
}

/** Polls `ready` until it answers true; fails early, with the log's tail, when the server's group is gone. */
export async function waitUntilReady(service: ServiceProcess, label: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (!groupAlive(service.pid)) throw new Error(`${label} exited before it was ready:\n${tail(service.logFile)}`);
		if (await ready().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`${label} was not ready within ${timeoutMs} ms:\n${tail(service.logFile)}`);
}

export function tail(logFile: string, lines = 40): string {
	try {
		return fs.readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}
