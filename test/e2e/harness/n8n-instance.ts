import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureN8n, type N8nInstall } from '../../../scripts/n8n/install';
import type { N8nVersion } from '../../../scripts/n8n/versions';
import { DIST_DIR, ensurePackageBuilt, readManifest, REPO_ROOT } from './build-package';
import { freePort } from './free-port';
import type { N8nHttpClient } from './http-client';
import { n8nEnv, runN8nCommand, spawnN8n, waitForHealth, type N8nProcess } from './n8n-process';
import { openOwnerSession, OWNER, type OwnerSession } from './owner-session';
import { seedUserFolder } from './user-folder-template';

const START_TIMEOUT_MS = 180_000;
/** Starts tried when n8n finds a port it was given taken (see launchN8n). */
const PORT_ATTEMPTS = 3;

/**
 * Node type prefix n8n gives this package's nodes: it is loaded as an installed community package
 * (`<user folder>/.n8n/nodes/node_modules/<name>`), so types read `n8n-nodes-quickbooks-sync.quickBooksSync`,
 * exactly what a user's workflows (and the templates in workflows/) contain.
 */
export const NODE_TYPE_PREFIX = readManifest().name;
/** @deprecated the old name of NODE_TYPE_PREFIX (the package was once loaded as a 'CUSTOM' extension). */
export const CUSTOM_NODE_PREFIX = NODE_TYPE_PREFIX;

export interface StartN8nOptions {
	version: N8nVersion;
	/** Extra environment for n8n (wins over the harness defaults). */
	env?: Record<string, string>;
	/** Reuse a user folder (its database, encryption key and owner) instead of a fresh temp one. */
	userFolder?: string;
	/** Listen on this port (default: any free port). */
	port?: number;
	/** Let n8n migrate an empty database itself instead of copying the cached, already migrated one. */
	migrateFromScratch?: boolean;
}

/** A credential as `n8n import:credentials` takes it; `data` in clear text (n8n encrypts it). */
export interface CredentialImport {
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A workflow as exported from n8n; only the fields the public API accepts are sent. */
export interface WorkflowJson {
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	staticData?: unknown;
	[other: string]: unknown;
}

export interface ExecutionFilter {
	workflowId?: string;
	status?: 'success' | 'error' | 'waiting' | 'running' | 'canceled' | 'crashed' | 'new';
	includeData?: boolean;
	limit?: number;
}

/** An execution as the public API lists it (data only when asked for). */
export interface ExecutionSummary {
	id: string | number;
	workflowId: string;
	status?: string;
	finished: boolean;
	mode: string;
	startedAt: string;
	stoppedAt?: string | null;
	data?: { resultData?: { runData?: Record<string, unknown[]>; error?: unknown; lastNodeExecuted?: string } };
	[other: string]: unknown;
}

export interface N8nInstance {
	version: N8nVersion;
	url: string;
	port: number;
	userFolder: string;
	logFile: string;
	/** Login of the owner the harness set up (for browser tests). */
	owner: typeof OWNER;
	/** Public API (`/api/v1`, API key): workflows, executions, credentials. */
	api: N8nHttpClient;
	/** Internal REST API (`/rest`, the owner's session cookie): what the editor uses. */
	rest: N8nHttpClient;
	/** The site root with the owner's cookie: `/types/credentials.json`, `/icons/…`. */
	root: N8nHttpClient;
	/** Stops n8n (its whole process group); removes the user folder unless the caller gave it or asks to keep it. */
	stop(options?: { keepUserFolder?: boolean }): Promise<void>;
	/** Stops and starts n8n again on the same user folder and port (data, owner and API key survive). */
	restart(): Promise<void>;
	/** Creates a workflow through the public API and returns its id. */
	importWorkflow(workflow: WorkflowJson): Promise<string>;
	/** Imports a credential (OAuth token data included) with `n8n import:credentials`; returns its id. */
	importCredential(credential: CredentialImport): Promise<string>;
	/** Reads a credential back decrypted (OAuth token data included) with `n8n export:credentials`. */
	exportCredential(id: string): Promise<CredentialImport & { id: string }>;
	activate(workflowId: string): Promise<void>;
	deactivate(workflowId: string): Promise<void>;
	executions(filter?: ExecutionFilter): Promise<ExecutionSummary[]>;
	execution(id: string | number): Promise<ExecutionSummary>;
	/** Polls `executions` until `done` says so (bounded by timeoutMs); returns the last list. */
	waitForExecutions(
		filter: ExecutionFilter,
		done: (executions: ExecutionSummary[]) => boolean,
		timeoutMs?: number,
	): Promise<ExecutionSummary[]>;
}

/** Environment that makes a headless n8n usable at once and keeps it on loopback and quiet. */
export function defaultEnv(userFolder: string, port: number, brokerPort: number): Record<string, string> {
	const url = `http://127.0.0.1:${port}/`;
	return {
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		// The Code node's task-runner broker listens too (5679 by default): one per instance.
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_EDITOR_BASE_URL: url,
		WEBHOOK_URL: url,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_PUBLIC_API_DISABLED: 'false',
		N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
		// Plain http on loopback: a Secure cookie would not come back from the browser.
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		GENERIC_TIMEZONE: 'UTC',
		TZ: 'UTC',
		EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
		EXECUTIONS_DATA_SAVE_ON_ERROR: 'all',
		EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
	};
}

/**
 * Makes n8n load this package as an installed community package: both lines scan
 * `<user folder>/.n8n/nodes/node_modules/n8n-nodes-*` at start-up and read each package.json's `n8n` manifest.
 * The folder holds links to the repository's package.json and dist/, so a rebuild needs no copy.
 */
export function linkAsCommunityPackage(userFolder: string): void {
	const packageDir = path.join(userFolder, '.n8n', 'nodes', 'node_modules', readManifest().name);
	fs.mkdirSync(packageDir, { recursive: true });
	for (const [link, target] of [
		['package.json', path.join(REPO_ROOT, 'package.json')],
		['dist', DIST_DIR],
	]) {
		const linkPath = path.join(packageDir, link);
		if (!fs.existsSync(linkPath)) fs.symlinkSync(target, linkPath);
	}
}

/** The fields of an exported workflow that the public API's create endpoint accepts. */
function creatableWorkflow(workflow: WorkflowJson): Record<string, unknown> {
	return {
		name: workflow.name,
		nodes: workflow.nodes,
		connections: workflow.connections,
		settings: workflow.settings ?? { executionOrder: 'v1' },
		...(workflow.staticData ? { staticData: workflow.staticData } : {}),
	};
}

/** An id in n8n's own shape (16 letters and digits). */
function newEntityId(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	return Array.from(randomBytes(16), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** What it takes to drive an n8n that is already running: where it is and the environment it runs with. */
export interface RunningN8n {
	version: N8nVersion;
	url: string;
	port: number;
	userFolder: string;
	logFile: string;
	/** The n8n-specific environment it was started with (the CLI commands need the same). */
	env: Record<string, string>;
}

/** How an instance stops and restarts: a started n8n owns its process, a shared one does not. */
export interface N8nLifecycle {
	stop(options?: { keepUserFolder?: boolean }): Promise<void>;
	/** Brings n8n back and returns a fresh owner session. */
	restart(): Promise<OwnerSession>;
}

/** The client for a running n8n: HTTP clients for the owner, and the CLI commands run on its user folder. */
function driveN8n(running: RunningN8n, install: N8nInstall, session: OwnerSession, lifecycle: N8nLifecycle): N8nInstance {
	const env = n8nEnv(install, running.env);
	const { userFolder, logFile } = running;
	const instance: N8nInstance = {
		version: running.version,
		url: running.url,
		port: running.port,
		userFolder,
		logFile,
		owner: OWNER,
		api: session.api,
		rest: session.rest,
		root: session.root,
		stop: (stopOptions) => lifecycle.stop(stopOptions),
		async restart() {
			const fresh = await lifecycle.restart();
			Object.assign(instance, { api: fresh.api, rest: fresh.rest, root: fresh.root });
		},
		async importWorkflow(workflow) {
			const created = await instance.api.post<{ id: string }>('/workflows', creatableWorkflow(workflow));
			return created.id;
		},
		async importCredential(credential) {
			const id = credential.id ?? newEntityId();
			const file = path.join(userFolder, `credential-import-${id}.json`);
			fs.writeFileSync(file, JSON.stringify([{ ...credential, id }]));
			try {
				await runN8nCommand(install, ['import:credentials', `--input=${file}`], env, logFile);
			} finally {
				fs.rmSync(file, { force: true });
			}
			return id;
		},
		async exportCredential(id) {
			const file = path.join(userFolder, `credential-export-${id}.json`);
			try {
				await runN8nCommand(install, ['export:credentials', `--id=${id}`, '--decrypted', `--output=${file}`], env, logFile);
				const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<CredentialImport & { id: string }>;
				const found = exported.find((credential) => credential.id === id);
				if (!found) throw new Error(`n8n exported no credential ${id}`);
				return found;
			} finally {
				fs.rmSync(file, { force: true });
			}
		},
		async activate(workflowId) {
			await instance.api.post(`/workflows/${workflowId}/activate`);
		},
		async deactivate(workflowId) {
			await instance.api.post(`/workflows/${workflowId}/deactivate`);
		},
		async executions(filter = {}) {
			const query = new URLSearchParams();
			if (filter.workflowId) query.set('workflowId', filter.workflowId);
			if (filter.status) query.set('status', filter.status);
			if (filter.includeData) query.set('includeData', 'true');
			query.set('limit', String(filter.limit ?? 100));
			const page = await instance.api.get<{ data: ExecutionSummary[] }>(`/executions?${query}`);
			return page.data;
		},
		async execution(id) {
			return instance.api.get<ExecutionSummary>(`/executions/${id}?includeData=true`);
		},
		async waitForExecutions(filter, done, timeoutMs = 60_000) {
			const deadline = Date.now() + timeoutMs;
			let last: ExecutionSummary[] = [];
			while (Date.now() < deadline) {
				last = await instance.executions(filter);
				if (done(last)) return last;
				await new Promise((resolve) => setTimeout(resolve, 500));
			}
			throw new Error(`executions did not reach the expected state in ${timeoutMs} ms: ${JSON.stringify(last).slice(0, 2000)}`);
		},
	};
	return instance;
}

/** A started n8n, with what another test file needs to drive the same process (see shared-n8n.ts). */
export interface LaunchedN8n {
	instance: N8nInstance;
	running: RunningN8n;
	/** Leader of n8n's process group. */
	pid: number;
}

/**
 * Starts a real n8n (a pinned line, installed on first use) with this package loaded from dist/,
 * an owner set up and an API key ready. Always pair with `stop()` (afterAll).
 */
export async function startN8n(options: StartN8nOptions): Promise<N8nInstance> {
	return (await launchN8n(options)).instance;
}

/** startN8n, also returning the process and environment (for the shared n8n of a run). */
export async function launchN8n(options: StartN8nOptions): Promise<LaunchedN8n> {
	const install: N8nInstall = await ensureN8n(options.version);
	ensurePackageBuilt();
	const ownsUserFolder = !options.userFolder;
	const userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), `qbo-sync-n8n-${options.version}-`));
	if (ownsUserFolder && !options.migrateFromScratch) await seedUserFolder(install, userFolder);
	linkAsCommunityPackage(userFolder);
	let running!: RunningN8n;
	let env!: NodeJS.ProcessEnv;
	let proc: N8nProcess | undefined;
	const launch = async () => {
		proc = spawnN8n(install, ['start'], env, running.logFile);
		try {
			await waitForHealth(running.url, proc, START_TIMEOUT_MS);
		} catch (error) {
			await proc.stop();
			throw error;
		}
	};
	// A free port can be taken between freePort() and n8n binding it (other test runs share the machine, and the
	// two e2e lines start side by side): n8n then exits with "port … is already in use". Try fresh ports.
	for (let attempt = 1; ; attempt++) {
		const port = options.port ?? (await freePort());
		const brokerPort = await freePort();
		running = {
			version: options.version,
			url: `http://127.0.0.1:${port}`,
			port,
			userFolder,
			logFile: path.join(os.tmpdir(), 'qbo-sync-e2e-logs', `n8n-${options.version}-${port}-${Date.now()}.log`),
			env: { ...defaultEnv(userFolder, port, brokerPort), ...options.env },
		};
		env = n8nEnv(install, running.env);
		try {
			await launch();
			break;
		} catch (error) {
			if (attempt >= PORT_ATTEMPTS || !/already in use|EADDRINUSE/.test(String((error as Error).message))) throw error;
		}
	}
	const { url } = running;
	let session: OwnerSession;
	try {
		session = await openOwnerSession(url, userFolder);
	} catch (error) {
		await proc?.stop();
		throw error;
	}
	const instance = driveN8n(running, install, session, {
		async stop(stopOptions) {
			await proc?.stop();
			if (ownsUserFolder && !stopOptions?.keepUserFolder) fs.rmSync(userFolder, { recursive: true, force: true });
		},
		async restart() {
			await proc?.stop();
			await launch();
			return openOwnerSession(url, userFolder);
		},
	});
	return { instance, running, pid: proc!.pid };
}

/**
 * Drives an n8n another test file started (the shared n8n of a run): logs in as the owner with the
 * saved API key. `stop` and `restart` are the caller's to define; the process is not this client's.
 */
export async function attachN8n(running: RunningN8n, lifecycle: N8nLifecycle): Promise<N8nInstance> {
	const install = await ensureN8n(running.version);
	const session = await openOwnerSession(running.url, running.userFolder);
	return driveN8n(running, install, session, lifecycle);
}
