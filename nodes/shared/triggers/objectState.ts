import type { IDataObject } from 'n8n-workflow';

import type { EventVerb } from './entities';

/**
 * The few facts about an object that state events depend on, kept small because one is stored
 * per watched object in the workflow's static data: b Balance, t TotalAmt, s TxnStatus,
 * v voided, i inactive (a name "deleted"), e the last email's DeliveryTime, a AcceptedDate.
 */
export interface ObjectState {
	b?: number;
	t?: number;
	s?: string;
	v?: 1;
	i?: 1;
	e?: string;
	a?: string;
}

function amount(value: unknown): number | undefined {
	const number = typeof value === 'string' ? Number(value) : value;
	return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
}

/** QuickBooks voids by zeroing the amounts and writing "Voided" at the start of PrivateNote. */
export function isVoided(object: IDataObject): boolean {
	return amount(object.TotalAmt) === 0 && /^voided\b/i.test(String(object.PrivateNote ?? ''));
}

/** True for a CDC / delete answer's stub: {"status":"Deleted","Id":…}. */
export function isDeletedStub(object: IDataObject): boolean {
	return object.status === 'Deleted';
}

/** Extracts the state facts of a live object. */
export function stateOf(object: IDataObject): ObjectState {
	const state: ObjectState = {};
	const balance = amount(object.Balance);
	const total = amount(object.TotalAmt);
	if (balance !== undefined) state.b = balance;
	if (total !== undefined) state.t = total;
	if (typeof object.TxnStatus === 'string') state.s = object.TxnStatus;
	if (isVoided(object)) state.v = 1;
	if (object.Active === false) state.i = 1;
	if (typeof object.AcceptedDate === 'string') state.a = object.AcceptedDate;
	const delivery = object.DeliveryInfo as IDataObject | undefined;
	if (object.EmailStatus === 'EmailSent' && typeof delivery?.DeliveryTime === 'string') state.e = delivery.DeliveryTime;
	return state;
}

/** What is known about the change being judged. */
export interface ChangeContext {
	/** The object was created inside the window being read (no earlier state can exist). */
	isNew: boolean;
	/** Start of the window being read, epoch ms (an email sent before it was already reported). */
	windowStartMs: number;
}

/** Without a previous state, an estimate counts as newly accepted unless its AcceptedDate is before the window. */
function acceptedInWindow(current: ObjectState, context: ChangeContext): boolean {
	if (context.isNew || !current.a) return true;
	return current.a >= new Date(context.windowStartMs).toISOString().slice(0, 10);
}

const paidSoFar = (state: ObjectState) => (state.t ?? 0) - (state.b ?? 0);

/**
 * Verbs that follow from comparing the object's previous state (undefined when never seen) with
 * its current one. Unknown previous state is judged conservatively: a payment or acceptance is only
 * reported when it is certain (the object is new, or we saw it before; open invoices are recorded
 * when the trigger starts); a void, a deactivation or an acceptance is reported, since an object
 * rarely changes again once voided, made inactive or accepted.
 */
export function stateVerbs(previous: ObjectState | undefined, current: ObjectState, context: ChangeContext): EventVerb[] {
	const verbs: EventVerb[] = [];
	if (current.v && !previous?.v) verbs.push('voided');
	if (current.i && !previous?.i) verbs.push('deleted');
	if (current.e && current.e !== previous?.e) {
		const sentInWindow = Date.parse(current.e) >= context.windowStartMs;
		if (previous !== undefined || sentInWindow) verbs.push('emailed');
	}
	if (!current.v && current.b !== undefined && current.t !== undefined) {
		const before = previous ?? (context.isNew ? { b: current.t, t: current.t } : undefined);
		if (before && current.t > 0 && current.b === 0 && (before.b ?? 0) > 0) verbs.push('paid');
		if (before && current.b > 0 && paidSoFar(current) > Math.max(0, paidSoFar(before))) verbs.push('partially_paid');
	}
	if (current.s === 'Accepted' && (previous ? previous.s !== 'Accepted' : acceptedInWindow(current, context))) {
		verbs.push('accepted');
	}
	return verbs;
}
