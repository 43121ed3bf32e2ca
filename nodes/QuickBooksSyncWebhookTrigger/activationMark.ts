import type { IDataObject } from 'n8n-workflow';

/**
 * n8n makes the production URL live before it runs the trigger's activation (create()) and saves the
 * workflow's static data only after that, and a delivery reads the static data as saved when it
 * arrives. A delivery in between would be judged without the open invoices remembered on activation
 * (a payment of one would go unreported), answered 200 (so Intuit never sends it again), and its save
 * would then overwrite what activation remembered. Activation therefore leaves this mark in the
 * trigger's static data; a delivery that does not find it is refused with 503 and Intuit delivers it
 * again (10 s later, then on its schedule), by when activation has been saved.
 */
const MARK = 'activatedAt';

/** Records, in the state activation saves, that the trigger's activation has prepared that state. */
export function markActivated(staticData: IDataObject, nowMs: number): void {
	staticData[MARK] = nowMs;
}

/**
 * Keys every earlier version saved: activation always wrote `objects`, every answered delivery `recent`.
 * n8n 2.41.1 does not run create() again for an unchanged trigger when it restarts, so a trigger activated
 * before the mark existed must still count as activated.
 */
const SAVED_BEFORE_THE_MARK = ['objects', 'recent'];

/** True once an activation of this trigger has been saved in the static data the delivery sees. */
export function isActivationSaved(staticData: IDataObject): boolean {
	return typeof staticData[MARK] === 'number' || SAVED_BEFORE_THE_MARK.some((key) => staticData[key] !== undefined);
}
