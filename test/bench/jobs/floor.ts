import type { Limits } from '../../../emulator/src';
import type { Minimum } from './minimum';

export interface Floor {
	ms: number;
	/** How it was reached, for the report. */
	formula: string;
}

/**
 * The least wall time Intuit's limits allow for a job's MINIMUM requests, however fast n8n were. The
 * windows slide: of R requests at most L per minute, request L + 1 starts a full minute after the
 * first, so the last one starts ⌊(R−1)/L⌋ minutes in. The bound is the largest of the per-minute
 * window (all requests), the batch window (batch calls, 40 a minute) and the per-second window.
 * Service time of the last request is left out: the floor is a lower bound.
 */
export function limitFloor(minimum: Minimum, limits: Limits): Floor {
	const requests = minimum.requests;
	const batches = minimum.parts.filter((part) => part.kind === 'batch').reduce((sum, part) => sum + part.requests, 0);
	const windows = (n: number, perWindow: number) => (n > 0 && perWindow > 0 ? Math.floor((n - 1) / perWindow) : 0);
	const bounds = [
		{ ms: windows(requests, limits.requestsPerMinute) * 60_000, text: `⌊(${requests}−1)/${limits.requestsPerMinute}⌋ min` },
		{ ms: windows(batches, limits.batchRequestsPerMinute) * 60_000, text: `⌊(${batches} batch calls−1)/${limits.batchRequestsPerMinute}⌋ min` },
		{ ms: windows(requests, limits.requestsPerSecond) * 1000, text: `⌊(${requests}−1)/${limits.requestsPerSecond}⌋ s` },
	];
	const ms = Math.max(...bounds.map((bound) => bound.ms));
	return { ms, formula: `max(${bounds.map((bound) => `${bound.text} = ${bound.ms / 1000} s`).join(', ')}) = ${ms / 1000} s` };
}
