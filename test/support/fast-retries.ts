/**
 * Shrinks the transport's retry waits for a test file (the suites' jest setup file hands these variables
 * to the transport at call time; see test/support/transport-tuning-env.ts). Call at the top level of a test file.
 */
export function useFastRetries(values: Record<string, string> = {}): void {
	const settings: Record<string, string> = {
		QBO_SYNC_RETRY_BASE_MS: '20',
		QBO_SYNC_RETRY_MAX_MS: '200',
		QBO_SYNC_RETRY_ATTEMPTS: '6',
		QBO_SYNC_RETRY_TOTAL_MS: '20000',
		...values,
	};
	const saved: Record<string, string | undefined> = {};
	beforeAll(() => {
		for (const [key, value] of Object.entries(settings)) {
			saved[key] = process.env[key];
			process.env[key] = value;
		}
	});
	afterAll(() => {
		for (const key of Object.keys(settings)) {
			if (saved[key] === undefined) delete process.env[key];
			else process.env[key] = saved[key];
		}
	});
}
