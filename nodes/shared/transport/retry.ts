import { sleep as n8nSleep } from 'n8n-workflow';

import { transportTuning } from './tuning';

/**
 * When and how long to wait before repeating a request. Pure functions, so the backoff maths is
 * unit-tested without a clock.
 *
 * Configuration, strongest first: the `retry` option of a call, then the process-wide tuning (set
 * by tests and the benchmark through setTransportTuning, read at call time; see tuning.ts), then the
 * defaults below:
 *   baseDelayMs        first backoff step (1000 ms)
 *   maxDelayMs         cap of one backoff step (30000 ms)
 *   maxAttempts        attempts in total, the first included (6)
 *   maxTotalWaitMs     budget for all the waiting of one request (120000 ms)
 *   retryAfterScale    multiplies a server's Retry-After (1; an emulator running its clock 60× faster
 *                      can be matched with 0.0167)
 *   timeoutMs          per-attempt HTTP timeout (125000 ms: QuickBooks itself gives up at 120 s)
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

const usable = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** Defaults ← process-wide tuning ← explicit overrides; nonsense values fall back to the layer below. */
export function resolveRetryPolicy(
	overrides: Partial<RetryPolicy> = {},
	tuned: Partial<RetryPolicy> = transportTuning().retry ?? {},
): RetryPolicy {
	const policy = { ...DEFAULT_RETRY_POLICY };
	for (const key of Object.keys(DEFAULT_RETRY_POLICY) as Array<keyof RetryPolicy>) {
		if (usable(tuned[key])) policy[key] = tuned[key];
		if (usable(overrides[key])) policy[key] = overrides[key];
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

/** Resolves after `ms` milliseconds (n8n's own timer helper; nodes may not use timers directly). */
export async function sleep(ms: number): Promise<void> {
	if (ms <= 0) return;
	await n8nSleep(ms);
}
