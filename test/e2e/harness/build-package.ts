import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root (this file lives in test/e2e/harness/). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const DIST_DIR = path.join(REPO_ROOT, 'dist');

/** The package's n8n manifest: the compiled credential and node files n8n will load. */
export interface PackageManifest {
	name: string;
	credentials: string[];
	nodes: string[];
}

/** Reads package.json's `n8n` section (fresh each call: other people add nodes while we work). */
export function readManifest(): PackageManifest {
	const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
		name: string;
		n8n?: { credentials?: string[]; nodes?: string[] };
	};
	return { name: pkg.name, credentials: pkg.n8n?.credentials ?? [], nodes: pkg.n8n?.nodes ?? [] };
}

/** Newest modification time of the files a build reads (sources, icons, manifest). */
function newestSourceMtime(): number {
	let newest = fs.statSync(path.join(REPO_ROOT, 'package.json')).mtimeMs;
	const walk = (dir: string) => {
		if (!fs.existsSync(dir)) return;
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else if (/\.(ts|json|svg|png)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
		}
	};
	walk(path.join(REPO_ROOT, 'credentials'));
	walk(path.join(REPO_ROOT, 'nodes'));
	return newest;
}

/**
 * Written by every `npm run build` (scripts/build-stamp.js), with the build's start time as its mtime.
 * tsc's incremental mode leaves unchanged outputs alone, so their own mtimes cannot tell whether a build
 * ran after the last edit; this stamp can, and `npm test`'s own build is not repeated by the e2e setup.
 * Kept out of dist/ so it is never published.
 */
const BUILD_STAMP = path.join(REPO_ROOT, 'node_modules', '.cache', 'qbo-sync-e2e-build-stamp');

/** Why dist/ needs a build, or undefined when it is complete and newer than every source. */
export function staleReason(): string | undefined {
	const manifest = readManifest();
	for (const file of [...manifest.credentials, ...manifest.nodes]) {
		if (!fs.existsSync(path.join(REPO_ROOT, file))) return `${file} (named in package.json n8n) is missing`;
	}
	const stamp = fs.statSync(BUILD_STAMP, { throwIfNoEntry: false });
	if (!stamp) return 'no `npm run build` recorded yet';
	if (stamp.mtimeMs < newestSourceMtime()) return 'sources changed after the last build';
	return undefined;
}

/** Runs `npm run build` when dist/ is missing or stale, so n8n loads what the sources say. */
export function ensurePackageBuilt(log: (line: string) => void = () => {}): void {
	const reason = staleReason();
	if (!reason) return;
	log(`building the package (${reason})`);
	try {
		execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 5 * 60_000 });
	} catch (error) {
		// tsc reports compile errors on stdout: keep them in the message.
		const { stdout, stderr } = error as { stdout?: Buffer; stderr?: Buffer };
		throw new Error(`npm run build failed:\n${String(stdout ?? '').slice(-4000)}\n${String(stderr ?? '').slice(-2000)}`);
	}
	// Only completeness is re-checked: others may be editing sources while the build runs.
	for (const file of [...readManifest().credentials, ...readManifest().nodes]) {
		if (!fs.existsSync(path.join(REPO_ROOT, file))) throw new Error(`npm run build did not produce ${file}`);
	}
}
