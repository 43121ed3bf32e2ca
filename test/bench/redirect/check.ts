/**
 * Proves the redirect in a separate Node process set up exactly as the benchmark's n8n is (preload +
 * throwaway CA, nothing else): an HTTPS GET of Intuit's production API host, with certificate checks
 * on, must reach the emulator. Also a CLI: `npx tsx test/bench/redirect/check.ts [path/to/node]`.
 */
import { execFile } from 'node:child_process';
import { startEmulator } from '../../../emulator/src';
import { startTlsFront, type TlsFront } from './tls-front';

export interface RedirectProof {
	status: number;
	companyName: string;
	/** Emulator requests counted while the probe ran (must be ≥ 1: it really went there). */
	emulatorRequests: number;
}

const PROBE = `
const https = require('node:https');
const [url, token] = process.argv.slice(1);
https.get(url, { headers: { Authorization: 'Bearer ' + token, Accept: 'application/json' } }, (res) => {
	let body = '';
	res.on('data', (chunk) => (body += chunk));
	res.on('end', () => { process.stdout.write(JSON.stringify({ status: res.statusCode, body })); });
}).on('error', (error) => { process.stdout.write(JSON.stringify({ error: error.message })); });
`;

/** Runs the probe with `nodeBin` under the front's environment; rejects unless it got the emulator's answer. */
export async function proveRedirect(
	front: TlsFront,
	options: { nodeBin: string; realmId: string; accessToken: string; emulatorRequests: () => number },
): Promise<RedirectProof> {
	const before = options.emulatorRequests();
	const url = `https://quickbooks.api.intuit.com/v3/company/${options.realmId}/companyinfo/${options.realmId}?minorversion=75`;
	const output = await new Promise<string>((resolve, reject) => {
		execFile(
			options.nodeBin,
			['-e', PROBE, url, options.accessToken],
			{ env: { PATH: process.env.PATH ?? '', ...front.processEnv() }, timeout: 20_000 },
			(error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
		);
	});
	const answer = JSON.parse(output) as { status?: number; body?: string; error?: string };
	if (answer.error) throw new Error(`redirect probe failed: ${answer.error}`);
	const company = JSON.parse(answer.body ?? '{}') as { CompanyInfo?: { CompanyName?: string } };
	const proof = {
		status: answer.status ?? 0,
		companyName: company.CompanyInfo?.CompanyName ?? '',
		emulatorRequests: options.emulatorRequests() - before,
	};
	if (proof.status !== 200 || !proof.companyName || proof.emulatorRequests < 1) {
		throw new Error(`redirect probe did not reach the emulator: ${JSON.stringify(proof)} ${output.slice(0, 500)}`);
	}
	return proof;
}

async function main(): Promise<void> {
	const nodeBin = process.argv[2] ?? process.execPath;
	const emulator = await startEmulator({ quiet: true, limits: false });
	const front = await startTlsFront(emulator.url).catch(async (error) => {
		await emulator.stop();
		throw error;
	});
	try {
		const tokens = emulator.issueTokens(emulator.realms.us);
		const proof = await proveRedirect(front, {
			nodeBin,
			realmId: emulator.realms.us,
			accessToken: tokens.access_token,
			emulatorRequests: () => emulator.stats().requests,
		});
		console.log(`redirect OK with ${nodeBin}: ${JSON.stringify(proof)}`);
	} finally {
		await front.stop();
		await emulator.stop();
	}
}

if (require.main === module) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.stack : error);
		process.exit(1);
	});
}
