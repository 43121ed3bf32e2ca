import type { IDataObject } from 'n8n-workflow';

/** One output item of either trigger: one event about one QuickBooks object. */
export interface TriggerEvent extends IDataObject {
	/** 'invoice.created', 'customer.merged', 'invoice.paid', … */
	event: string;
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
