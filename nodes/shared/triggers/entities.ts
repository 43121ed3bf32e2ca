/** What the triggers can watch: QuickBooks entities, the events each one has, and how events are named. */

/** A change verb as the triggers name it; derived verbs are computed from the object's state. */
export type EventVerb =
	| 'created'
	| 'updated'
	| 'deleted'
	| 'voided'
	| 'emailed'
	| 'merged'
	| 'paid'
	| 'partially_paid'
	| 'accepted';

/** Verbs QuickBooks itself reports (webhook operations, CDC); the rest are derived. */
export const DIRECT_VERBS: readonly EventVerb[] = ['created', 'updated', 'deleted', 'voided', 'emailed', 'merged'];

export interface WatchableEntity {
	/** Canonical QuickBooks name, as CDC, queries and webhooks spell it. */
	name: string;
	displayName: string;
	/** Which verbs this entity can have (Intuit's webhook table, plus our derived ones). */
	verbs: readonly EventVerb[];
	/** Names cannot be deleted in QuickBooks, only made inactive; queries skip inactive ones unless asked. */
	isName: boolean;
}

const NAME_VERBS: readonly EventVerb[] = ['created', 'updated', 'deleted', 'merged'];
const SALES_VERBS: readonly EventVerb[] = ['created', 'updated', 'deleted', 'voided', 'emailed'];

/** The entities offered in both triggers, in the order they are shown. */
export const WATCHABLE_ENTITIES: readonly WatchableEntity[] = [
	{ name: 'Customer', displayName: 'Customer', verbs: NAME_VERBS, isName: true },
	{ name: 'Vendor', displayName: 'Vendor', verbs: NAME_VERBS, isName: true },
	{ name: 'Item', displayName: 'Item', verbs: NAME_VERBS, isName: true },
	{ name: 'Invoice', displayName: 'Invoice', verbs: [...SALES_VERBS, 'paid', 'partially_paid'], isName: false },
	{ name: 'Estimate', displayName: 'Estimate', verbs: ['created', 'updated', 'deleted', 'emailed', 'accepted'], isName: false },
	{ name: 'SalesReceipt', displayName: 'Sales Receipt', verbs: SALES_VERBS, isName: false },
	{ name: 'Payment', displayName: 'Payment', verbs: SALES_VERBS, isName: false },
	{ name: 'CreditMemo', displayName: 'Credit Memo', verbs: SALES_VERBS, isName: false },
	{ name: 'Bill', displayName: 'Bill', verbs: ['created', 'updated', 'deleted'], isName: false },
];

/** Derived events the user picks by name; each one implies watching its entity. */
export const DERIVED_EVENTS: ReadonlyArray<{ value: string; entity: string; verb: EventVerb; displayName: string; description: string }> = [
	{
		value: 'invoice.paid',
		entity: 'Invoice',
		verb: 'paid',
		displayName: 'Invoice Paid',
		description: 'An invoice whose balance was above zero reached zero',
	},
	{
		value: 'invoice.partially_paid',
		entity: 'Invoice',
		verb: 'partially_paid',
		displayName: 'Invoice Partially Paid',
		description: 'More of an invoice was paid, but a balance remains',
	},
	{
		value: 'estimate.accepted',
		entity: 'Estimate',
		verb: 'accepted',
		displayName: 'Estimate Accepted',
		description: 'An estimate changed to the status Accepted',
	},
];

const BY_NAME = new Map(WATCHABLE_ENTITIES.map((entity) => [entity.name.toLowerCase(), entity]));

/** Looks an entity up by any capitalisation ('invoice', 'SalesReceipt'); undefined when not watchable. */
export function watchableEntity(name: string): WatchableEntity | undefined {
	return BY_NAME.get(String(name).toLowerCase());
}

/** The output's event name: 'invoice.created', 'salesreceipt.voided', 'invoice.partially_paid'. */
export function eventName(entity: string, verb: EventVerb): string {
	return `${entity.toLowerCase()}.${verb}`;
}
