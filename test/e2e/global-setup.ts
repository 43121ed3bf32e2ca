/**
 * Jest global setup for the e2e project: installs the pinned n8n lines (minutes on a cold cache,
 * seconds after) and builds the package once, before any test's timeout starts ticking; opens the
 * folder where the run's shared n8n processes are recorded (harness/shared-n8n.ts).
 */
import { ensureN8n } from '../../scripts/n8n/install';
import { ensurePackageBuilt } from './harness/build-package';
import { stopAllRegistered } from './harness/process-registry';
import { prepareSharedDir } from './harness/shared-n8n';
import { ensureTemplate } from './harness/user-folder-template';
import { e2eVersions } from './harness/versions';

export default async function globalSetup(): Promise<void> {
	const leftovers = await stopAllRegistered();
	if (leftovers.length) process.stderr.write(`[e2e] stopped leftovers of an earlier run: ${leftovers.join(', ')}\n`);
	for (const version of e2eVersions()) {
		const started = Date.now();
		const install = await ensureN8n(version);
		const how = install.installedInMs === undefined ? 'cached' : 'installed';
		// The migrated database every fresh user folder starts from (created once per line).
		await ensureTemplate(install);
		process.stderr.write(`[e2e] n8n ${version} ${how} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
	}
	ensurePackageBuilt((line) => process.stderr.write(`[e2e] ${line}\n`));
	prepareSharedDir();
}
