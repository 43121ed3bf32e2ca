import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { N8nInstall } from '../../../scripts/n8n/install';
import { withLock } from '../../../scripts/n8n/lock';
import { cacheRoot } from '../../../scripts/n8n/versions';
import { n8nEnv, runN8nCommand } from './n8n-process';

const MARKER = '.template-complete';

/**
 * A fresh n8n database runs a few hundred migrations on its first start (tens of seconds on two cores).
 * One migrated database per n8n line is kept in the cache and copied into every fresh user folder,
 * together with the config file holding the encryption key the database belongs to.
 */
function templateDir(install: N8nInstall): string {
	return path.join(cacheRoot(), `user-folder-template-n8n-${install.version}`);
}

/** Creates the migrated template once (a CLI command migrates the database and exits); returns its folder. */
export async function ensureTemplate(install: N8nInstall): Promise<string> {
	const dir = templateDir(install);
	if (fs.existsSync(path.join(dir, MARKER))) return dir;
	return withLock(
		`${dir}.lock`,
		async () => {
			if (fs.existsSync(path.join(dir, MARKER))) return dir;
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			const env = n8nEnv(install, {
				N8N_USER_FOLDER: dir,
				N8N_DIAGNOSTICS_ENABLED: 'false',
				N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			});
			const logFile = path.join(os.tmpdir(), 'qbo-sync-e2e-logs', `template-n8n-${install.version}-${Date.now()}.log`);
			await runN8nCommand(install, ['list:workflow'], env, logFile, 300_000);
			if (!fs.existsSync(path.join(dir, '.n8n', 'database.sqlite'))) {
				throw new Error(`n8n list:workflow left no database in ${dir}`);
			}
			fs.writeFileSync(path.join(dir, MARKER), new Date().toISOString());
			return dir;
		},
		{ timeoutMs: 600_000 },
	);
}

/** Fills an empty user folder with the migrated database and its encryption key. */
export async function seedUserFolder(install: N8nInstall, userFolder: string): Promise<void> {
	const source = path.join(await ensureTemplate(install), '.n8n');
	const target = path.join(userFolder, '.n8n');
	fs.mkdirSync(target, { recursive: true });
	for (const name of fs.readdirSync(source)) {
		if (name === 'config' || name.startsWith('database.sqlite')) {
			fs.copyFileSync(path.join(source, name), path.join(target, name));
		}
	}
	fs.chmodSync(path.join(target, 'config'), 0o600);
}
