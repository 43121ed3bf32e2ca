import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Every process group the harness starts is recorded here as a file named after its pid, so the
 * jest global teardown (which runs in another module context) can kill whatever a crashed or timed-out
 * test left behind.
 */
const REGISTRY_DIR = path.join(os.tmpdir(), 'qbo-sync-e2e-processes');

/** Remembers a process group leader the harness started. */
export function registerGroup(pid: number, label: string): void {
	fs.mkdirSync(REGISTRY_DIR, { recursive: true });
	fs.writeFileSync(path.join(REGISTRY_DIR, String(pid)), JSON.stringify({ label, owner: process.pid }));
}

/** Forgets a group once it has been stopped. */
export function unregisterGroup(pid: number): void {
	fs.rmSync(path.join(REGISTRY_DIR, String(pid)), { force: true });
}

/** True while any process of the group exists. */
export function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Sends a signal to a whole process group; a group already gone is not an error. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

/** Stops a process group: SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(pid: number, graceMs = 10_000): Promise<void> {
	signalGroup(pid, 'SIGTERM');
	const deadline = Date.now() + graceMs;
	while (groupAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
	if (groupAlive(pid)) signalGroup(pid, 'SIGKILL');
	const killDeadline = Date.now() + 5_000;
	while (groupAlive(pid) && Date.now() < killDeadline) await new Promise((resolve) => setTimeout(resolve, 50));
	unregisterGroup(pid);
}

/** The parent pid of a live process (Linux /proc), or undefined when it is gone. */
function parentOf(pid: number): number | undefined {
	try {
		// /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after the last ')'.
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
	} catch {
		return undefined;
	}
}

/**
 * Kills the groups registered by this test run (this process or its jest workers) and orphans whose
 * test process has died, leaving other concurrent runs alone (global teardown). Returns what it killed.
 */
export async function stopAllRegistered(): Promise<string[]> {
	if (!fs.existsSync(REGISTRY_DIR)) return [];
	const stopped: string[] = [];
	for (const name of fs.readdirSync(REGISTRY_DIR)) {
		const pid = Number(name);
		if (!Number.isInteger(pid) || pid <= 1) continue;
		if (!groupAlive(pid)) {
			unregisterGroup(pid);
			continue;
		}
		const record = fs.readFileSync(path.join(REGISTRY_DIR, name), 'utf8');
		const owner = (JSON.parse(record) as { owner: number }).owner;
		const ownerParent = parentOf(owner);
		const ours = owner === process.pid || ownerParent === process.pid || ownerParent === undefined;
		if (!ours) continue;
		stopped.push(`${pid} ${record}`);
		await stopGroup(pid, 5_000);
	}
	return stopped;
}
