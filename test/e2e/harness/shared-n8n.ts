/**
 * One n8n per line for the whole e2e run. Starting n8n costs 30–120 s on two cores, and most e2e files
 * only need *an* n8n with this package loaded: the first file that asks for a line starts it, every later
 * file drives the same process, and the jest global teardown stops it.
 *
 * Isolation: each file gets its own lease (`useSharedN8n`). The lease notes what the n8n holds when the
 * file starts; its `stop()` deactivates and deletes every workflow, credential and Data Table added since,
 * and leaves n8n running. The e2e project runs its files one at a time (`--runInBand`), so what one file
 * adds is never seen by another. A file that needs its own environment, a restart or a clean database
 * starts its own n8n with `startN8n` instead.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withLock } from '../../../scripts/n8n/lock';
import type { N8nVersion } from '../../../scripts/n8n/versions';
import { removeAddedSince, takeInventory, type Inventory } from './instance-inventory';
import { attachN8n, launchN8n, type N8nInstance, type RunningN8n } from './n8n-instance';
import { groupAlive, stopGroup } from './process-registry';

/** Environment of every shared n8n: what any file on it may rely on (1.x hides `usableAsTool` without the flag). */
export const SHARED_N8N_ENV: Record<string, string> = { N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true' };

/** Set by the e2e global setup: the folder where this run records its shared n8n processes. */
export const SHARED_DIR_VARIABLE = 'QBO_SYNC_E2E_SHARED_DIR';

const START_LOCK_WAIT_MS = 600_000;

interface SharedRecord extends RunningN8n {
	pid: number;
}

function sharedDir(): string {
	const dir = process.env[SHARED_DIR_VARIABLE];
	if (!dir) throw new Error(`useSharedN8n needs the e2e global setup (${SHARED_DIR_VARIABLE}): run it through the jest e2e project`);
	return dir;
}

/** Creates this run's folder for shared n8n records (global setup). */
export function prepareSharedDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-e2e-shared-'));
	process.env[SHARED_DIR_VARIABLE] = dir;
	return dir;
}

function readRecord(file: string): SharedRecord | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as SharedRecord;
	} catch {
		return undefined;
	}
}

async function answers(url: string): Promise<boolean> {
	try {
		return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) })).ok;
	} catch {
		return false;
	}
}

async function discard(record: SharedRecord): Promise<void> {
	if (groupAlive(record.pid)) await stopGroup(record.pid);
	fs.rmSync(record.userFolder, { recursive: true, force: true });
}

/** The run's n8n of this line: the recorded one while it answers, else a newly started one. */
async function ensureSharedRunning(version: N8nVersion): Promise<SharedRecord> {
	const file = path.join(sharedDir(), `n8n-${version}.json`);
	return withLock(
		`${file}.lock`,
		async () => {
			const known = readRecord(file);
			if (known && groupAlive(known.pid) && (await answers(known.url))) return known;
			if (known) {
				process.stderr.write(`[e2e] the shared n8n ${version} (pid ${known.pid}) stopped answering: starting another\n`);
				await discard(known);
			}
			const started = Date.now();
			const { running, pid } = await launchN8n({ version, env: SHARED_N8N_ENV });
			const record: SharedRecord = { ...running, pid };
			fs.writeFileSync(file, JSON.stringify(record));
			process.stderr.write(`[e2e] shared n8n ${version} started in ${((Date.now() - started) / 1000).toFixed(1)} s (log ${running.logFile})\n`);
			return record;
		},
		{ timeoutMs: START_LOCK_WAIT_MS },
	);
}

/**
 * A lease on the run's shared n8n of this line (started on first use). Use it like `startN8n`'s instance;
 * `stop()` (afterAll) removes what the file added and leaves n8n running; `restart()` is refused.
 */
export async function useSharedN8n(version: N8nVersion): Promise<N8nInstance> {
	const record = await ensureSharedRunning(version);
	let before: Inventory | undefined;
	const lease: N8nInstance = await attachN8n(record, {
		async stop() {
			if (before) await removeAddedSince(lease, before);
		},
		async restart() {
			throw new Error('the shared n8n cannot be restarted by one file: start your own with startN8n');
		},
	});
	before = await takeInventory(lease);
	return lease;
}

/** Stops every shared n8n of this run and removes their user folders (global teardown). */
export async function stopSharedN8ns(): Promise<string[]> {
	const dir = process.env[SHARED_DIR_VARIABLE];
	if (!dir || !fs.existsSync(dir)) return [];
	const stopped: string[] = [];
	for (const name of fs.readdirSync(dir).filter((entry) => entry.endsWith('.json'))) {
		const record = readRecord(path.join(dir, name));
		if (!record) continue;
		await discard(record);
		stopped.push(`n8n ${record.version} (pid ${record.pid})`);
	}
	fs.rmSync(dir, { recursive: true, force: true });
	return stopped;
}
