/** A JSON answer from n8n, kept whole so tests can assert on status and body. */
export interface HttpAnswer<T = unknown> {
	status: number;
	body: T;
	headers: Headers;
}

export class N8nHttpError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: unknown,
	) {
		super(`${method} ${url} answered ${status}: ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 2000));
	}
}

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * A small JSON client for one n8n base path: `/rest` with the owner's session cookie, or `/api/v1`
 * with an API key. Throws N8nHttpError on any non-2xx unless `request` is asked for the raw answer.
 */
export class N8nHttpClient {
	constructor(
		private readonly baseUrl: string,
		private readonly authHeaders: () => Record<string, string>,
	) {}

	/** Sends a request and returns status, headers and parsed body, whatever the status. */
	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
		const url = `${this.baseUrl}${path}`;
		const response = await fetch(url, {
			method,
			headers: {
				accept: 'application/json',
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...this.authHeaders(),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
		});
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, body: parsed as T, headers: response.headers };
	}

	/** Like `request`, but throws unless the answer is 2xx, and returns only the body. */
	async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
		const answer = await this.request<T>(method, path, body);
		if (answer.status < 200 || answer.status > 299) {
			throw new N8nHttpError(method, `${this.baseUrl}${path}`, answer.status, answer.body);
		}
		return answer.body;
	}

	get<T = unknown>(path: string): Promise<T> {
		return this.call<T>('GET', path);
	}

	post<T = unknown>(path: string, body?: unknown): Promise<T> {
		return this.call<T>('POST', path, body ?? {});
	}

	patch<T = unknown>(path: string, body?: unknown): Promise<T> {
		return this.call<T>('PATCH', path, body ?? {});
	}

	put<T = unknown>(path: string, body?: unknown): Promise<T> {
		return this.call<T>('PUT', path, body ?? {});
	}

	delete<T = unknown>(path: string): Promise<T> {
		return this.call<T>('DELETE', path);
	}
}

/** Pulls the `n8n-auth` session cookie out of a response's Set-Cookie headers. */
export function sessionCookieFrom(headers: Headers): string | undefined {
	for (const line of headers.getSetCookie()) {
		const [pair] = line.split(';');
		if (pair.startsWith('n8n-auth=')) return pair;
	}
	return undefined;
}
