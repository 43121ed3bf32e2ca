import { QboFault } from '../contracts';

/**
 * Faults a test asks for (POST /__admin/faults):
 *  - fail:  answer `status` at once, nothing is done;
 *  - hang:  never answer (the request is cut by the server timeout or when the client gives up);
 *  - drop:  do the work (the write happens, the requestid is remembered) and destroy the socket
 *           instead of answering — the case `requestid` exists for;
 *  - delay: do the work and answer after `delayMs` emulated ms (requests in flight pile up).
 */
export type InjectedFaultMode = 'fail' | 'hang' | 'drop' | 'delay';

export interface InjectedFaultSpec {
	count: number;
	mode: InjectedFaultMode;
	status?: 429 | 500 | 502 | 503 | 504;
	delayMs?: number;
	match?: { method?: string; pathIncludes?: string };
}

const MODES: InjectedFaultMode[] = ['fail', 'hang', 'drop', 'delay'];
const STATUSES = [429, 500, 502, 503, 504];

/** The list of armed faults; each matching request uses up one. */
export class InjectedFaults {
	private armed: InjectedFaultSpec[] = [];

	/** Validates and arms one fault; throws a QboFault on bad input. */
	add(input: unknown): InjectedFaultSpec {
		const spec = parseSpec(input);
		this.armed.push(spec);
		return spec;
	}

	/** The first armed fault matching the request, used up by one. */
	take(method: string, path: string): InjectedFaultSpec | undefined {
		for (let i = 0; i < this.armed.length; i++) {
			const spec = this.armed[i];
			const match = spec.match;
			if (match?.method && match.method.toUpperCase() !== method) continue;
			if (match?.pathIncludes && !path.toLowerCase().includes(match.pathIncludes.toLowerCase())) continue;
			spec.count--;
			if (spec.count <= 0) this.armed.splice(i, 1);
			return spec;
		}
		return undefined;
	}

	list(): InjectedFaultSpec[] {
		return structuredClone(this.armed);
	}

	isEmpty(): boolean {
		return this.armed.length === 0;
	}

	clear(): void {
		this.armed = [];
	}
}

function parseSpec(input: unknown): InjectedFaultSpec {
	const bad = (detail: string) => QboFault.validation('2010', 'Request has invalid or unsupported property', detail);
	if (!input || typeof input !== 'object') throw bad('fault: expected an object');
	const raw = input as Record<string, unknown>;
	const mode = (raw.mode ?? 'fail') as InjectedFaultMode;
	if (!MODES.includes(mode)) throw bad(`fault: mode must be one of ${MODES.join(', ')}`);
	const count = raw.count === undefined ? 1 : Number(raw.count);
	if (!Number.isInteger(count) || count < 1) throw bad('fault: count must be a positive integer');
	const status = raw.status === undefined ? undefined : Number(raw.status);
	if (status !== undefined && !STATUSES.includes(status)) throw bad(`fault: status must be one of ${STATUSES.join(', ')}`);
	const delayMs = raw.delayMs === undefined ? undefined : Number(raw.delayMs);
	if (delayMs !== undefined && !(delayMs >= 0)) throw bad('fault: delayMs must be >= 0');
	const match = raw.match && typeof raw.match === 'object' ? (raw.match as InjectedFaultSpec['match']) : undefined;
	return { count, mode, status: status as InjectedFaultSpec['status'], delayMs, match };
}
