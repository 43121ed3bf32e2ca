/**
 * When and how long to wait before repeating a request. Pure functions, so the backoff maths is
 * unit-tested without a clock.
 *
 * Configuration, strongest first: the `retry` option of a call, then environment variables (meant
 * for tests and ops, read at call time), then the defaults below:
 *   QBO_SYNC_RETRY_BASE_MS        first backoff step (default 1000 ms)
 *   QBO_SYNC_RETRY_MAX_MS         cap of one backoff step (default 30000 ms)
 *   QBO_SYNC_RETRY_ATTEMPTS       attempts in total, the first included (default 6)
 *   QBO_SYNC_RETRY_TOTAL_MS       budget for all the waiting of one request (default 120000 ms)
 *   QBO_SYNC_RETRY_AFTER_SCALE    multiplies a server's Retry-After (default 1; an emulator running its clock
 *                                 60× faster can be matched with 0.0167)
 *   QBO_SYNC_TIMEOUT_MS           per-attempt HTTP timeout (default 125000 ms: QuickBooks itself gives up at 120 s)
 */
export interface RetryPolicy {
	baseDelayMs: number;
	maxDelayMs: number;
	maxAttempts: number;
	maxTotalWaitMs: number;
	retryAfterScale: number;
	timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
	baseDelayMs: 1000,
	maxDelayMs: 30_000,
	maxAttempts: 6,
	maxTotalWaitMs: 120_000,
	retryAfterScale: 1,
	timeoutMs: 125_000,
});

const ENV_NAMES: Record<keyof RetryPolicy, string> = {
	baseDelayMs: 'QBO_SYNC_RETRY_BASE_MS',
	maxDelayMs: 'QBO_SYNC_RETRY_MAX_MS',
	maxAttempts: 'QBO_SYNC_RETRY_ATTEMPTS',
	maxTotalWaitMs: 'QBO_SYNC_RETRY_TOTAL_MS',
	retryAfterScale: 'QBO_SYNC_RETRY_AFTER_SCALE',
	timeoutMs: 'QBO_SYNC_TIMEOUT_MS',
};

/** Defaults ← environment ← explicit overrides; nonsense values fall back to the layer below. */
export function resolveRetryPolicy(
	overrides: Partial<RetryPolicy> = {},
	env: Record<string, string | undefined> = process.env,
): RetryPolicy {
	const policy = { ...DEFAULT_RETRY_POLICY };
	for (const key of Object.keys(ENV_NAMES) as Array<keyof RetryPolicy>) {
		const fromEnv = Number(env[ENV_NAMES[key]]);
		if (env[ENV_NAMES[key]] !== undefined && env[ENV_NAMES[key]] !== '' && Number.isFinite(fromEnv) && fromEnv >= 0) {
			policy[key] = fromEnv;
		}
		const explicit = overrides[key];
		if (typeof explicit === 'number' && Number.isFinite(explicit) && explicit >= 0) policy[key] = explicit;
	}
	policy.maxAttempts = Math.max(1, Math.floor(policy.maxAttempts));
	return policy;
}

/**
 * "Full jitter" exponential backoff (AWS architecture blog): a uniform random wait in
 * [0, min(cap, base·2^retry)], so many clients throttled together do not retry in lockstep.
 * `retry` is 0 for the first repeat. `random` is injectable for tests.
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random = Math.random): number {
	const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(retry, 30));
	return Math.floor(random() * ceiling);
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, nowMs = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - nowMs);
}

/**
 * The wait before the next attempt: the server's Retry-After when it sent one (scaled, plus a little
 * jitter so a queue of throttled requests spreads out), otherwise full-jitter backoff.
 */
export function nextDelay(
	retry: number,
	policy: RetryPolicy,
	retryAfterMs: number | undefined,
	random = Math.random,
): number {
	if (retryAfterMs !== undefined) {
		const scaled = retryAfterMs * policy.retryAfterScale;
		return Math.floor(scaled + random() * Math.min(policy.baseDelayMs, Math.max(scaled, 1)));
	}
	return backoffDelay(retry, policy, random);
}

/** HTTP statuses worth repeating: throttled or a transient server-side failure. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Socket-level failures where the request may or may not have reached QuickBooks. */
export const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/** Resolves after `ms` milliseconds. */
export async function sleep(ms: number): Promise<void> {
	if (ms <= 0) return;
	await new Promise<void>((resolve) => setTimeout(resolve, ms));
}
