import { buildSelection } from '../../../nodes/shared/triggers/selection';
import { isVoided, stateOf, stateVerbs } from '../../../nodes/shared/triggers/objectState';
import { touchBounded } from '../../../nodes/shared/triggers/boundedRecord';

const window = { isNew: false, windowStartMs: Date.parse('2026-11-22T10:00:00Z') };

describe('state events', () => {
	test('voided is recognised the way QuickBooks writes it', () => {
		expect(isVoided({ TotalAmt: 0, PrivateNote: 'Voided' })).toBe(true);
		expect(isVoided({ TotalAmt: 0, PrivateNote: 'Voided - was wrong' })).toBe(true);
		expect(isVoided({ TotalAmt: 5, PrivateNote: 'Voided' })).toBe(false);
		expect(isVoided({ TotalAmt: 0, PrivateNote: 'Avoided' })).toBe(false);
	});

	test('paid needs a known earlier balance above zero', () => {
		expect(stateVerbs({ b: 10, t: 10 }, { b: 0, t: 10 }, window)).toEqual(['paid']);
		expect(stateVerbs(undefined, { b: 0, t: 10 }, window)).toEqual([]);
		expect(stateVerbs(undefined, { b: 0, t: 10 }, { ...window, isNew: true })).toEqual(['paid']);
		expect(stateVerbs({ b: 0, t: 10 }, { b: 0, t: 10 }, window)).toEqual([]);
	});

	test('partially paid when more was paid and a balance remains; a lower total alone is not a payment', () => {
		expect(stateVerbs({ b: 10, t: 10 }, { b: 4, t: 10 }, window)).toEqual(['partially_paid']);
		expect(stateVerbs({ b: 4, t: 10 }, { b: 2, t: 10 }, window)).toEqual(['partially_paid']);
		expect(stateVerbs({ b: 10, t: 10 }, { b: 8, t: 8 }, window)).toEqual([]);
	});

	test('a voided invoice is neither paid nor partially paid', () => {
		expect(stateVerbs({ b: 10, t: 10 }, stateOf({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' }), window)).toEqual(['voided']);
	});

	test('accepted once; an unknown estimate accepted before the window is not news', () => {
		expect(stateVerbs({ s: 'Pending' }, { s: 'Accepted' }, window)).toEqual(['accepted']);
		expect(stateVerbs({ s: 'Accepted' }, { s: 'Accepted' }, window)).toEqual([]);
		expect(stateVerbs(undefined, { s: 'Accepted', a: '2026-11-22' }, window)).toEqual(['accepted']);
		expect(stateVerbs(undefined, { s: 'Accepted', a: '2026-10-01' }, window)).toEqual([]);
	});

	test('emailed once per DeliveryTime', () => {
		const sent = stateOf({ EmailStatus: 'EmailSent', DeliveryInfo: { DeliveryTime: '2026-11-22T10:00:05Z' } });
		expect(stateVerbs(undefined, sent, window)).toEqual(['emailed']);
		expect(stateVerbs(sent, sent, window)).toEqual([]);
		const before = stateOf({ EmailStatus: 'EmailSent', DeliveryInfo: { DeliveryTime: '2026-11-21T10:00:05Z' } });
		expect(stateVerbs(undefined, before, window)).toEqual([]);
	});
});

describe('selection', () => {
	test('direct verbs apply where the entity has them; derived events add their entity', () => {
		const selection = buildSelection(['Customer', 'Bill'], ['created', 'voided', 'merged'], ['invoice.paid']);
		expect(selection.entities).toEqual(['Bill', 'Customer', 'Invoice']);
		expect(selection.wants('Customer', 'merged')).toBe(true);
		expect(selection.wants('Bill', 'voided')).toBe(false);
		expect(selection.wants('Invoice', 'created')).toBe(false);
		expect(selection.wants('Invoice', 'paid')).toBe(true);
		expect(selection.needsState('Invoice')).toBe(true);
		expect(selection.needsState('Bill')).toBe(false);
	});
});

describe('bounded records', () => {
	test('the entries touched longest ago are dropped first', () => {
		const record: Record<string, number> = {};
		for (let i = 0; i < 5; i++) touchBounded(record, `k${i}`, i, 3);
		expect(Object.keys(record)).toEqual(['k2', 'k3', 'k4']);
		touchBounded(record, 'k2', 9, 3);
		touchBounded(record, 'k5', 5, 3);
		expect(Object.keys(record)).toEqual(['k4', 'k2', 'k5']);
	});
});
