/**
 * n8n in queue mode, as self-hosted users scale it out: PostgreSQL and Redis on loopback, one main process
 * (editor, REST and public API, triggers such as polling, the queue's producer), `n8n worker` processes
 * that run the executions, and `n8n webhook` processors that serve production webhooks and hand their runs
 * to the queue. The package is linked into every process's own user folder (each loads it at start-up).
 * The main process is told not to serve production webhooks (N8N_DISABLE_PRODUCTION_MAIN_PROCESS), so
 * every /webhook/* call goes through a webhook processor, as behind a load balancer that routes them there.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureN8n, type N8nInstall } from '../../../../scripts/n8n/install';
import type { N8nVersion } from '../../../../scripts/n8n/versions';
import { freePort } from '../free-port';
import { defaultEnv, launchN8n, linkAsCommunityPackage, type N8nInstance } from '../n8n-instance';
import { logTail, n8nEnv, spawnN8n, type N8nProcess } from '../n8n-process';
import { groupAlive } from '../process-registry';
import { ensureMigratedPostgres } from './migrated-postgres';
import { startPostgres, type RunningPostgres } from './postgres';
import { startRedis, type RunningRedis } from './redis';

const START_TIMEOUT_MS = 240_000;

export interface QueueClusterOptions {
	version: N8nVersion;
	workers?: number;
	webhookProcessors?: number;
	/** Jobs one worker runs at once (`n8n worker --concurrency`). */
	workerConcurrency?: number;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Let main migrate an empty database instead of starting from the cached, already migrated one. */
	migrateFromScratch?: boolean;
}

/** One `n8n worker` or `n8n webhook` process of the cluster. */
export interface QueueProcess {
	role: 'worker' | 'webhook';
	index: number;
	/** The process id (its own process group), e.g. to read its CPU time from /proc. */
	pid: number;
	/** Where a webhook processor listens (workers listen nowhere). */
	url?: string;
	logFile: string;
	/** The process's log from its start (workers log the executions they pick up). */
	log(): string;
}

export interface QueueCluster {
	version: N8nVersion;
	/** The main process: API, editor, polling triggers. Its `restart()` keeps database, port and owner. */
	main: N8nInstance;
	workers: QueueProcess[];
	webhooks: QueueProcess[];
	/** Environment every process shares (database, Redis, queue mode, encryption key), for the README and logs. */
	sharedEnv: Record<string, string>;
	stop(): Promise<void>;
}

/** The environment every process of one cluster shares. */
function queueEnv(postgres: RunningPostgres, redis: RunningRedis): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: postgres.host,
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: postgres.user,
		DB_POSTGRESDB_DATABASE: postgres.database,
		// n8n's default pool is 2 connections a process: a burst of webhook deliveries then waits past the 20 s
		// connection timeout and answers 503 "Database is not ready!" (measured here). Scaled-out set-ups raise it.
		DB_POSTGRESDB_POOL_SIZE: '10',
		// n8n 2.x pings its pool every 2 s and, after 3 pings slower than 5 s, tears the pool down and answers
		// 503 until it is back. On this shared 2-core machine (load 15-20) a burst of webhooks made every ping late;
		// the suite gives the ping 20 s. 1.x has no such monitor and ignores the variable.
		DB_PING_TIMEOUT_MS: '20000',
		// Same reason: a connection may take longer than the 20 s default to come free on this machine.
		DB_POSTGRESDB_CONNECTION_TIMEOUT: '60000',
		QUEUE_BULL_REDIS_HOST: redis.host,
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// Each cluster has its own Redis, but its own prefix too keeps a stray process of another run out.
		QUEUE_BULL_PREFIX: `qbo-sync-${redis.port}`,
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

/** Waits until the process's log shows `ready` (bounded), failing early if it exits. */
async function waitForLogLine(proc: N8nProcess, ready: RegExp, label: string): Promise<void> {
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (!groupAlive(proc.pid)) throw new Error(`${label} exited before it was ready:\n${logTail(proc.logFile)}`);
		if (ready.test(fs.readFileSync(proc.logFile, 'utf8'))) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${label} was not ready within ${START_TIMEOUT_MS} ms:\n${logTail(proc.logFile)}`);
}

interface Started {
	info: QueueProcess;
	proc: N8nProcess;
	userFolder: string;
}

/** Starts `n8n worker` or `n8n webhook` with its own user folder (the package linked in), port and broker port. */
async function startQueueProcess(
	install: N8nInstall,
	role: 'worker' | 'webhook',
	index: number,
	shared: Record<string, string>,
	concurrency: number,
): Promise<Started> {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `qbo-sync-n8n-${install.version}-${role}${index}-`));
	linkAsCommunityPackage(userFolder);
	const port = await freePort();
	const env = n8nEnv(install, { ...defaultEnv(userFolder, port, await freePort()), ...shared });
	const logFile = path.join(os.tmpdir(), 'qbo-sync-e2e-logs', `n8n-${install.version}-${role}${index}-${port}-${Date.now()}.log`);
	const args = role === 'worker' ? ['worker', `--concurrency=${concurrency}`] : ['webhook'];
	const proc = spawnN8n(install, args, env, logFile);
	const info: QueueProcess = {
		role,
		index,
		pid: proc.pid,
		url: role === 'webhook' ? `http://127.0.0.1:${port}` : undefined,
		logFile,
		log: () => fs.readFileSync(logFile, 'utf8'),
	};
	try {
		await waitForLogLine(proc, role === 'worker' ? /n8n worker is now ready/ : /Webhook listener waiting for requests/, `n8n ${role} ${index}`);
	} catch (error) {
		await proc.stop();
		throw error;
	}
	return { info, proc, userFolder };
}

/**
 * Starts PostgreSQL (from the cached migrated database of the line), Redis, the main process, then the workers and webhook
 * processors together. Always pair with `stop()` (afterAll): it stops n8n first, then the servers.
 */
export async function startQueueCluster(options: QueueClusterOptions): Promise<QueueCluster> {
	const install = await ensureN8n(options.version);
	const started: Started[] = [];
	let main: N8nInstance | undefined;
	let postgres: RunningPostgres | undefined;
	let redis: RunningRedis | undefined;
	const stop = async () => {
		await Promise.all(started.map((one) => one.proc.stop()));
		await main?.stop();
		await Promise.all([postgres?.stop(), redis?.stop()]);
		for (const one of started) fs.rmSync(one.userFolder, { recursive: true, force: true });
	};
	try {
		const fromData = options.migrateFromScratch ? undefined : await ensureMigratedPostgres(install);
		[postgres, redis] = await Promise.all([startPostgres({ fromData }), startRedis()]);
		const shared = { ...queueEnv(postgres, redis), ...options.env };
		main = (await launchN8n({ version: options.version, env: { ...shared, N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true' } })).instance;
		// Every process must encrypt credentials with the same key: the one main's user folder holds.
		const { encryptionKey } = JSON.parse(fs.readFileSync(path.join(main.userFolder, '.n8n', 'config'), 'utf8')) as { encryptionKey: string };
		const everywhere = { ...shared, N8N_ENCRYPTION_KEY: encryptionKey };
		const concurrency = options.workerConcurrency ?? 5;
		const launches = [
			...Array.from({ length: options.workers ?? 2 }, (_, index) => startQueueProcess(install, 'worker', index + 1, everywhere, concurrency)),
			...Array.from({ length: options.webhookProcessors ?? 2 }, (_, index) => startQueueProcess(install, 'webhook', index + 1, everywhere, concurrency)),
		];
		const results = await Promise.allSettled(launches);
		for (const result of results) if (result.status === 'fulfilled') started.push(result.value);
		const failed = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
		if (failed) throw failed.reason;
		return {
			version: options.version,
			main,
			workers: started.filter((one) => one.info.role === 'worker').map((one) => one.info),
			webhooks: started.filter((one) => one.info.role === 'webhook').map((one) => one.info),
			sharedEnv: everywhere,
			stop,
		};
	} catch (error) {
		await stop();
		throw error;
	}
}
