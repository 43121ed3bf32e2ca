import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { faultToNodeApiError, findFault } from '../../../nodes/shared/transport';

const node: INode = {
	id: 'n1',
	name: 'QuickBooks Sync',
	type: 'n8n-nodes-quickbooks-sync.quickBooksSync',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

function fault(code: string, Message: string, Detail: string, element?: string, type = 'ValidationFault') {
	return { Fault: { Error: [{ Message, Detail, code, ...(element ? { element } : {}) }], type }, time: '2026-01-01T00:00:00Z' };
}

describe('faultToNodeApiError', () => {
	it('says the code, message, detail, element and item, and keeps the code where n8n shows it', () => {
		const error = faultToNodeApiError(node, fault('2020', 'Required param missing, need to supply the required value for the API', 'Required parameter Line is missing in the request', 'Line'), { itemIndex: 4, itemLabel: 'WO-1001', httpCode: 400 });
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe('QuickBooks error 2020: Required param missing, need to supply the required value for the API (item 4 "WO-1001")');
		expect(error.description).toContain('Required parameter Line is missing in the request');
		expect(error.description).toContain('(field: Line)');
		expect(error.httpCode).toBe('2020');
		expect(error.context.itemIndex).toBe(4);
		expect(error.context.qboFaultCode).toBe('2020');
		expect(error.context.httpStatus).toBe(400);
	});

	const cases: Array<[string, ReturnType<typeof fault>, RegExp, { itemLabel?: string; httpCode?: number }]> = [
		['6240 name clash names the name, the shared namespace and suggests a suffix',
			fault('6240', 'Duplicate Name Exists Error', 'The name supplied already exists. : Id=58'),
			/customers, vendors AND employees.*"Acme Ltd" is already used.*\(Id 58\).*suffix.*"Acme Ltd \(Customer\)"/s, { itemLabel: 'Acme Ltd' }],
		['5010 stale SyncToken says re-read and retry',
			fault('5010', 'Stale Object Error', 'Stale Object Error : You and root were working on this at the same time.'), /Read it again.*current SyncToken.*repeat the update/s, {}],
		['3200 says reconnect the credential',
			fault('3200', 'message=AuthenticationFailed; errorCode=003200; statusCode=401', '', undefined, 'AuthenticationFault'), /reconnect it/, { httpCode: 401 }],
		['6000 Canadian tax says set a tax code on every line',
			fault('6000', 'A business validation error has occurred while processing your request', 'Business Validation Error: Make sure all your transactions have a GST/HST rate before you save.'), /Tax Code on every line/, {}],
		['3001 throttled says retries ran out',
			fault('3001', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', 'The request limit was reached.'), /throttled.*retries ran out/s, { httpCode: 429 }],
		['610 says the reference is missing or inactive',
			fault('610', 'Object Not Found', 'Something you\'re trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees.'), /does not exist or is inactive/, {}],
		['2500 says the reference id is invalid',
			fault('2500', 'Invalid Reference Id', 'Invalid Reference Id : Customer assigned to this transaction has been deleted.'), /points to an Id that does not exist/, {}],
		['6140 says the DocNumber is taken',
			fault('6140', 'Duplicate Document Number Error', 'Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=1001 is assigned to TxnType=Invoice with TxnId=130'), /already uses this document number/, {}],
	];
	it.each(cases)('%s', (_title, response, hint, context) => {
		const error = faultToNodeApiError(node, response, context);
		expect(error.description).toMatch(hint);
		expect(error.message).toContain(`QuickBooks error ${response.Fault.Error[0].code}`);
		expect(error.description).toContain(response.Fault.Error[0].Detail);
	});

	it('lists every error of a multi-error fault', () => {
		const response = { Fault: { Error: [{ Message: 'A', Detail: 'first', code: '2020' }, { Message: 'B', Detail: 'second', code: '2050' }], type: 'ValidationFault' } };
		const error = faultToNodeApiError(node, response);
		expect(error.description).toContain('[2020] first');
		expect(error.description).toContain('[2050] second');
	});

	it('still explains a failure without a Fault body', () => {
		const error = faultToNodeApiError(node, '<html>Bad gateway</html>', { httpCode: 502, itemIndex: 1 });
		expect(error.message).toBe('QuickBooks request failed with HTTP 502 (item 1)');
		expect(error.description).toContain('<html>Bad gateway</html>');
		expect(error.httpCode).toBe('502');
	});

	it('finds a fault in a body, a bare fault, or nowhere', () => {
		expect(findFault(fault('1', 'a', 'b'))?.Error[0].code).toBe('1');
		expect(findFault({ Error: [{ code: '2' }], type: 'SystemFault' })?.type).toBe('SystemFault');
		expect(findFault({ Customer: { Id: '1' } })).toBeUndefined();
		expect(findFault('text')).toBeUndefined();
	});

	it("reads QuickBooks' 401 envelope, whose keys are lower case", () => {
		// The shape of a live 401 (emulator/src/oauth/faults.ts cites it).
		const body = {
			warnings: null,
			intuitObject: null,
			fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail: 'Token expired: AB01', code: '3200', element: null }], type: 'AUTHENTICATION' },
			time: 1730024394085,
		};
		expect(findFault(body)).toEqual({ Error: [{ Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', Detail: 'Token expired: AB01', code: '3200' }], type: 'AUTHENTICATION' });
		const error = faultToNodeApiError(node, body, { httpCode: 401 });
		expect(error.message).toBe('QuickBooks error 3200: message=AuthenticationFailed; errorCode=003200; statusCode=401');
		expect(error.description).toContain('Token expired: AB01');
		expect(error.description).toMatch(/reconnect it/);
	});
});
