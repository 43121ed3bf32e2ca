import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port';
import { spawnService, waitUntilReady } from './service-process';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

export interface RunningPostgres {
	host: string;
	port: number;
	user: string;
	database: string;
	/** Stops the server and removes its folder; `keepDataIn` first copies the stopped data folder there. */
	stop(options?: { keepDataIn?: string }): Promise<void>;
}

export interface PostgresOptions {
	/**
	 * A stopped data folder of an earlier server (its `n8n` database included) to start from, copied: no initdb,
	 * no createdb. The queue-mode cluster starts from one where n8n's migrations already ran (migrated-postgres.ts).
	 */
	fromData?: string;
}

/** The newest PostgreSQL Debian installed (`/usr/lib/postgresql/<major>/bin`). */
export function postgresBinDir(): string {
	const majors = fs.existsSync(PG_ROOT) ? fs.readdirSync(PG_ROOT).filter((name) => /^\d+$/.test(name)) : [];
	const newest = majors.sort((a, b) => Number(b) - Number(a))[0];
	if (!newest) throw new Error(`no PostgreSQL under ${PG_ROOT}: apt-get install -y postgresql (.ci/run does)`);
	return path.join(PG_ROOT, newest, 'bin');
}

/**
 * Who runs the server. PostgreSQL refuses to run as root, and CI runs as root: then the server runs as the
 * `postgres` system user Debian's package creates (uid/gid switched by Node's spawn, no sudo); anyone else
 * runs it as themselves.
 */
function serverUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((entry) => entry.startsWith('postgres:'));
	if (!line) throw new Error('running as root and there is no postgres user: apt-get install -y postgresql creates it');
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

/** `cp -a`: keeps owner and modes (the server refuses a data folder that is not its own, mode 0700). */
async function copyData(from: string, to: string): Promise<void> {
	await run('cp', ['-a', from, to]);
}

/**
 * A throwaway PostgreSQL for n8n's queue mode: initdb into a temp folder (or a copy of `fromData`), the server
 * on a free loopback port (its socket in the same folder, nothing in /var/run), trust authentication for the
 * `n8n` role, and durability off (fsync, synchronous commit) because the data dies with the test file.
 */
export async function startPostgres(options: PostgresOptions = {}): Promise<RunningPostgres> {
	const bin = postgresBinDir();
	const user = serverUser();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-postgres-'));
	if (user) fs.chownSync(dir, user.uid, user.gid);
	const data = path.join(dir, 'data');
	const asServer = user ? { uid: user.uid, gid: user.gid } : {};
	const env = { ...process.env, LC_ALL: 'C.UTF-8' };
	if (options.fromData) await copyData(options.fromData, data);
	else await run(path.join(bin, 'initdb'), ['-D', data, '-U', 'n8n', '--auth=trust', '-E', 'UTF8', '--no-sync'], { ...asServer, env, cwd: dir });
	const port = await freePort();
	const settings = ['listen_addresses=127.0.0.1', `unix_socket_directories=${dir}`, 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=200'];
	const server = spawnService(
		`postgres ${port}`,
		path.join(bin, 'postgres'),
		['-D', data, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])],
		path.join(os.tmpdir(), 'qbo-sync-e2e-logs', `postgres-${port}-${Date.now()}.log`),
		{ ...asServer, env, cwd: dir },
	);
	const connect = ['-h', '127.0.0.1', '-p', String(port), '-U', 'n8n'];
	await waitUntilReady(server, 'postgres', async () => (await run(path.join(bin, 'pg_isready'), connect).then(() => true)), 60_000);
	if (!options.fromData) await run(path.join(bin, 'createdb'), [...connect, 'n8n'], { env });
	return {
		host: '127.0.0.1',
		port,
		user: 'n8n',
		database: 'n8n',
		async stop(stopOptions) {
			// A fast shutdown: open connections are cut (n8n is stopped first anyway); it still writes a clean checkpoint.
			const clean = await run(path.join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w'], { ...asServer, env }).then(
				() => true,
				() => false,
			);
			await server.stop();
			try {
				if (stopOptions?.keepDataIn && !clean) throw new Error(`postgres ${port} did not shut down cleanly: its data folder is not kept`);
				if (stopOptions?.keepDataIn) await copyData(data, stopOptions.keepDataIn);
			} finally {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		},
	};
}
