import type { INode } from 'n8n-workflow';

import { paymentKey } from '../../../nodes/QuickBooksSync/actions/payment/paymentTwins';
import { holderIdOf } from '../../../nodes/QuickBooksSync/sync/nameRace';
import { faultToNodeApiError } from '../../../nodes/shared/transport/faults';

const node: INode = { id: 'n1', name: 'QuickBooks Sync', type: 'quickBooksSync', typeVersion: 1, position: [0, 0], parameters: {} };

function fault6240(detail: string) {
	return faultToNodeApiError(node, { Fault: { type: 'ValidationFault', Error: [{ code: '6240', Message: 'Duplicate Name Exists Error', Detail: detail }] } });
}

describe('the keys a race is decided by', () => {
	it('reads the holder Id from a 6240 Detail as QuickBooks gives it today', () => {
		expect(holderIdOf(fault6240('The name supplied already exists. : Id=58'))).toBe('58');
		expect(holderIdOf(fault6240('The name supplied already exists. : Id = 1203'))).toBe('1203');
	});

	it('has no Id for the older wording, so the name is looked up instead', () => {
		expect(holderIdOf(fault6240('Another customer, vendor or employee is already using this name. Please use a different name.'))).toBeUndefined();
	});

	it('compares a reference number without case and a private note exactly, both trimmed', () => {
		expect(paymentKey({ PaymentRefNum: ' crm-77 ' }, 'PaymentRefNum')).toBe(paymentKey({ PaymentRefNum: 'CRM-77' }, 'PaymentRefNum'));
		expect(paymentKey({ PrivateNote: 'pi_3AbC' }, 'PrivateNote')).not.toBe(paymentKey({ PrivateNote: 'pi_3abc' }, 'PrivateNote'));
		expect(paymentKey({ PrivateNote: ' pi_3AbC\n' }, 'PrivateNote')).toBe('pi_3AbC');
		expect(paymentKey({}, 'PaymentRefNum')).toBe('');
	});
});
