/**
 * `npm start` — the main job, for a newcomer: the QuickBooks Online emulator and a real n8n with this
 * package, every template workflow imported and a credential already connected to the emulator.
 * State lives in .demo/ (git-ignored) and survives restarts; Ctrl-C stops both cleanly.
 *
 * Ports: QBO_EMULATOR_PORT (default 5757), N8N_PORT (default 5678). n8n line: N8N_DEMO_VERSION (default the 2.x pin).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/src';
import { startN8n, type N8nInstance, type WorkflowJson } from '../test/e2e/harness';
import { ensurePackageBuilt, REPO_ROOT } from '../test/e2e/harness/build-package';
import { connectedQuickBooksCredential, QUICKBOOKS_CREDENTIAL_TYPE } from '../test/e2e/harness/quickbooks-credential';
import { N8N_VERSIONS, isPinnedVersion, type N8nVersion } from './n8n/versions';

const DEMO_DIR = path.join(REPO_ROOT, '.demo');
const SETUP_FILE = path.join(DEMO_DIR, 'setup.json');
const WORKFLOWS_DIR = path.join(REPO_ROOT, 'workflows');
const SAMPLES_DIR = path.join(WORKFLOWS_DIR, 'samples');

/** What the first run set up, so later runs reuse it instead of importing twice. */
interface DemoSetup {
	credentialId: string;
	workflows: Record<string, string>;
}

function step(message: string): void {
	console.log(`\n» ${message}`);
}

function n8nVersion(): N8nVersion {
	const wanted = process.env.N8N_DEMO_VERSION ?? N8N_VERSIONS.current;
	if (!isPinnedVersion(wanted)) {
		throw new Error(`N8N_DEMO_VERSION must be one of ${Object.values(N8N_VERSIONS).join(', ')}`);
	}
	return wanted;
}

function readSetup(): DemoSetup | undefined {
	try {
		return JSON.parse(fs.readFileSync(SETUP_FILE, 'utf8')) as DemoSetup;
	} catch {
		return undefined;
	}
}

function templateFiles(): string[] {
	if (!fs.existsSync(WORKFLOWS_DIR)) return [];
	return fs
		.readdirSync(WORKFLOWS_DIR)
		.filter((file) => file.endsWith('.json'))
		.sort();
}

/** Points every QuickBooks Sync node of a template at the demo credential. */
function withDemoCredential(workflow: WorkflowJson, credentialId: string, credentialName: string): WorkflowJson {
	const nodes = (workflow.nodes as Array<{ credentials?: Record<string, unknown> }>).map((node) =>
		node.credentials?.[QUICKBOOKS_CREDENTIAL_TYPE]
			? { ...node, credentials: { ...node.credentials, [QUICKBOOKS_CREDENTIAL_TYPE]: { id: credentialId, name: credentialName } } }
			: node,
	);
	return { ...workflow, nodes };
}

/** First run only: a connected credential and every template, imported once. */
async function setUpOnce(n8n: N8nInstance, emulator: RunningEmulator): Promise<DemoSetup> {
	const existing = readSetup();
	const setup: DemoSetup = existing ?? { credentialId: '', workflows: {} };
	const credentialName = 'QuickBooks Sync (local emulator)';
	if (!setup.credentialId) {
		step('Connecting a QuickBooks Sync credential to the emulator (US company)');
		setup.credentialId = await n8n.importCredential(
			connectedQuickBooksCredential({
				name: credentialName,
				emulatorUrl: `http://localhost:${emulator.port}`,
				clientId: emulator.demoClient.clientId,
				clientSecret: emulator.demoClient.clientSecret,
				realmId: emulator.realms.us,
				tokens: emulator.issueTokens(emulator.realms.us),
			}),
		);
	}
	for (const file of templateFiles()) {
		if (setup.workflows[file]) continue;
		const workflow = JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) as WorkflowJson;
		setup.workflows[file] = await n8n.importWorkflow(withDemoCredential(workflow, setup.credentialId, credentialName));
		console.log(`  imported ${file}`);
	}
	fs.writeFileSync(SETUP_FILE, JSON.stringify(setup, null, 2));
	return setup;
}

/** The webhook path of a workflow's first Webhook node, if it has one. */
function webhookPath(file: string): string | undefined {
	const workflow = JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, file), 'utf8')) as WorkflowJson;
	const webhook = (workflow.nodes as Array<{ type: string; parameters?: { path?: string } }>).find(
		(node) => node.type === 'n8n-nodes-base.webhook',
	);
	return webhook?.parameters?.path;
}

/** Activates the first template that has a sample event, so the printed hint works at once. */
async function prepareHint(n8n: N8nInstance, setup: DemoSetup): Promise<string[]> {
	for (const file of templateFiles()) {
		const sample = path.join(SAMPLES_DIR, file);
		const hookPath = webhookPath(file);
		if (!fs.existsSync(sample) || !hookPath) continue;
		try {
			await n8n.activate(setup.workflows[file]);
		} catch (error) {
			console.warn(`  could not activate ${file}: ${(error as Error).message}`);
			continue;
		}
		return [
			`Try it: send a sample event to the active template "${file}":`,
			`  curl -X POST ${n8n.url.replace('127.0.0.1', 'localhost')}/webhook/${hookPath} \\`,
			`       -H 'content-type: application/json' -d @${path.relative(process.cwd(), sample)}`,
		];
	}
	return ['Open a template workflow, press "Execute workflow", and watch the documents appear in the emulator.'];
}

async function main(): Promise<void> {
	fs.mkdirSync(DEMO_DIR, { recursive: true });
	const version = n8nVersion();

	step('Building the package (tsc + icons)');
	ensurePackageBuilt();

	step('Starting the QuickBooks Online emulator');
	const emulator = await startEmulator({
		port: Number(process.env.QBO_EMULATOR_PORT ?? 5757),
		dataFile: path.join(DEMO_DIR, 'emulator.json'),
	});

	step(`Starting n8n ${version} (installed into a cache on first use: a few minutes, once)`);
	let n8n: N8nInstance;
	try {
		n8n = await startN8n({ version, userFolder: path.join(DEMO_DIR, `n8n-${version}`), port: Number(process.env.N8N_PORT ?? 5678) });
	} catch (error) {
		await emulator.stop();
		throw error;
	}

	let stopping = false;
	const stop = async (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n» ${signal}: stopping n8n and the emulator (state kept in .demo/)`);
		await n8n.stop({ keepUserFolder: true });
		await emulator.stop();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop('Ctrl-C'));
	process.on('SIGTERM', () => void stop('SIGTERM'));

	const setup = await setUpOnce(n8n, emulator);
	const hint = await prepareHint(n8n, setup);
	const editor = n8n.url.replace('127.0.0.1', 'localhost');
	console.log(
		[
			'',
			'──────────────────────────────────────────────────────────────────────',
			` n8n editor        ${editor}   (login ${n8n.owner.email} / ${n8n.owner.password})`,
			` QuickBooks (emu)  ${emulator.url}   companies: US ${emulator.realms.us}, CA ${emulator.realms.ca}`,
			` Emulator view     ${emulator.url}/__admin/ui`,
			` Templates         ${Object.keys(setup.workflows).length} imported, credential "QuickBooks Sync (local emulator)" connected`,
			'',
			...hint.map((line) => ` ${line}`),
			'',
			' Ctrl-C stops both. Data persists in .demo/ (delete it to start over).',
			'──────────────────────────────────────────────────────────────────────',
		].join('\n'),
	);
}

main().catch((error: Error) => {
	console.error(`\nnpm start failed: ${error.stack ?? error.message}`);
	process.exit(1);
});
