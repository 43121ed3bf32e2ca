import type { IDataObject } from 'n8n-workflow';

import { touchBounded } from '../shared/triggers/boundedRecord';
import { eventName, watchableEntity, type EventVerb } from '../shared/triggers/entities';
import { stateOf, stateVerbs, type ObjectState } from '../shared/triggers/objectState';
import type { Selection } from '../shared/triggers/selection';
import { eventKey, type TriggerEvent } from '../shared/triggers/triggerEvent';
import type { Notification } from './notifications';

/** Most object states kept for derived events; the oldest touched go first. */
export const WEBHOOK_OBJECTS_CAP = 10_000;

/** Webhooks name voids and emails themselves; only these are worked out from the previous state. */
const DERIVED: readonly EventVerb[] = ['paid', 'partially_paid', 'accepted'];

export interface WebhookEventsInput {
	notifications: Notification[];
	/** Current objects read from QuickBooks, keyed 'Entity:Id'. */
	objects: Map<string, IDataObject>;
	/** Previous states (static data), updated in place. */
	states: Record<string, ObjectState>;
	selection: Selection;
	realmId: string;
}

/** A deleted document as QuickBooks reports one: status Deleted, the Id, the time. */
function deletedStub(notification: Notification): IDataObject {
	return { domain: 'QBO', status: 'Deleted', Id: notification.id, MetaData: { LastUpdatedTime: notification.time } };
}

/**
 * Turns fresh notifications into events, in delivery order. A notification whose object can no
 * longer be read (deleted since) is skipped: its Delete notification follows. A name (customer,
 * vendor, item) is "deleted" when made inactive, whether QuickBooks says Delete or Update.
 */
export function buildWebhookEvents(input: WebhookEventsInput): { events: TriggerEvent[]; missing: Notification[] } {
	const { notifications, objects, states, selection, realmId } = input;
	const events: TriggerEvent[] = [];
	const missing: Notification[] = [];
	for (const notification of notifications) {
		const { entity, id, time } = notification;
		if (!selection.entities.includes(entity)) continue;
		const key = `${entity}:${id}`;
		const isName = watchableEntity(entity)?.isName ?? false;
		let verbs: EventVerb[] = [notification.verb];
		let object = objects.get(key);

		if (notification.verb === 'deleted' && (!isName || !object)) {
			object = deletedStub(notification);
			delete states[key];
		} else if (!object) {
			missing.push(notification);
			continue;
		} else if (selection.needsState(entity)) {
			const previous = states[key];
			const current = stateOf(object);
			const windowStartMs = Date.parse(time) - 60_000;
			const derived = stateVerbs(previous, current, { isNew: notification.verb === 'created', windowStartMs: Number.isNaN(windowStartMs) ? 0 : windowStartMs });
			touchBounded(states, key, current, WEBHOOK_OBJECTS_CAP);
			if (isName) {
				// Inactivation is the names' delete: report it once, however QuickBooks announced it.
				const becameInactive = derived.includes('deleted');
				if (notification.verb === 'deleted' && !becameInactive && previous?.i) verbs = [];
				if (notification.verb === 'updated' && becameInactive) verbs = ['deleted'];
			}
			verbs.push(...derived.filter((verb) => DERIVED.includes(verb)));
		}

		for (const verb of verbs) {
			if (!selection.wants(entity, verb)) continue;
			events.push({
				event: eventName(entity, verb),
				// The notification's own time: every redelivery of this change carries the same one.
				eventKey: eventKey(realmId, entity, id, verb, time),
				entity,
				realmId,
				time,
				id,
				object: object!,
				...(notification.deletedId !== undefined ? { deletedId: notification.deletedId } : {}),
			});
		}
	}
	return { events, missing };
}
