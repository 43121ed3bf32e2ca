/** Jest global teardown for the e2e project: no n8n may outlive the run, even after a failed test. */
import { stopAllRegistered } from './harness/process-registry';
import { stopSharedN8ns } from './harness/shared-n8n';

export default async function globalTeardown(): Promise<void> {
	const shared = await stopSharedN8ns();
	if (shared.length) process.stderr.write(`[e2e] global teardown stopped the shared ${shared.join(', ')}\n`);
	const stopped = await stopAllRegistered();
	if (stopped.length) process.stderr.write(`[e2e] global teardown stopped: ${stopped.join(', ')}\n`);
}
