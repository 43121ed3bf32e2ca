import type { Reply } from './reply';

/**
 * Remembers the answer to every write sent with `?requestid=`, per realm, so that a retry gets the
 * ORIGINAL answer instead of writing twice. Least recently used ids are forgotten past `capacity`.
 */
export class RequestIdStore {
	private realms = new Map<string, Map<string, Reply>>();

	constructor(private capacity: number) {}

	setCapacity(capacity: number): void {
		this.capacity = capacity;
	}

	get(realmId: string, requestId: string): Reply | undefined {
		const replies = this.realms.get(realmId);
		const reply = replies?.get(requestId);
		if (reply && replies) {
			replies.delete(requestId);
			replies.set(requestId, reply);
		}
		return reply;
	}

	remember(realmId: string, requestId: string, reply: Reply): void {
		let replies = this.realms.get(realmId);
		if (!replies) {
			replies = new Map();
			this.realms.set(realmId, replies);
		}
		replies.delete(requestId);
		replies.set(requestId, reply);
		while (replies.size > this.capacity) {
			const oldest = replies.keys().next().value as string;
			replies.delete(oldest);
		}
	}

	/** Remembers `reply` unless an answer for this id is already remembered (two in flight: the first to finish counts). */
	rememberFirst(realmId: string, requestId: string, reply: Reply): void {
		if (this.realms.get(realmId)?.has(requestId)) return;
		this.remember(realmId, requestId, reply);
	}

	size(realmId: string): number {
		return this.realms.get(realmId)?.size ?? 0;
	}

	reset(): void {
		this.realms.clear();
	}
}
