import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { CREDENTIAL_TYPE, getCompany, type QboCompany, type QboFunctions } from './company';
import { realmLimiter, realmPacer } from './concurrency';
import { faultHint, faultToNodeApiError, findFault } from './faults';
import { describeHttpFailure, parseMaybeJson, type HttpFailure } from './httpFailure';
import { BATCH_REQUEST_ID_MAX, deterministicRequestId, executionScope, REQUEST_ID_MAX } from './requestId';
import {
	nextDelay,
	parseRetryAfter,
	resolveRetryPolicy,
	RETRYABLE_NETWORK_CODES,
	RETRYABLE_STATUSES,
	sleep,
	type RetryPolicy,
} from './retry';

export interface QboRequestOptions {
	method: 'GET' | 'POST';
	/** Below /v3/company/{realmId}, e.g. '/customer' or '/invoice/12/pdf'. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject | string;
	/** A string is sent as is; false sends none; undefined: writes get a deterministic one (see requestId.ts). */
	requestId?: string | false;
	/** Folded into the deterministic requestid (e.g. item index or DocNumber). */
	idempotencyKey?: string;
	/** Answer is a PDF: returned as a Buffer. */
	binary?: boolean;
	/** Put on the error, so n8n points at the item. */
	itemIndex?: number;
	/** What the item is about, for error messages (e.g. the customer's name). */
	itemLabel?: string;
	contentType?: string;
	/** Per-call retry overrides (see retry.ts for the defaults and environment variables). */
	retry?: Partial<RetryPolicy>;
}

const companies = new WeakMap<object, Promise<QboCompany>>();

/** The company of this context, read once per context object. */
export async function companyOf(context: QboFunctions): Promise<QboCompany> {
	let company = companies.get(context);
	if (!company) {
		company = getCompany.call(context);
		companies.set(context, company);
		company.catch(() => companies.delete(context));
	}
	return await company;
}

/** POSTs are writes, except the read endpoints that accept POST bodies. */
function isWrite(options: QboRequestOptions): boolean {
	if (options.method !== 'POST') return false;
	return !/^\/(query|cdc)\b/i.test(options.path);
}

/** The requestid for this call, or undefined when none is sent. */
export function requestIdFor(context: QboFunctions, company: QboCompany, options: QboRequestOptions): string | undefined {
	if (options.requestId === false) return undefined;
	if (typeof options.requestId === 'string') return options.requestId;
	if (!isWrite(options)) return undefined;
	const isBatch = /^\/batch\b/i.test(options.path);
	return deterministicRequestId(
		{
			scope: executionScope(context),
			node: context.getNode(),
			realmId: company.realmId,
			method: options.method,
			path: options.path,
			qs: options.qs,
			body: options.body,
			idempotencyKey: options.idempotencyKey,
		},
		isBatch ? BATCH_REQUEST_ID_MAX : REQUEST_ID_MAX,
	);
}

/** Outcome of one attempt, before we decide to retry. */
type Attempt = { ok: true; data: unknown } | { ok: false; failure: HttpFailure; original: unknown };

/**
 * Sends one request to the company of the node's credential: adds minorversion, the requestid of a
 * write, retries throttling and transient failures, keeps ≤ 10 requests in flight per realm, and turns
 * any Fault (also one inside a 200) into a NodeApiError.
 */
export async function qboRequest<T = IDataObject>(this: QboFunctions, options: QboRequestOptions): Promise<T> {
	const company = await companyOf(this);
	const policy = resolveRetryPolicy(options.retry);
	const path = options.path.startsWith('/') ? options.path : `/${options.path}`;
	const requestId = requestIdFor(this, company, { ...options, path });
	const qs: IDataObject = { ...(options.qs ?? {}), minorversion: company.minorVersion };
	if (requestId) qs.requestid = requestId;

	const headers: IDataObject = { Accept: options.binary ? 'application/pdf' : 'application/json' };
	if (options.body !== undefined) {
		headers['Content-Type'] = options.contentType ?? (typeof options.body === 'string' ? 'application/text' : 'application/json');
	}
	const http: IHttpRequestOptions = {
		method: options.method,
		url: `${company.apiBaseUrl}/v3/company/${company.realmId}${path}`,
		qs,
		headers,
		timeout: policy.timeoutMs,
	};
	if (options.body !== undefined) http.body = options.body;
	if (options.binary) {
		http.encoding = 'arraybuffer';
		http.json = false;
	} else {
		http.json = typeof options.body !== 'string';
	}

	const realmKey = `${company.apiBaseUrl}|${company.realmId}`;
	const limiter = realmLimiter(realmKey);
	const pacer = realmPacer(realmKey);
	const isBatch = /^\/batch\b/i.test(path);
	const errorContext = { itemIndex: options.itemIndex, itemLabel: options.itemLabel };
	let waited = 0;
	let authRetried = false;
	for (let attempt = 1; ; attempt++) {
		// A slot first, then the pace: the start is counted right before the request leaves.
		const outcome = await limiter.run(async () => {
			const answered = await pacer.take(isBatch);
			try {
				return await attemptOnce(this, http);
			} finally {
				answered();
			}
		});
		let failure: HttpFailure;
		if (outcome.ok) {
			const data = options.binary ? undefined : parseMaybeJson(outcome.data);
			const fault = options.binary ? undefined : findFault(data);
			if (String(fault?.Error[0]?.code ?? '') !== '3001') pacer.answered(isBatch);
			if (options.binary) return toBuffer(outcome.data) as T;
			if (!fault) return data as T;
			// A 200 can carry a Fault; only a throttle fault is worth repeating.
			failure = { status: 200, headers: {}, body: data, message: 'Fault in a 200 answer' };
			const code = String(fault.Error[0]?.code ?? '');
			if (code !== '3001') throw faultToNodeApiError(this.getNode(), data, { ...errorContext, httpCode: 200 });
		} else {
			failure = outcome.failure;
		}

		// The company's limits are shared with every other process: a throttle lowers this one's share.
		const retryAfterMs = parseRetryAfter(failure.headers['retry-after']);
		if (isThrottle(failure)) {
			const scaled = retryAfterMs === undefined ? undefined : retryAfterMs * policy.retryAfterScale;
			pacer.throttled(scaled, policy.baseDelayMs, 2 * policy.maxDelayMs, isBatch);
		} else {
			pacer.answered(isBatch);
		}
		const retryable = isRetryable(failure, authRetried);
		if (failure.status === 401 || failure.authFailure) authRetried = true;
		const delay = retryable
			? nextDelay(attempt - 1, policy, retryAfterMs)
			: 0;
		if (!retryable || attempt >= policy.maxAttempts || waited + delay > policy.maxTotalWaitMs) {
			throw failureToError(this, failure, outcome.ok ? undefined : outcome.original, errorContext, attempt);
		}
		this.logger?.debug?.(
			`QuickBooks ${options.method} ${path}: ${failure.status ?? failure.networkCode ?? 'error'}, retry ${attempt} in ${delay} ms`,
		);
		waited += delay;
		await sleep(delay);
	}
}

async function attemptOnce(context: QboFunctions, http: IHttpRequestOptions): Promise<Attempt> {
	try {
		// n8n signs the options in place (Authorization header): every attempt gets its own copy.
		const options: IHttpRequestOptions = { ...http, headers: { ...http.headers }, qs: { ...http.qs } };
		const data: unknown = await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL_TYPE, options);
		return { ok: true, data };
	} catch (error) {
		return { ok: false, failure: describeHttpFailure(error), original: error };
	}
}

/** QuickBooks' throttle: a 429, or fault 3001 (inside a 200, or as the XML body of a throttled answer). */
export function isThrottle(failure: HttpFailure): boolean {
	if (failure.status === 429) return true;
	const body = failure.body;
	if (typeof body === 'string') return /ThrottleExceeded|errorCode=003001|code="3001"/.test(body);
	return String(findFault(body)?.Error[0]?.code ?? '') === '3001';
}

/**
 * Throttling, transient server errors and lost connections are repeated: writes safely, because the
 * repeat carries the same requestid. A 401 is repeated once: n8n refreshes the token on a 401, and when
 * several requests hit an expired token together only one refresh wins (Intuit rotates refresh tokens),
 * so the losers succeed on a second try with the token the winner stored.
 */
export function isRetryable(failure: HttpFailure, authAlreadyRetried = false): boolean {
	if (failure.authFailure) return !authAlreadyRetried;
	if (failure.status !== undefined) {
		if (RETRYABLE_STATUSES.has(failure.status)) return true;
		if (failure.status === 401 && !authAlreadyRetried) return true;
		if (failure.status === 200) return String(findFault(failure.body)?.Error[0]?.code) === '3001';
		return false;
	}
	return failure.networkCode !== undefined && RETRYABLE_NETWORK_CODES.has(failure.networkCode);
}

function failureToError(
	context: QboFunctions,
	failure: HttpFailure,
	original: unknown,
	errorContext: { itemIndex?: number; itemLabel?: string },
	attempts: number,
): NodeApiError {
	if (failure.authFailure) {
		const where = errorContext.itemIndex !== undefined ? ` (item ${errorContext.itemIndex})` : '';
		const error = new NodeApiError(context.getNode(), { message: failure.message }, {
			message: `QuickBooks refused to renew the connection's access${where}`,
			description: `${failure.message}\n${faultHint({ code: '3200' })}`,
			httpCode: '401',
			itemIndex: errorContext.itemIndex,
		});
		error.context.attempts = attempts;
		return error;
	}
	if (findFault(failure.body) || failure.status !== undefined) {
		const error = faultToNodeApiError(context.getNode(), failure.body ?? failure.message, {
			...errorContext,
			httpCode: failure.status,
		});
		if (attempts > 1) error.context.attempts = attempts;
		return error;
	}
	const what = failure.networkCode === 'ETIMEDOUT' || failure.networkCode === 'ECONNABORTED' ? 'timed out' : 'lost the connection';
	const where = errorContext.itemIndex !== undefined ? ` (item ${errorContext.itemIndex})` : '';
	const error = new NodeApiError(
		context.getNode(),
		// Not under `code`: n8n would swap our message for its generic one for ECONNRESET & co.
		{ message: failure.message, networkCode: failure.networkCode ?? null },
		{
			message: `QuickBooks could not be reached: the request ${what} ${attempts} time(s)${where}`,
			description: `${failure.networkCode ?? ''} ${failure.message}`.trim(),
			itemIndex: errorContext.itemIndex,
		},
	);
	error.context.attempts = attempts;
	if (original instanceof Error) error.context.cause = original.message;
	return error;
}

function toBuffer(data: unknown): Buffer {
	if (Buffer.isBuffer(data)) return data;
	if (data instanceof ArrayBuffer) return Buffer.from(data);
	if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	if (typeof data === 'string') return Buffer.from(data, 'binary');
	return Buffer.from(JSON.stringify(data));
}
