/**
 * `npm run emulator -- --port 5757 [--host 127.0.0.1] [--time-scale 60] [--no-limits] [--data-file path]
 *  [--webhook-url … --webhook-token … --webhook-format legacy|cloudevents]`
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index';
import type { WebhookFormat } from './contracts';

const USAGE = `Usage: npm run emulator -- [options]
  --port <n>              port to listen on (default 5757, 0 = any free port)
  --host <addr>           address to listen on (default 127.0.0.1)
  --time-scale <n>        emulated time runs n times faster (default 1)
  --no-limits             turn Intuit's throttles (500/min, 10/s, 10 in flight, 40 batches/min) off
  --retry-after           send Retry-After on 429s (QuickBooks does not)
  --write-latency <ms>    every write waits this many real ms before it is checked and applied (races in tests)
  --duplicate-doc-numbers <refuse|allow>
                          a second sales document with a used number: 6140 (default) or stored silently
  --data-file <path>      keep the companies and tokens in this JSON file across restarts
  --webhook-url <url>     deliver change notifications to this URL
  --webhook-token <tok>   verifier token used to sign deliveries (intuit-signature)
  --webhook-format <f>    legacy (default) or cloudevents
  --quiet                 no warnings
  --help`;

async function main(): Promise<void> {
	const { values } = parseArgs({
		options: {
			port: { type: 'string', default: '5757' },
			host: { type: 'string', default: '127.0.0.1' },
			'time-scale': { type: 'string', default: '1' },
			'no-limits': { type: 'boolean', default: false },
			'retry-after': { type: 'boolean', default: false },
			'data-file': { type: 'string' },
			'write-latency': { type: 'string', default: '0' },
			'duplicate-doc-numbers': { type: 'string', default: 'refuse' },
			'webhook-url': { type: 'string' },
			'webhook-token': { type: 'string' },
			'webhook-format': { type: 'string', default: 'legacy' },
			quiet: { type: 'boolean', default: false },
			help: { type: 'boolean', default: false },
		},
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	const port = Number(values.port);
	const timeScale = Number(values['time-scale']);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: not a port: ${values.port}`);
	if (!(timeScale > 0)) throw new Error(`--time-scale: must be a positive number: ${values['time-scale']}`);
	const writeLatencyMs = Number(values['write-latency']);
	if (!(writeLatencyMs >= 0)) throw new Error(`--write-latency: must be a number >= 0: ${values['write-latency']}`);
	const duplicateDocNumbers = values['duplicate-doc-numbers'];
	if (duplicateDocNumbers !== 'refuse' && duplicateDocNumbers !== 'allow') throw new Error('--duplicate-doc-numbers: refuse or allow');
	const format = values['webhook-format'] as WebhookFormat;
	if (format !== 'legacy' && format !== 'cloudevents') throw new Error('--webhook-format: legacy or cloudevents');
	if (values['webhook-url'] && !values['webhook-token']) throw new Error('--webhook-url needs --webhook-token');

	const emulator = await startEmulator({
		port,
		host: values.host,
		timeScale,
		limits: values['no-limits'] ? false : undefined,
		retryAfter: values['retry-after'],
		dataFile: values['data-file'],
		writeLatencyMs,
		duplicateDocNumbers,
		quiet: values.quiet,
	});
	if (values['webhook-url']) {
		emulator.webhooks.configure({ url: values['webhook-url'], verifierToken: values['webhook-token'] as string, format });
	}

	const us = emulator.issueTokens(emulator.realms.us);
	const ca = emulator.issueTokens(emulator.realms.ca);
	console.log(`QuickBooks Online emulator listening on ${emulator.url}

n8n credential "QuickBooks Sync OAuth2 API":
  Environment:             Custom
  OAuth Base URL:          ${emulator.url}
  API Base URL:            ${emulator.url}
  Client ID:               ${emulator.demoClient.clientId}
  Client Secret:           ${emulator.demoClient.clientSecret}${values['webhook-token'] ? `\n  Webhook Verifier Token:  ${values['webhook-token']}` : ''}
  Consent connects the US company at once; for the Canadian one put realm=ca in
  "Auth URI Query Parameters". (authorize ${emulator.url}/connect/oauth2, token ${emulator.url}/oauth2/v1/tokens/bearer)

Companies (realm ids):
  US  ${emulator.realms.us}
  CA  ${emulator.realms.ca}

Ready-made access tokens (valid ${us.expires_in} s of emulated time; POST ${emulator.url}/__admin/tokens {"realmId":"…"} for more):
  US  ${us.access_token}
  CA  ${ca.access_token}

Try:
  curl -H 'Accept: application/json' -H 'Authorization: Bearer ${us.access_token}' \\
    '${emulator.url}/v3/company/${emulator.realms.us}/query?query=select%20*%20from%20Customer&minorversion=75'

Limits: ${emulator.settings.limits ? JSON.stringify(emulator.settings.limits) : 'off'}; time scale ${timeScale}${values['data-file'] ? `; data file ${values['data-file']}` : ''}${values['webhook-url'] ? `; webhooks → ${values['webhook-url']} (${format})` : ''}
Admin API: ${emulator.url}/__admin/ (see emulator/README.md). Ctrl-C stops.`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping…`);
		emulator.stop().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
	console.error(`qbo-emulator: ${error.message}`);
	process.exit(1);
});
