/** Intuit's throttles, per realm (the emulator has one app, so "per realm and app" is per realm). */
export interface Limits {
	/** Requests per emulated minute (Intuit: 500). */
	requestsPerMinute: number;
	/** Requests per emulated second (Intuit: 10). */
	requestsPerSecond: number;
	/** Requests in flight at once (Intuit: 10). */
	concurrentRequests: number;
	/** `POST /batch` calls per emulated minute (Intuit: 40). */
	batchRequestsPerMinute: number;
}

export const INTUIT_LIMITS: Readonly<Limits> = Object.freeze({
	requestsPerMinute: 500,
	requestsPerSecond: 10,
	concurrentRequests: 10,
	batchRequestsPerMinute: 40,
});

/** Server behaviour that is not a rate limit; every value can be changed at run time (POST /__admin/config). */
export interface ServerSettings {
	/** undefined = throttling off (`limits: false`). */
	limits: Limits | undefined;
	/** Items allowed in one `POST /batch` (Intuit: 30). */
	batchMaxItems: number;
	/** Send `Retry-After` on 429s. Real QuickBooks does not, so off by default. */
	retryAfter: boolean;
	/** A request still unanswered after this many emulated ms is cut with a 504 (Intuit: 120 s). */
	requestTimeoutMs: number;
	/** Request bodies above this many bytes get a 413 fault. */
	maxBodyBytes: number;
	/** Remembered requestids per realm (least recently used are forgotten first). */
	requestIdCacheSize: number;
	/**
	 * Real milliseconds every write (a POST other than a query, batches included) waits after it is
	 * admitted and before it is checked and applied, so that concurrent writes in tests really overlap.
	 */
	writeLatencyMs: number;
	/** Every company's answer to a second sales document with a number already used (see duplicateDocNumbersOf). */
	duplicateDocNumbers: DuplicateDocNumbers;
	/** Per-company overrides of `duplicateDocNumbers`, by realm id. */
	companyDuplicateDocNumbers: Record<string, DuplicateDocNumbers>;
}

/**
 * A company's duplicate document-number check: 'refuse' answers 6140 (unless the write carries
 * include=allowduplicatedocnum); 'allow' stores the second document with the same number silently, as
 * a company whose duplicate-number warning is off does. QuickBooks' API does not show this setting.
 */
export type DuplicateDocNumbers = 'refuse' | 'allow';

/** The duplicate document-number setting of one company. */
export function duplicateDocNumbersOf(settings: Pick<ServerSettings, 'duplicateDocNumbers' | 'companyDuplicateDocNumbers'>, realmId: string): DuplicateDocNumbers {
	return settings.companyDuplicateDocNumbers[realmId] ?? settings.duplicateDocNumbers;
}

export const DEFAULT_SETTINGS: Readonly<Omit<ServerSettings, 'limits' | 'companyDuplicateDocNumbers'>> = Object.freeze({
	batchMaxItems: 30,
	retryAfter: false,
	requestTimeoutMs: 120_000,
	maxBodyBytes: 10 * 1024 * 1024,
	requestIdCacheSize: 100_000,
	writeLatencyMs: 0,
	duplicateDocNumbers: 'refuse' as DuplicateDocNumbers,
});

/** Limits from the `limits` option: false → off, partial → merged over Intuit's. */
export function resolveLimits(option: Partial<Limits> | false | undefined): Limits | undefined {
	if (option === false) return undefined;
	return { ...INTUIT_LIMITS, ...(option ?? {}) };
}
