import type { IDataObject } from 'n8n-workflow';

/** One output item of either trigger: one event about one QuickBooks object. */
export interface TriggerEvent extends IDataObject {
	/** 'invoice.created', 'customer.merged', 'invoice.paid', … */
	event: string;
	/**
	 * The same for every copy of this event, however often it is emitted (a webhook delivered twice,
	 * to two webhook processors, or a poll repeated after a restart): realm, entity, id, verb and the
	 * change's time. Give it to the action node's "Idempotency Key" so a repeat has no second effect.
	 */
	eventKey: string;
	/** Canonical entity name, e.g. 'SalesReceipt'. */
	entity: string;
	realmId: string;
	/** When QuickBooks says the change happened (ISO-8601). */
	time: string;
	id: string;
	/** The full current object; a deleted one as QuickBooks reports it ({status:'Deleted', Id, …}). */
	object: IDataObject;
	/** For merges: the id that was merged away. */
	deletedId?: string;
}

/**
 * The stable key of one event: `realm:Entity:id:verb:time`, the time normalised to ISO-8601 UTC so
 * "…Z" and "…+00:00" give one key. `time` must be a property of the change itself (the webhook's
 * own time, a record's CreateTime or LastUpdatedTime), never the moment we saw it. QuickBooks'
 * LastUpdatedTime has whole seconds, so two edits in one second would share it: where the record's
 * version (SyncToken, +1 per write) is known for this very change, it is appended as `:v<token>`.
 */
export function eventKey(realmId: string, entity: string, id: string, verb: string, time: string, version?: string): string {
	const ms = Date.parse(time);
	const when = Number.isNaN(ms) ? time : new Date(ms).toISOString();
	return `${realmId}:${entity}:${id}:${verb}:${when}${version ? `:v${version}` : ''}`;
}
