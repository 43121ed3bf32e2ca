import { createClock } from '../../src/clock';
import { QboFault } from '../../src/contracts';
import { createAccounting } from '../../src/accounting';

/** A fresh accounting core with the two seeded companies. */
export function freshAccounting() {
	const clock = createClock();
	const accounting = createAccounting({ clock });
	return { clock, accounting, us: accounting.realms.us, ca: accounting.realms.ca };
}

/** Runs `fn`, expects a QboFault, returns its first error (fails the test otherwise). */
export function faultOf(fn: () => unknown): { code: string; Message: string; Detail: string; element?: string; status: number } {
	try {
		fn();
	} catch (e) {
		if (!(e instanceof QboFault)) throw e;
		return { ...e.errors[0], status: e.status };
	}
	throw new Error('expected a QboFault, but the call succeeded');
}

export type Obj = Record<string, any>;

/** One SalesItemLineDetail line. */
export function itemLine(itemId: string, amount: number, extra: Obj = {}, detail: Obj = {}): Obj {
	return { Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: itemId }, ...detail }, ...extra };
}

/** Seeded ids used across tests (US company). */
export const US = { amy: '1', coolCars: '2', freeman: '4', acmeVendor: '6', services: '1', design: '2', shipping: '4', category: '5', rockFountain: '6', pump: '7' };
