import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../free-port';
import { spawnService, waitUntilReady } from './service-process';

const REDIS_SERVER = '/usr/bin/redis-server';

export interface RunningRedis {
	host: string;
	port: number;
	stop(): Promise<void>;
}

/** Sends one inline command and resolves with the first reply line. */
function ask(port: number, command: string): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(2_000, () => socket.destroy(new Error('timeout')));
		socket.once('error', reject);
		socket.once('data', (data) => {
			resolve(data.toString().split('\r\n')[0]);
			socket.end();
		});
		socket.write(`${command}\r\n`);
	});
}

/**
 * Debian's redis-server (installed by .ci/run) on a free loopback port, with its own working directory
 * under a temp folder and no persistence: the queue of one test file, gone with it.
 */
export async function startRedis(): Promise<RunningRedis> {
	if (!fs.existsSync(REDIS_SERVER)) throw new Error(`${REDIS_SERVER} is missing: apt-get install -y redis-server (.ci/run does)`);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-redis-'));
	const port = await freePort();
	const args = ['--bind', '127.0.0.1', '--port', String(port), '--dir', dir, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'];
	const server = spawnService(`redis-server ${port}`, REDIS_SERVER, args, path.join(dir, 'redis.log'));
	await waitUntilReady(server, 'redis-server', async () => (await ask(port, 'PING')) === '+PONG', 30_000);
	return {
		host: '127.0.0.1',
		port,
		async stop() {
			await server.stop();
			fs.rmSync(dir, { recursive: true, force: true });
		},
	};
}
