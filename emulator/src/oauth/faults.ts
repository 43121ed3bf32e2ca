import { QboFault } from '../contracts';
import type { AccessCheck } from './tokens';

/** QuickBooks' 401 for a missing, unknown, expired or revoked bearer token (code 3200). */
export function authenticationFault(detail: string): QboFault {
	return new QboFault(401, 'AuthenticationFault', [
		{ Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', Detail: detail, code: '3200' },
	]);
}

/** QuickBooks' 403 when a valid token is used on a company it was not issued for (code 3100). */
export function authorizationFault(): QboFault {
	return new QboFault(403, 'AuthorizationFault', [
		{ Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', Detail: '', code: '3100' },
	]);
}

/** The Detail QuickBooks gives for a failed token check. */
export function detailFor(check: Extract<AccessCheck, { ok: false }>): string {
	switch (check.reason) {
		case 'expired':
			return `Token expired: ${check.label ?? ''}`;
		case 'revoked':
			return `Token revoked: ${check.label ?? ''}`;
		default:
			return 'Token invalid';
	}
}

/**
 * The answer QuickBooks really sends for a 401 on the accounting API: a lower-case `fault`/`error`
 * envelope of type "AUTHENTICATION" inside Intuit's full response object (epoch-millisecond `time`),
 * and `WWW-Authenticate: Bearer realm="Intuit", error="invalid_token"`. Shape as in a live sandbox
 * answer to an expired token (2024), quoted verbatim in public client code:
 * `{"warnings":null,"intuitObject":null,"fault":{"error":[{"message":"message=AuthenticationFailed;
 * errorCode=003200; statusCode=401","detail":"Token expired: …","code":"3200","element":null}],
 * "type":"AUTHENTICATION"},"report":null,"queryResponse":null,"batchItemResponse":[],…,"cdcresponse":[]}`.
 */
export function intuitAuthFaultResponse(fault: QboFault, nowMs: number): { status: number; headers: Record<string, string>; body: unknown } {
	const error = fault.errors.map((e) => ({ message: e.Message, detail: e.Detail || null, code: e.code, element: null }));
	const headers: Record<string, string> =
		fault.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="Intuit", error="invalid_token"' } : {};
	return {
		status: fault.status,
		headers,
		body: {
			warnings: null,
			intuitObject: null,
			fault: { error, type: fault.status === 401 ? 'AUTHENTICATION' : 'SERVICE' },
			report: null,
			queryResponse: null,
			batchItemResponse: [],
			attachableResponse: [],
			syncErrorResponse: null,
			requestId: null,
			time: nowMs,
			status: null,
			cdcresponse: [],
		},
	};
}
