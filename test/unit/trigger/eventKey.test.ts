import type { IDataObject } from 'n8n-workflow';

import { keyDigest, applyPaymentKey, docNumberFromKey, readIdempotencyKey } from '../../../nodes/QuickBooksSync/actions/common/idempotencyKey';
import { eventKey } from '../../../nodes/shared/triggers/triggerEvent';

describe('eventKey', () => {
	it('is realm:Entity:id:verb:time with the time normalised to UTC ISO', () => {
		expect(eventKey('9130', 'Invoice', '145', 'created', '2025-09-08T20:52:31.657Z')).toBe('9130:Invoice:145:created:2025-09-08T20:52:31.657Z');
		expect(eventKey('9130', 'Invoice', '145', 'created', '2025-09-08T13:52:31.657-07:00')).toBe('9130:Invoice:145:created:2025-09-08T20:52:31.657Z');
		expect(eventKey('9130', 'Invoice', '145', 'paid', 'not a time')).toBe('9130:Invoice:145:paid:not a time');
		// Two edits in one whole second differ by the version they produced.
		expect(eventKey('9130', 'Customer', '7', 'updated', '2026-12-07T14:00:01Z', '3')).toBe('9130:Customer:7:updated:2026-12-07T14:00:01.000Z:v3');
	});
});

describe('Idempotency Key → business key', () => {
	it('derives a 21-character number, the same for the same key and different for another', () => {
		const key = '9130:Invoice:145:created:2025-09-08T20:52:31.657Z';
		const number = keyDigest(key);
		expect(number).toMatch(/^K[A-Z2-7]{20}$/);
		expect(keyDigest(key)).toBe(number);
		expect(keyDigest(`${key}x`)).not.toBe(number);
		expect(docNumberFromKey(undefined)).toBeUndefined();
		expect(docNumberFromKey(key)).toBe(number);
	});

	it('fills only an empty key field of a payment: the digest as reference, the key itself as note', () => {
		const byRef: IDataObject = {};
		applyPaymentKey(byRef, 'PaymentRefNum', 'k1');
		expect(byRef.PaymentRefNum).toBe(keyDigest('k1'));
		const byNote: IDataObject = {};
		applyPaymentKey(byNote, 'PrivateNote', 'k1');
		expect(byNote.PrivateNote).toBe('k1');
		const given: IDataObject = { PaymentRefNum: 'PAY-7' };
		applyPaymentKey(given, 'PaymentRefNum', 'k1');
		expect(given.PaymentRefNum).toBe('PAY-7');
	});

	it('reads empty as none and refuses what is not text or too long', () => {
		const fail = (message: string) => new Error(message);
		expect(readIdempotencyKey('  ', fail)).toBeUndefined();
		expect(readIdempotencyKey(undefined, fail)).toBeUndefined();
		expect(readIdempotencyKey(' a ', fail)).toBe('a');
		expect(readIdempotencyKey(12, fail)).toBe('12');
		expect(() => readIdempotencyKey({}, fail)).toThrow('must be text');
		expect(() => readIdempotencyKey('x'.repeat(1001), fail)).toThrow('1001 characters');
	});
});
