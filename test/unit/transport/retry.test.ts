import { backoffDelay, nextDelay, parseRetryAfter, resolveRetryPolicy, DEFAULT_RETRY_POLICY } from '../../../nodes/shared/transport/retry';
import { setTransportTuning } from '../../../nodes/shared/transport/tuning';
import { tuningFromEnv } from '../../support/transport-tuning-env';

describe('backoff', () => {
	const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

	it('grows the jitter ceiling exponentially up to the cap', () => {
		const top = () => 0.999999;
		expect(backoffDelay(0, policy, top)).toBe(99);
		expect(backoffDelay(1, policy, top)).toBe(199);
		expect(backoffDelay(3, policy, top)).toBe(799);
		expect(backoffDelay(4, policy, top)).toBe(999);
		expect(backoffDelay(50, policy, top)).toBe(999);
	});

	it('is full jitter: the wait can be anywhere from 0', () => {
		expect(backoffDelay(5, policy, () => 0)).toBe(0);
		const samples = Array.from({ length: 200 }, () => backoffDelay(5, policy));
		expect(Math.min(...samples)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...samples)).toBeLessThan(1000);
		expect(new Set(samples).size).toBeGreaterThan(50);
	});

	it('honours Retry-After (scaled) instead of the backoff, with a little jitter', () => {
		expect(nextDelay(0, { ...policy, retryAfterScale: 1 }, 2000, () => 0)).toBe(2000);
		expect(nextDelay(0, { ...policy, retryAfterScale: 0.5 }, 2000, () => 0.5)).toBe(1050);
	});

	it('reads Retry-After as seconds or an HTTP date', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('0.5')).toBe(500);
		expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
		expect(parseRetryAfter(undefined)).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
	});
});

describe('resolveRetryPolicy', () => {
	it('takes defaults, then the tuning (the test suites set it from QBO_SYNC_* variables), then explicit options', () => {
		expect(resolveRetryPolicy({}, {})).toEqual(DEFAULT_RETRY_POLICY);
		const env = { QBO_SYNC_RETRY_BASE_MS: '5', QBO_SYNC_RETRY_MAX_MS: '50', QBO_SYNC_RETRY_ATTEMPTS: '3', QBO_SYNC_TIMEOUT_MS: 'x' };
		const tuned = tuningFromEnv(env).retry;
		const fromEnv = resolveRetryPolicy({}, tuned);
		expect(fromEnv).toMatchObject({ baseDelayMs: 5, maxDelayMs: 50, maxAttempts: 3, timeoutMs: DEFAULT_RETRY_POLICY.timeoutMs });
		expect(resolveRetryPolicy({ maxAttempts: 9 }, tuned).maxAttempts).toBe(9);
		expect(resolveRetryPolicy({ maxAttempts: 0 }, {}).maxAttempts).toBe(1);
		expect(resolveRetryPolicy({}, { baseDelayMs: -1, maxDelayMs: Number.NaN })).toEqual(DEFAULT_RETRY_POLICY);
	});

	it('never reads the environment itself: without a tuning, QBO_SYNC_* variables change nothing', () => {
		const saved = process.env.QBO_SYNC_RETRY_ATTEMPTS;
		process.env.QBO_SYNC_RETRY_ATTEMPTS = '2';
		try {
			expect(resolveRetryPolicy().maxAttempts).toBe(2); // the suites' setup file maps the variable
			setTransportTuning({});
			expect(resolveRetryPolicy().maxAttempts).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
			setTransportTuning({ retry: { maxAttempts: 4 } });
			expect(resolveRetryPolicy().maxAttempts).toBe(4);
		} finally {
			setTransportTuning(() => tuningFromEnv(process.env));
			if (saved === undefined) delete process.env.QBO_SYNC_RETRY_ATTEMPTS;
			else process.env.QBO_SYNC_RETRY_ATTEMPTS = saved;
		}
	});
});
