import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getCompany, qboQueryPage } from '../shared/transport';
import { eventName } from '../shared/triggers/entities';
import type { Selection } from '../shared/triggers/selection';
import { eventKey, type TriggerEvent } from '../shared/triggers/triggerEvent';

const lastUpdated = (object: IDataObject) => String((object.MetaData as IDataObject | undefined)?.LastUpdatedTime ?? '');

/** "Fetch Test Event": the most recently changed record of the chosen entities, shaped like a real event. */
export async function fetchTestEvent(context: IPollFunctions, selection: Selection): Promise<TriggerEvent> {
	const { realmId } = await getCompany.call(context);
	let newest: { entity: string; object: IDataObject; time: number } | undefined;
	for (const entity of selection.entities) {
		const page = await qboQueryPage.call(context, `SELECT * FROM ${entity} ORDERBY MetaData.LastUpdatedTime DESC MAXRESULTS 1`);
		const object = (page[entity] as IDataObject[] | undefined)?.[0];
		const time = object ? Date.parse(lastUpdated(object)) : NaN;
		if (object && !Number.isNaN(time) && (!newest || time > newest.time)) newest = { entity, object, time };
	}
	if (!newest) {
		throw new NodeOperationError(context.getNode(), `No ${selection.entities.join(', ')} found in QuickBooks`, {
			description: 'Create one in QuickBooks, then fetch the test event again.',
		});
	}
	const { entity, object } = newest;
	const meta = (object.MetaData ?? {}) as IDataObject;
	const verb = meta.CreateTime === meta.LastUpdatedTime && selection.wants(entity, 'created') ? 'created' : 'updated';
	const id = String(object.Id);
	const key = verb === 'created' ? eventKey(realmId, entity, id, verb, String(meta.CreateTime)) : eventKey(realmId, entity, id, verb, lastUpdated(object), String(object.SyncToken ?? ''));
	return { event: eventName(entity, verb), eventKey: key, entity, realmId, time: lastUpdated(object), id, object };
}
