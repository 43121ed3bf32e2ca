/**
 * `npm run test:e2e`: the e2e project once per n8n line, the lines side by side, and each line's files cut into
 * lanes that run side by side too: one jest process per line and lane (QBO_SYNC_E2E_N8N=<line>,
 * `--shard=<lane>/<lanes>`, `--runInBand` inside it). Each lane has its own shared n8n of its line (its own global
 * setup), so the files of one lane still take turns on one n8n and two lanes never meet. Most of an e2e file's
 * time is spent waiting on n8n, the emulator and the browser, so on two cores lines and lanes at once take far
 * less than one after the other (test/e2e/README.md has the figures). test/e2e/lanes.js balances the lanes by
 * the files' measured times.
 *
 * The package is built once here, before the lines start, so their global setups find dist/ fresh.
 * QBO_SYNC_E2E_SERIAL=1 runs the lines one after the other instead; QBO_SYNC_E2E_LANES=<n> sets the lanes per
 * line (default 2; never more than the files). Other arguments go to jest
 * (`npm run test:e2e -- test/e2e/canvas.test.ts`).
 */
import { execFileSync, spawn } from 'node:child_process';
import * as path from 'node:path';
import { ensurePackageBuilt } from '../../test/e2e/harness/build-package';
import { e2eVersions } from '../../test/e2e/harness/versions';

const ROOT = path.resolve(__dirname, '..', '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

const DEFAULT_LANES = 2;

interface LaneResult {
	label: string;
	code: number;
	seconds: number;
}

/** Writes a child's output line by line, each line tagged with its n8n line, so two lines' output stays readable. */
function tagged(tag: string, into: NodeJS.WriteStream): (chunk: Buffer) => void {
	let rest = '';
	return (chunk) => {
		const lines = (rest + chunk.toString('utf8')).split('\n');
		rest = lines.pop() ?? '';
		for (const text of lines) into.write(`${tag} ${text}\n`);
	};
}

/** How many e2e files the arguments select (the same for every line: each file runs on every line). */
function selectedFiles(jestArgs: string[]): number {
	const listed = execFileSync(process.execPath, [JEST, '--selectProjects', 'e2e', '--listTests', ...jestArgs], {
		cwd: ROOT,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return listed.split('\n').filter((line) => line.endsWith('.test.ts')).length;
}

/** Lanes per line: QBO_SYNC_E2E_LANES or 2, no more than the files (a lane with no file would fail). */
function laneCount(files: number): number {
	const wanted = Number(process.env.QBO_SYNC_E2E_LANES ?? DEFAULT_LANES);
	if (!Number.isInteger(wanted) || wanted < 1) throw new Error(`QBO_SYNC_E2E_LANES must be a whole number ≥ 1, not ${process.env.QBO_SYNC_E2E_LANES}`);
	return Math.max(1, Math.min(wanted, files));
}

function runLane(line: string, lane: number, lanes: number, jestArgs: string[]): Promise<LaneResult> {
	const started = Date.now();
	const shard = lanes > 1 ? [`--shard=${lane}/${lanes}`] : [];
	const child = spawn(process.execPath, [JEST, '--selectProjects', 'e2e', '--runInBand', ...shard, ...jestArgs], {
		cwd: ROOT,
		env: { ...process.env, QBO_SYNC_E2E_N8N: line },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const label = lanes > 1 ? `n8n ${line} lane ${lane}/${lanes}` : `n8n ${line}`;
	const tag = `[${label}]`;
	child.stdout.on('data', tagged(tag, process.stdout));
	child.stderr.on('data', tagged(tag, process.stderr));
	return new Promise((resolve) => {
		child.on('close', (code, signal) => {
			resolve({ label, code: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) });
		});
	});
}

/** A line's lanes, side by side. */
async function runLine(line: string, lanes: number, jestArgs: string[]): Promise<LaneResult[]> {
	return Promise.all(Array.from({ length: lanes }, (_, index) => runLane(line, index + 1, lanes, jestArgs)));
}

async function main(): Promise<void> {
	const lines = e2eVersions();
	const jestArgs = process.argv.slice(2);
	ensurePackageBuilt((text) => process.stderr.write(`[e2e] ${text}\n`));
	const serial = process.env.QBO_SYNC_E2E_SERIAL === '1' || lines.length === 1;
	const lanes = laneCount(selectedFiles(jestArgs));
	process.stderr.write(`[e2e] n8n ${lines.join(' and ')}, ${serial ? 'one after the other' : 'side by side'}, ${lanes} lane(s) per line\n`);
	const results: LaneResult[] = [];
	if (serial) {
		for (const line of lines) results.push(...(await runLine(line, lanes, jestArgs)));
	} else {
		results.push(...(await Promise.all(lines.map((line) => runLine(line, lanes, jestArgs)))).flat());
	}
	for (const result of results) {
		process.stderr.write(`[e2e] ${result.label}: ${result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`} in ${result.seconds} s\n`);
	}
	process.exit(results.every((result) => result.code === 0) ? 0 : 1);
}

main().catch((error: unknown) => {
	process.stderr.write(`[e2e] ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
