/**
 * `npm run test:e2e`: the e2e project once per n8n line, the lines side by side — one jest process per line
 * (QBO_SYNC_E2E_N8N=<line>, `--runInBand` inside it, so a line's files still take turns on its shared n8n).
 * Most of an e2e file's time is spent waiting on n8n, the emulator and the browser, so on two cores two lines
 * at once take far less than one after the other (test/e2e/README.md has the figures).
 *
 * The package is built once here, before the lines start, so their global setups find dist/ fresh.
 * QBO_SYNC_E2E_SERIAL=1 runs the lines one after the other instead. Other arguments go to jest
 * (`npm run test:e2e -- test/e2e/canvas.test.ts`).
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ensurePackageBuilt } from '../../test/e2e/harness/build-package';
import { e2eVersions } from '../../test/e2e/harness/versions';

const ROOT = path.resolve(__dirname, '..', '..');
const JEST = path.join(ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

interface LineResult {
	line: string;
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

function runLine(line: string, jestArgs: string[]): Promise<LineResult> {
	const started = Date.now();
	const child = spawn(process.execPath, [JEST, '--selectProjects', 'e2e', '--runInBand', ...jestArgs], {
		cwd: ROOT,
		env: { ...process.env, QBO_SYNC_E2E_N8N: line },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const tag = `[n8n ${line}]`;
	child.stdout.on('data', tagged(tag, process.stdout));
	child.stderr.on('data', tagged(tag, process.stderr));
	return new Promise((resolve) => {
		child.on('close', (code, signal) => {
			resolve({ line, code: code ?? (signal ? 1 : 0), seconds: Math.round((Date.now() - started) / 1000) });
		});
	});
}

async function main(): Promise<void> {
	const lines = e2eVersions();
	const jestArgs = process.argv.slice(2);
	ensurePackageBuilt((text) => process.stderr.write(`[e2e] ${text}\n`));
	const serial = process.env.QBO_SYNC_E2E_SERIAL === '1' || lines.length === 1;
	process.stderr.write(`[e2e] n8n ${lines.join(' and ')}, ${serial ? 'one after the other' : 'side by side'}\n`);
	const results: LineResult[] = [];
	if (serial) {
		for (const line of lines) results.push(await runLine(line, jestArgs));
	} else {
		results.push(...(await Promise.all(lines.map((line) => runLine(line, jestArgs)))));
	}
	for (const result of results) {
		process.stderr.write(`[e2e] n8n ${result.line}: ${result.code === 0 ? 'passed' : `FAILED (exit ${result.code})`} in ${result.seconds} s\n`);
	}
	process.exit(results.every((result) => result.code === 0) ? 0 : 1);
}

main().catch((error: unknown) => {
	process.stderr.write(`[e2e] ${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
