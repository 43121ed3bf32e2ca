import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { isRetryable } from '../../../nodes/shared/transport';
import { describeHttpFailure } from '../../../nodes/shared/transport/httpFailure';

const node = { id: 'n', name: 'n', type: 't', typeVersion: 1, position: [0, 0], parameters: {} } as INode;

/** The shape axios gives n8n: an Error with code, and a response when one came back. */
function axiosLike(status: number | undefined, data?: unknown, headers: Record<string, string> = {}, code?: string, message = 'Request failed') {
	const error = new Error(message) as Error & Record<string, unknown>;
	error.name = 'AxiosError';
	error.isAxiosError = true;
	if (code) error.code = code;
	if (status !== undefined) error.response = { status, data, headers };
	return error;
}

describe('describeHttpFailure', () => {
	it('reads status and the Fault through n8n\'s NodeApiError wrapper (which drops the headers)', () => {
		const body = { Fault: { Error: [{ code: '3001', Message: 'throttled' }], type: 'ThrottleFault' } };
		const wrapped = new NodeApiError(node, axiosLike(429, body, { 'Retry-After': '2' }) as never);
		const failure = describeHttpFailure(wrapped);
		expect(failure.status).toBe(429);
		expect(failure.body).toEqual(body);
		expect(isRetryable(failure)).toBe(true);
	});

	it('reads Retry-After from an unwrapped axios error', () => {
		expect(describeHttpFailure(axiosLike(429, {}, { 'Retry-After': '2' })).headers['retry-after']).toBe('2');
	});

	it('recognises a dropped connection through n8n\'s wrapper, which rewrites the message', () => {
		const wrapped = new NodeApiError(node, axiosLike(undefined, undefined, {}, 'ECONNRESET', 'socket hang up') as never);
		const failure = describeHttpFailure(wrapped);
		expect(failure.status).toBeUndefined();
		expect(failure.networkCode).toBe('ECONNRESET');
		expect(isRetryable(failure)).toBe(true);
	});

	it('parses a JSON text body', () => {
		const failure = describeHttpFailure(axiosLike(400, '{"Fault":{"Error":[{"code":"6240"}]}}'));
		expect(failure.body).toEqual({ Fault: { Error: [{ code: '6240' }] } });
		expect(isRetryable(failure)).toBe(false);
	});

	it('recognises dropped connections and timeouts as retryable', () => {
		expect(isRetryable(describeHttpFailure(axiosLike(undefined, undefined, {}, 'ECONNRESET', 'socket hang up')))).toBe(true);
		expect(isRetryable(describeHttpFailure(axiosLike(undefined, undefined, {}, 'ECONNABORTED', 'timeout of 50ms exceeded')))).toBe(true);
		expect(isRetryable(describeHttpFailure(new Error('socket hang up')))).toBe(true);
		expect(isRetryable(describeHttpFailure(axiosLike(undefined, undefined, {}, 'ECONNREFUSED')))).toBe(false);
	});

	it('retries 500/502/503/504 but not 400/404, and a 401 only once', () => {
		for (const status of [500, 502, 503, 504]) expect(isRetryable(describeHttpFailure(axiosLike(status)))).toBe(true);
		for (const status of [400, 403, 404]) expect(isRetryable(describeHttpFailure(axiosLike(status)))).toBe(false);
		const unauthorized = describeHttpFailure(axiosLike(401));
		expect(isRetryable(unauthorized, false)).toBe(true);
		expect(isRetryable(unauthorized, true)).toBe(false);
	});

	it('recognises a refused OAuth refresh (client-oauth2 code EAUTH) as an auth failure, retried once', () => {
		const refused = Object.assign(new Error('The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid'), { code: 'EAUTH' });
		const failure = describeHttpFailure(new NodeApiError(node, refused as never));
		expect(failure.authFailure).toBe(true);
		expect(failure.networkCode).toBeUndefined();
		expect(isRetryable(failure, false)).toBe(true);
		expect(isRetryable(failure, true)).toBe(false);
	});

	it("recognises n8n 2.x's \"needs to be reconnected\" error (a revoked grant: no status, no code) as an auth failure", () => {
		// The shape n8n-core 2.x throws when the refresh is refused with invalid_grant: a NodeOperationError
		// with failure.cause 'credential-invalid'. Before, it fell through to "could not be reached".
		const reconnect = Object.assign(new Error('The credential "QuickBooks account" needs to be reconnected.'), {
			name: 'NodeOperationError',
			description: 'Access could not be refreshed because the connected account has revoked access…',
			failure: { cause: 'credential-invalid' },
		});
		const failure = describeHttpFailure(reconnect);
		expect(failure).toMatchObject({ authFailure: true, status: undefined, networkCode: undefined });
		expect(failure.message).toMatch(/needs to be reconnected/);
		expect(isRetryable(failure, true)).toBe(false);
		// A plain error without that cause stays what it was.
		expect(describeHttpFailure(new Error('The credential "X" needs to be reconnected.')).authFailure).toBeUndefined();
	});

	it('reads request-style errors ({ statusCode, response.body })', () => {
		const failure = describeHttpFailure({ statusCode: 503, response: { body: 'busy', headers: { 'retry-after': '1' } }, message: 'x' });
		expect(failure).toMatchObject({ status: 503, body: 'busy', headers: { 'retry-after': '1' } });
	});
});
