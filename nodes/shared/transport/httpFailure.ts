/**
 * What went wrong with one HTTP attempt, whatever shape the error arrived in: n8n wraps axios
 * errors in a NodeApiError (the AxiosError is its `cause`), other helpers throw axios errors or
 * request-style `{ statusCode, response: { body } }` objects. Reading them all here keeps the
 * retry logic and the fault mapping independent of n8n's internals.
 */
export interface HttpFailure {
	/** HTTP status, when an answer came back. */
	status?: number;
	/** Response headers, lower-cased keys. */
	headers: Record<string, string>;
	/** Parsed JSON body when possible, else the raw text. */
	body?: unknown;
	/** Socket-level code (ECONNRESET, ETIMEDOUT, …) when no answer came back. */
	networkCode?: string;
	/** The OAuth token refresh itself was refused (invalid_grant): only reconnecting helps. */
	authFailure?: boolean;
	message: string;
}

type Loose = Record<string, unknown> | undefined;

function asObject(value: unknown): Loose {
	return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
}

function lowerCaseHeaders(headers: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	const source = asObject(headers);
	if (!source) return result;
	// AxiosHeaders keeps its values behind toJSON().
	const plain = typeof source.toJSON === 'function' ? (source.toJSON as () => Record<string, unknown>)() : source;
	for (const [key, value] of Object.entries(plain ?? {})) {
		if (value !== undefined && value !== null) result[key.toLowerCase()] = String(value);
	}
	return result;
}

/** Parses a JSON text (or Buffer); returns the input when it is not JSON. */
export function parseMaybeJson(body: unknown): unknown {
	let text: string | undefined;
	if (typeof body === 'string') text = body;
	else if (Buffer.isBuffer(body)) text = body.toString('utf8');
	else if (body instanceof ArrayBuffer) text = Buffer.from(body).toString('utf8');
	if (text === undefined) return body;
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return text;
	try {
		return JSON.parse(trimmed);
	} catch {
		return text;
	}
}

const NETWORK_CODE = /\b(ECONNRESET|ETIMEDOUT|ECONNABORTED|EPIPE|ESOCKETTIMEDOUT|ECONNREFUSED|ENOTFOUND|EAI_AGAIN)\b/;

/** Normalises any thrown HTTP error into an HttpFailure. */
export function describeHttpFailure(error: unknown): HttpFailure {
	const top = asObject(error);
	const chain: Array<Record<string, unknown>> = [];
	for (let current = top, depth = 0; current && depth < 5; depth++) {
		chain.push(current);
		current = asObject(current.cause);
	}

	let status: number | undefined;
	let headers: Record<string, string> = {};
	let body: unknown;
	let networkCode: string | undefined;
	for (const link of chain) {
		const response = asObject(link.response);
		if (response) {
			status ??= Number(response.status ?? response.statusCode) || undefined;
			if (!Object.keys(headers).length) headers = lowerCaseHeaders(response.headers);
			if (body === undefined) body = response.data !== undefined ? response.data : response.body;
		}
		status ??= Number(link.statusCode ?? link.status) || undefined;
		if (typeof link.code === 'string' && /^E[A-Z_]+$|^UND_ERR/.test(link.code)) networkCode ??= link.code;
		if (body === undefined && asObject(link.context)?.data !== undefined) body = asObject(link.context)?.data;
		if (body === undefined && link.error !== undefined && typeof link.error !== 'function') body = link.error;
	}
	// n8n's NodeApiError keeps only httpCode (the status, or the socket code such as 'ECONNRESET') and,
	// for JSON answers, the body in context.data; the axios error with the headers is gone.
	if (top && typeof top.httpCode === 'string') {
		if (status === undefined && /^\d{3}$/.test(top.httpCode)) status = Number(top.httpCode);
		if (status === undefined && /^E[A-Z_]+$/.test(top.httpCode)) networkCode ??= top.httpCode;
	}

	const message = chain.map((link) => (typeof link.message === 'string' ? link.message : '')).find(Boolean) ?? String(error);
	if (!networkCode && status === undefined) {
		const allText = chain
			.flatMap((link) => [String(link.message ?? ''), ...(Array.isArray(link.messages) ? link.messages.map(String) : [])])
			.join(' ');
		const match = NETWORK_CODE.exec(allText);
		if (match) networkCode = match[1];
		else if (/socket hang up/i.test(allText)) networkCode = 'ECONNRESET';
		else if (/timeout of \d+ms exceeded|timed out/i.test(allText)) networkCode = 'ETIMEDOUT';
	}
	// @n8n/client-oauth2 reports a refused refresh as code EAUTH with the OAuth error's description;
	// n8n 2.x turns a revoked grant into "The credential … needs to be reconnected" (failure cause
	// credential-invalid), with no status and no code, which would otherwise read as a lost connection.
	const authFailure =
		networkCode === 'EAUTH' ||
		chain.some(
			(link) =>
				link.code === 'EAUTH' ||
				/invalid_grant/i.test(String(link.message ?? '')) ||
				asObject(link.body)?.error === 'invalid_grant' ||
				asObject(link.failure)?.cause === 'credential-invalid',
		);
	if (authFailure && networkCode === 'EAUTH') networkCode = undefined;
	return { status, headers, body: parseMaybeJson(body), networkCode, message, ...(authFailure ? { authFailure } : {}) };
}
