/**
 * The test suites' way to tune the transport: the QBO_SYNC_* variables below, read at every call, are
 * handed to the transport through setTransportTuning (the published nodes never read the environment;
 * see nodes/shared/transport/tuning.ts). Loaded by jest as a setup file of the unit, transport
 * and node projects, so a test file (or test/support/fast-retries.ts) just sets the variables.
 */
import { setTransportTuning, type TransportTuning } from '../../nodes/shared/transport/tuning';

export const TUNING_VARIABLES = {
	retry: {
		baseDelayMs: 'QBO_SYNC_RETRY_BASE_MS',
		maxDelayMs: 'QBO_SYNC_RETRY_MAX_MS',
		maxAttempts: 'QBO_SYNC_RETRY_ATTEMPTS',
		maxTotalWaitMs: 'QBO_SYNC_RETRY_TOTAL_MS',
		retryAfterScale: 'QBO_SYNC_RETRY_AFTER_SCALE',
		timeoutMs: 'QBO_SYNC_TIMEOUT_MS',
	},
	pace: {
		perSecond: 'QBO_SYNC_MAX_PER_SECOND',
		perMinute: 'QBO_SYNC_MAX_PER_MINUTE',
		batchPerMinute: 'QBO_SYNC_MAX_BATCH_PER_MINUTE',
	},
	maxConcurrency: 'QBO_SYNC_MAX_CONCURRENCY',
} as const;

/** A non-negative number, or undefined when the variable is unset, empty or not a number. */
function read(env: Record<string, string | undefined>, name: string): number | undefined {
	const text = env[name];
	if (text === undefined || text === '') return undefined;
	const value = Number(text);
	return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function readGroup<K extends string>(env: Record<string, string | undefined>, names: Record<K, string>): Partial<Record<K, number>> {
	const group: Partial<Record<K, number>> = {};
	for (const key of Object.keys(names) as K[]) {
		const value = read(env, names[key]);
		if (value !== undefined) group[key] = value;
	}
	return group;
}

/** The tuning the QBO_SYNC_* variables of `env` ask for. */
export function tuningFromEnv(env: Record<string, string | undefined>): TransportTuning {
	return {
		retry: readGroup(env, TUNING_VARIABLES.retry),
		pace: readGroup(env, TUNING_VARIABLES.pace),
		maxConcurrency: read(env, TUNING_VARIABLES.maxConcurrency),
	};
}

setTransportTuning(() => tuningFromEnv(process.env));
