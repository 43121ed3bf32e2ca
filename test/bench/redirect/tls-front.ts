import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Intuit's host names the built-in QuickBooks node and its OAuth2 credential call (read from n8n 2.41.1's code). */
export const INTUIT_HOSTS = ['quickbooks.api.intuit.com', 'sandbox-quickbooks.api.intuit.com', 'oauth.platform.intuit.com'];

/** The preload that makes those names resolve to loopback inside one process (see the file's comment). */
export const PRELOAD_FILE = path.join(__dirname, 'intuit-hosts.preload.cjs');

export interface TlsFront {
	/** Port it listens on (443 unless asked otherwise). */
	port: number;
	/** The throwaway CA's certificate (PEM file): trust it with NODE_EXTRA_CA_CERTS in one process only. */
	caFile: string;
	/** Environment that redirects one Node process to this front: preload + CA. */
	processEnv(): Record<string, string>;
	/** Forward from now on to another emulator (each benchmark job gets a fresh one). */
	setTarget(targetUrl: string): void;
	stop(): Promise<void>;
}

function openssl(args: string[], cwd: string): void {
	execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
}

/**
 * A throwaway CA and a server certificate for `hosts`, made with the openssl CLI in a fresh temp
 * folder (two days of validity; the folder is deleted when the front stops).
 */
export function makeCertificates(hosts: string[]): { dir: string; caFile: string; keyFile: string; certFile: string } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-bench-tls-'));
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	openssl(
		['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=qbo-bench throwaway CA',
			'-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
		dir,
	);
	openssl(['req', ...ec, '-keyout', 'host.key', '-out', 'host.csr', '-subj', `/CN=${hosts[0]}`], dir);
	fs.writeFileSync(
		path.join(dir, 'host.ext'),
		[
			`subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}`,
			'basicConstraints=critical,CA:FALSE',
			'keyUsage=critical,digitalSignature',
			'extendedKeyUsage=serverAuth',
		].join('\n'),
	);
	openssl(
		['x509', '-req', '-in', 'host.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'host.crt',
			'-days', '2', '-extfile', 'host.ext'],
		dir,
	);
	return { dir, caFile: path.join(dir, 'ca.crt'), keyFile: path.join(dir, 'host.key'), certFile: path.join(dir, 'host.crt') };
}

/**
 * An HTTPS listener on 127.0.0.1 that answers as Intuit's hosts (certificate signed by a throwaway
 * CA) and forwards every request unchanged to `targetUrl` (the emulator). Port 443 by default, so a
 * redirected process needs no port mapping: only the name → 127.0.0.1 preload and the CA.
 * QBO_BENCH_FRONT_ADDRESS picks another loopback address (e.g. 127.0.0.2) when another bench holds 443.
 */
export async function startTlsFront(targetUrl: string, options: { port?: number; hosts?: string[] } = {}): Promise<TlsFront> {
	const hosts = options.hosts ?? INTUIT_HOSTS;
	const address = process.env.QBO_BENCH_FRONT_ADDRESS ?? '127.0.0.1';
	const certificates = makeCertificates(hosts);
	let target = new URL(targetUrl);
	const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

	const server = https.createServer(
		{ key: fs.readFileSync(certificates.keyFile), cert: fs.readFileSync(certificates.certFile) },
		(req, res) => {
			const upstream = http.request(
				{
					host: target.hostname,
					port: target.port,
					method: req.method,
					path: req.url,
					headers: req.headers,
					agent,
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			upstream.on('error', (error) => {
				if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
				res.end(`tls-front: upstream failed: ${error.message}`);
			});
			// A client that gives up must not leave the emulator working on a request nobody reads.
			res.on('close', () => {
				if (!res.writableFinished) upstream.destroy();
			});
			req.pipe(upstream);
		},
	);
	server.keepAliveTimeout = 5_000;
	const port = await new Promise<number>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 443, address, () => resolve((server.address() as AddressInfo).port));
	});

	return {
		port,
		caFile: certificates.caFile,
		processEnv: () => ({
			NODE_OPTIONS: `--require ${PRELOAD_FILE}`,
			NODE_EXTRA_CA_CERTS: certificates.caFile,
			QBO_BENCH_REDIRECT_HOSTS: hosts.join(','),
			QBO_BENCH_REDIRECT_ADDRESS: address,
		}),
		setTarget(url) {
			target = new URL(url);
		},
		async stop() {
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			agent.destroy();
			fs.rmSync(certificates.dir, { recursive: true, force: true });
		},
	};
}
