import { QboFault, type FaultType } from '../contracts';

/**
 * Faults raised by the HTTP layer itself. Wording follows recorded QuickBooks answers where one
 * is known (sources in emulator/README.md); where QuickBooks' exact text is unknown the closest
 * documented code is used.
 */

/** 429 ThrottleExceeded, as QuickBooks sends it (its fault type is the undocumented "SERVICE"). */
export function throttleFault(): QboFault {
	return new QboFault(429, 'SERVICE' as FaultType, [
		{ Message: 'message=ThrottleExceeded; errorCode=003001; statusCode=429', Detail: 'The request limit was reached.', code: '3001' },
	]);
}

/** Body that is not JSON, or JSON that is not an object: QuickBooks' 2010 parse failure. */
export function malformedJsonFault(): QboFault {
	return QboFault.validation(
		'2010',
		'Request has invalid or unsupported property',
		'Property Name:failed to parse json object; a property specified is unsupported or invalid',
	);
}

/** An unparseable `minorversion` query parameter. */
export function invalidMinorVersionFault(value: string): QboFault {
	return QboFault.validation(
		'2010',
		'Request has invalid or unsupported property',
		`Property Name:minorversion=${value.slice(0, 40)} specified is unsupported or invalid`,
		'minorversion',
	);
}

/** A path, method or operation the API does not have. */
export function unsupportedOperationFault(detail: string): QboFault {
	return QboFault.validation('500', 'Unsupported Operation', `Operation ${detail} is not supported.`);
}

/** Same shape, other HTTP status: wrong media types (415) or XML asked for (406). */
export function mediaTypeFault(status: 406 | 415, detail: string): QboFault {
	return new QboFault(status, 'ValidationFault', [{ Message: 'Unsupported Operation', Detail: detail, code: '500' }]);
}

/** Body over the configured size. */
export function bodyTooLargeFault(maxBytes: number): QboFault {
	return new QboFault(413, 'ValidationFault', [
		{ Message: 'Request Entity Too Large', Detail: `The request body exceeds the limit of ${maxBytes} bytes.`, code: '413' },
	]);
}

/** Realm the token cannot reach or that does not exist: QuickBooks answers 403 3100. */
export function unknownRealmFault(): QboFault {
	return new QboFault(403, 'AuthorizationFault', [
		{ Message: 'message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403', Detail: '', code: '3100' },
	]);
}

/** requestid longer than QuickBooks accepts (50, or 36 on a batch). */
export function requestIdTooLongFault(value: string, max: number): QboFault {
	return QboFault.validation(
		'6000',
		'A business validation error has occurred while processing your request',
		`Business Validation Error: You cannot enter more than ${max} characters in the request_id field. You tried entering ${value.slice(0, 10)}..., which is ${value.length} characters.`,
	);
}

/** Any unexpected exception. */
export function systemFault(detail = 'System Failure Error: An unexpected error occurred. Please try again later.'): QboFault {
	return new QboFault(500, 'SystemFault', [
		{ Message: 'An application error has occurred while processing your request', Detail: detail, code: '10000' },
	]);
}

/** A request still unanswered after the gateway's timeout. */
export function gatewayTimeoutFault(): QboFault {
	return new QboFault(504, 'SystemFault', [
		{ Message: 'An application error has occurred while processing your request', Detail: 'System Failure Error: The request timed out.', code: '10000' },
	]);
}

/** A malformed batch envelope (QuickBooks: code 400 "MalformedRequest"). */
export function malformedBatchFault(detail: string): QboFault {
	return QboFault.validation('400', 'MalformedRequest', detail);
}

/** CDC input errors; QuickBooks answers them with code 10000. */
export function cdcFault(detail: string): QboFault {
	return new QboFault(400, 'ValidationFault', [
		{ Message: 'An application error has occurred while processing your request', Detail: detail, code: '10000' },
	]);
}

/** Turns anything thrown into a QboFault: QboFaults stay as they are, everything else is a 500. */
export function asFault(error: unknown): QboFault {
	return error instanceof QboFault ? error : systemFault();
}
