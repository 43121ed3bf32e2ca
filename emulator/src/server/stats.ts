/** What GET /__admin/stats answers. */
export interface StatsSnapshot {
	requests: number;
	byEndpoint: Record<string, number>;
	byStatus: Record<string, number>;
	throttled: number;
	/** Requests whose socket was destroyed without an answer ('drop' faults, client aborts). */
	dropped: number;
	writesByEntity: Record<string, number>;
	since: string;
}

/** Counters for every non-admin request. */
export class Stats {
	private data: StatsSnapshot;

	constructor(private readonly nowIso: () => string) {
		this.data = this.empty();
	}

	/** Counts one finished request; `status` undefined = the socket closed with no answer. */
	record(endpoint: string, status: number | undefined): void {
		const data = this.data;
		data.requests++;
		data.byEndpoint[endpoint] = (data.byEndpoint[endpoint] ?? 0) + 1;
		if (status === undefined) {
			data.dropped++;
			return;
		}
		data.byStatus[status] = (data.byStatus[status] ?? 0) + 1;
		if (status === 429) data.throttled++;
	}

	recordWrite(entity: string): void {
		this.data.writesByEntity[entity] = (this.data.writesByEntity[entity] ?? 0) + 1;
	}

	snapshot(): StatsSnapshot {
		return structuredClone(this.data);
	}

	reset(): void {
		this.data = this.empty();
	}

	private empty(): StatsSnapshot {
		return { requests: 0, byEndpoint: {}, byStatus: {}, throttled: 0, dropped: 0, writesByEntity: {}, since: this.nowIso() };
	}
}
