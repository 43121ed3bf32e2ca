/**
 * The contracts between the emulator's parts. Each part lives in its own folder and is written
 * against these types only:
 *   query/       the QuickBooks query language: parser + evaluator (pure)
 *   accounting/  companies, entities, business rules, seeds, PDF (pure, synchronous, no HTTP)
 *   oauth/       Intuit-shaped OAuth 2.0 server + access-token checks
 *   webhooks/    signed notifications out, Intuit's retry schedule
 *   server/      HTTP: routing, realms, limits (429), requestid replay, batch, CDC, admin, fault injection
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The emulated clock. `timeScale` 60 makes an emulated minute last one real second. */
export interface Clock {
	readonly timeScale: number;
	/** Emulated epoch milliseconds. */
	now(): number;
	nowIso(): string;
	/** Jump emulated time forward (tests: expire tokens, age CDC cursors). */
	advance(ms: number): void;
	/** Run `fn` after `emulatedMs` of emulated time (i.e. emulatedMs / timeScale real ms). */
	setTimeout(fn: () => void, emulatedMs: number): NodeJS.Timeout;
}

export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault';

/** One entry of Fault.Error, spelled as QuickBooks spells it. */
export interface FaultError {
	Message: string;
	Detail: string;
	code: string;
	element?: string;
}

/** A QuickBooks fault: every layer throws this; the server turns it into the HTTP answer. */
export class QboFault extends Error {
	constructor(
		readonly status: number,
		readonly type: FaultType,
		readonly errors: FaultError[],
	) {
		super(errors.map((e) => `${e.code}: ${e.Message}`).join('; '));
	}

	/** The response body QuickBooks sends: {"Fault":{"Error":[…],"type":…},"time":…}. */
	toBody(time: string): { Fault: { Error: FaultError[]; type: FaultType }; time: string } {
		return { Fault: { Error: this.errors, type: this.type }, time };
	}

	/** Shorthand for the common single-error validation fault (HTTP 400). */
	static validation(code: string, message: string, detail: string, element?: string): QboFault {
		return new QboFault(400, 'ValidationFault', [{ Message: message, Detail: detail, code, ...(element ? { element } : {}) }]);
	}
}

/** Operations as Intuit's webhooks and CDC name them. */
export type ChangeOperation = 'Create' | 'Update' | 'Delete' | 'Merge' | 'Void' | 'Emailed';

/** Emitted by the accounting layer after every successful write. */
export interface ChangeEvent {
	realmId: string;
	/** Canonical entity name: 'Customer', 'SalesReceipt', … */
	entity: string;
	id: string;
	operation: ChangeOperation;
	/** ISO-8601 of the object's MetaData.LastUpdatedTime after the write. */
	lastUpdated: string;
	/** For Merge: the id that disappeared. */
	deletedId?: string;
}

/** The result of a query: the content of "QueryResponse". */
export interface QueryResponseBody {
	[entity: string]: unknown;
	startPosition?: number;
	maxResults?: number;
	totalCount?: number;
}

/** A parsed query (query/). */
export interface ParsedQuery {
	/** Canonical entity name as written by the caller, case-normalised: 'Customer'. */
	entity: string;
	count: boolean;
	/** `SELECT a, b`: the properties to return (canonical spelling); undefined for `SELECT *`. */
	select?: string[];
	where: QueryCondition[];
	orderBy: { field: string; direction: 'ASC' | 'DESC' }[];
	/** 1-based, default 1. */
	startPosition: number;
	/** Default 100, at most 1000 (over it: 4000 QueryValidationError). */
	maxResults: number;
}

export interface QueryCondition {
	/** Dotted path as written, e.g. 'MetaData.LastUpdatedTime', 'PrimaryEmailAddr'. */
	field: string;
	operator: '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';
	/** Strings already unescaped; IN gives an array. */
	value: string | number | boolean | Array<string | number | boolean>;
}

/**
 * What the accounting layer offers the HTTP layer. Synchronous; throws QboFault on any failure.
 * Entity names are canonical ('Customer', 'SalesReceipt'); the server maps URL segments with
 * `entityForPath`.
 */
export interface AccountingService {
	hasRealm(realmId: string): boolean;
	realmIds(): string[];
	/** '/customer' → 'Customer', '/salesreceipt' → 'SalesReceipt'; undefined when unknown. */
	entityForPath(segment: string): string | undefined;
	create(realmId: string, entity: string, body: unknown, opts?: WriteOptions): Record<string, unknown>;
	read(realmId: string, entity: string, id: string): Record<string, unknown>;
	/** Full or sparse (body.sparse === true) update; SyncToken must be current (else 5010). */
	update(realmId: string, entity: string, body: unknown, opts?: WriteOptions): Record<string, unknown>;
	/** Returns {domain:'QBO',status:'Deleted',Id}. Names (Customer/Item/Vendor/…) cannot be deleted. */
	delete(realmId: string, entity: string, body: unknown): Record<string, unknown>;
	void(realmId: string, entity: string, body: unknown): Record<string, unknown>;
	send(realmId: string, entity: string, id: string, sendTo?: string): Record<string, unknown>;
	pdf(realmId: string, entity: string, id: string): Buffer;
	query(realmId: string, queryText: string): QueryResponseBody;
	/** For CDC: objects of these entities changed at or after sinceMs, deleted ones as Deleted stubs. */
	changedSince(realmId: string, entities: string[], sinceMs: number): { entity: string; objects: Record<string, unknown>[] }[];
	onChange(listener: (event: ChangeEvent) => void): void;
	/** Everything, as JSON-safe data (persistence, admin "read state"). */
	snapshot(): unknown;
	restore(data: unknown): void;
	/** Back to the seeded companies. */
	reset(): void;
}

export interface WriteOptions {
	/** `include=allowduplicatedocnum` */
	allowDuplicateDocNumber?: boolean;
	/** other `include=` values, e.g. 'void' for payment void through update */
	include?: string[];
	/** operation=… query parameter as sent */
	operation?: string;
}

/** OAuth part (oauth/): serves Intuit's OAuth endpoints and checks bearer tokens. */
export interface OAuthService {
	/** Handles /connect/oauth2, /oauth2/v1/tokens/bearer, /v2/oauth2/tokens/revoke,
	 * /.well-known/openid-configuration (and any userinfo it offers). Returns false when the path is not its own. */
	handle(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: Buffer): boolean;
	/** Checks `Authorization: Bearer …` for the realm: undefined when fine, else the 401/403 fault to send. */
	authenticate(authorization: string | undefined, realmId: string): QboFault | undefined;
	snapshot(): unknown;
	restore(data: unknown): void;
	reset(): void;
}

export type WebhookFormat = 'legacy' | 'cloudevents';

export interface WebhookConfig {
	url: string;
	verifierToken: string;
	format: WebhookFormat;
	/** Emulated ms to gather events into one delivery (Intuit batches). Default 0 = deliver at once. */
	batchDelayMs?: number;
	/** Deliver every notification this many times (forced duplicates). Default 1. */
	duplicates?: number;
	/** Only these realms (default: all). */
	realmIds?: string[];
}

/** Webhooks part (webhooks/): turns change events into signed deliveries with Intuit's retries. */
export interface WebhookService {
	configure(config: WebhookConfig | undefined): void;
	config(): WebhookConfig | undefined;
	notify(event: ChangeEvent): void;
	/** Deliveries made so far (admin/tests): body, status answered, attempt number, time. */
	deliveries(): { id: string; attempt: number; status: number | 'error'; at: string; body: string }[];
	/** Resolves when no delivery is pending or scheduled for retry (tests). */
	idle(): Promise<void>;
	stop(): void;
	reset(): void;
}
