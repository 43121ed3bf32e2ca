import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { N8nInstall } from '../../../../scripts/n8n/install';
import { withLock } from '../../../../scripts/n8n/lock';
import { cacheRoot } from '../../../../scripts/n8n/versions';
import { n8nEnv, runN8nCommand } from '../n8n-process';
import { seedUserFolder } from '../user-folder-template';
import { postgresBinDir, startPostgres } from './postgres';

const MARKER = '.migrated-complete';

/**
 * n8n migrates an empty PostgreSQL database on its first start: a few hundred migrations, which the queue-mode
 * cluster's main process used to run every time. One migrated data folder per n8n line and PostgreSQL major
 * version is kept in the cache (outside the clone, beside the n8n installs) and copied for every cluster, as the
 * SQLite user-folder template is for every other n8n (user-folder-template.ts).
 *
 * The folder is made by `n8n list:workflow` (it migrates the database and exits) with the user-folder template's
 * encryption key, the key every cluster's main starts with. Only the schema is in it: no owner, no workflows.
 */
function cacheDir(install: N8nInstall): string {
	return path.join(cacheRoot(), `postgres-n8n-${install.version}-pg${path.basename(path.dirname(postgresBinDir()))}`);
}

/** The cached data folder of `install`'s migrated database (made once, under a lock); start from it with `fromData`. */
export async function ensureMigratedPostgres(install: N8nInstall): Promise<string> {
	const dir = cacheDir(install);
	const data = path.join(dir, 'data');
	if (fs.existsSync(path.join(dir, MARKER))) return data;
	return withLock(
		`${dir}.lock`,
		async () => {
			if (fs.existsSync(path.join(dir, MARKER))) return data;
			fs.rmSync(dir, { recursive: true, force: true });
			fs.mkdirSync(dir, { recursive: true });
			const postgres = await startPostgres();
			const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `qbo-sync-n8n-${install.version}-migrate-`));
			let migrated = false;
			try {
				await seedUserFolder(install, userFolder);
				const env = n8nEnv(install, {
					N8N_USER_FOLDER: userFolder,
					N8N_DIAGNOSTICS_ENABLED: 'false',
					N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
					DB_TYPE: 'postgresdb',
					DB_POSTGRESDB_HOST: postgres.host,
					DB_POSTGRESDB_PORT: String(postgres.port),
					DB_POSTGRESDB_USER: postgres.user,
					DB_POSTGRESDB_DATABASE: postgres.database,
				});
				const logFile = path.join(os.tmpdir(), 'qbo-sync-e2e-logs', `postgres-migrate-n8n-${install.version}-${Date.now()}.log`);
				await runN8nCommand(install, ['list:workflow'], env, logFile, 600_000);
				migrated = true;
			} finally {
				await postgres.stop(migrated ? { keepDataIn: data } : undefined);
				fs.rmSync(userFolder, { recursive: true, force: true });
			}
			fs.writeFileSync(path.join(dir, MARKER), new Date().toISOString());
			return data;
		},
		{ timeoutMs: 900_000 },
	);
}
