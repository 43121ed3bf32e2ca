import type { IDataObject } from 'n8n-workflow';

/**
 * What one node execution already knows about QuickBooks: named records by key, and whole lists
 * (tax codes, preferences) loaded at most once. Lives for one execution, so a run never resolves
 * the same customer twice and never trusts stale data from an earlier run.
 */
export class SyncCache {
	private readonly records = new Map<string, IDataObject>();

	private readonly loads = new Map<string, Promise<unknown>>();

	/** A record found or created earlier in this execution. */
	get(entity: string, field: string, value: string): IDataObject | undefined {
		return this.records.get(recordKey(entity, field, value));
	}

	/** Remembers a record under one of its keys. */
	set(entity: string, field: string, value: string, record: IDataObject): void {
		this.records.set(recordKey(entity, field, value), record);
	}

	/** Loads something once per execution (e.g. the tax codes) and shares the promise. */
	async once<T>(key: string, load: () => Promise<T>): Promise<T> {
		let pending = this.loads.get(key) as Promise<T> | undefined;
		if (!pending) {
			pending = load();
			this.loads.set(key, pending);
			// A failed load must not poison the rest of the execution.
			pending.catch(() => this.loads.delete(key));
		}
		return await pending;
	}
}

/** QuickBooks compares names case-insensitively, so keys do too. */
export function recordKey(entity: string, field: string, value: string): string {
	return `${entity}\u0000${field}\u0000${normaliseName(value)}`;
}

/** The form in which two names are "the same" for QuickBooks. */
export function normaliseName(value: string): string {
	return value.trim().toLowerCase();
}
