import type { PaceLimits } from './pacing';
import type { RetryPolicy } from './retry';

/**
 * Process-wide overrides of the transport's limits. Nodes may not read the environment (n8n's
 * verification rules), so the defaults are constants and only code can change them: the test suites
 * and the benchmark shrink the retry waits and open the pacing windows through `setTransportTuning`.
 * A published workflow never calls it and always runs with Intuit's limits.
 */
export interface TransportTuning {
	retry?: Partial<RetryPolicy>;
	pace?: Partial<PaceLimits>;
	/** Requests in flight per realm; read when a realm is first seen. */
	maxConcurrency?: number;
}

let source: () => TransportTuning = () => ({});

/** Replaces the tuning; a function is asked again at every call, so a test can change it between calls. */
export function setTransportTuning(tuning: TransportTuning | (() => TransportTuning)): void {
	source = typeof tuning === 'function' ? tuning : () => tuning;
}

/** The tuning in force now ({} unless a test or the benchmark set one). */
export function transportTuning(): TransportTuning {
	return source();
}
