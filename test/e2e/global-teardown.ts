/** Jest global teardown for the e2e project: no n8n may outlive the run, even after a failed test. */
import { stopAllRegistered } from './harness/process-registry';

export default async function globalTeardown(): Promise<void> {
	const stopped = await stopAllRegistered();
	if (stopped.length) process.stderr.write(`[e2e] global teardown stopped: ${stopped.join(', ')}\n`);
}
