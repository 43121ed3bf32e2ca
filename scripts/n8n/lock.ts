import * as fs from 'node:fs';

const POLL_MS = 2000;

/** True when a process with this id is alive (signal 0 checks without touching it). */
function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** The pid written in the lock folder, or undefined when it is missing or half-written. */
function ownerOf(lockDir: string): number | undefined {
	try {
		const pid = Number(fs.readFileSync(`${lockDir}/pid`, 'utf8'));
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Runs `fn` while holding a lock on `lockDir` (mkdir is atomic, so two processes never both win).
 * A lock left by a dead process is taken over; waiting is bounded by `timeoutMs`.
 */
export async function withLock<T>(
	lockDir: string,
	fn: () => Promise<T>,
	options: { timeoutMs: number; onWait?: (ownerPid: number | undefined) => void },
): Promise<T> {
	const deadline = Date.now() + options.timeoutMs;
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(`${lockDir}/pid`, String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const owner = ownerOf(lockDir);
		// A lock whose owner died (or never wrote its pid and is older than a minute) is stale.
		const stat = fs.statSync(lockDir, { throwIfNoEntry: false });
		const stale = owner !== undefined ? !isAlive(owner) : !!stat && Date.now() - stat.mtimeMs > 60_000;
		if (stale) {
			fs.rmSync(lockDir, { recursive: true, force: true });
			continue;
		}
		if (Date.now() > deadline) throw new Error(`Timed out waiting for the lock ${lockDir} (held by pid ${owner})`);
		if (!announced) options.onWait?.(owner);
		announced = true;
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}
