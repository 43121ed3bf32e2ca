import { spawn } from 'node:child_process';

const HEARTBEAT_MS = 30_000;
const TAIL_LINES = 80;

/** Prints one progress line; installs take minutes, so silence would look like a hang. */
export function progress(message: string): void {
	process.stderr.write(`[n8n-install ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/**
 * Runs a command to completion, printing a heartbeat while it works and keeping the tail of its
 * output for the error message when it fails.
 */
export async function runCommand(
	label: string,
	command: string,
	args: string[],
	options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<void> {
	const started = Date.now();
	const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
	const tail: string[] = [];
	const keep = (chunk: Buffer) => {
		tail.push(...chunk.toString('utf8').split('\n').filter(Boolean));
		tail.splice(0, Math.max(0, tail.length - TAIL_LINES));
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const heartbeat = setInterval(
		() => progress(`${label}: still working (${Math.round((Date.now() - started) / 1000)} s)`),
		HEARTBEAT_MS,
	);
	const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
	try {
		const code = await new Promise<number | null>((resolve, reject) => {
			child.on('error', reject);
			child.on('close', resolve);
		});
		if (code !== 0) {
			throw new Error(`${label} failed (exit ${code}) in ${options.cwd}:\n${tail.join('\n')}`);
		}
	} finally {
		clearInterval(heartbeat);
		clearTimeout(timeout);
	}
}
