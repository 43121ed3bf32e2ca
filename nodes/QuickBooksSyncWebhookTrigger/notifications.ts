import type { IDataObject } from 'n8n-workflow';

import { watchableEntity, type EventVerb } from '../QuickBooksSync/trigger-shared/entities';

/** One change as a webhook delivery announces it, whatever the body's format. */
export interface Notification {
	realmId: string;
	/** Canonical entity name when we know the entity ('SalesReceipt'), else as sent. */
	entity: string;
	id: string;
	verb: EventVerb;
	/** When the change happened, as sent (ISO-8601). */
	time: string;
	/** For merges: the id that disappeared. */
	deletedId?: string;
}

const LEGACY_OPERATIONS: Record<string, EventVerb> = {
	create: 'created',
	update: 'updated',
	delete: 'deleted',
	merge: 'merged',
	void: 'voided',
	emailed: 'emailed',
};

/** CloudEvents types read `qbo.<entity>.<past-tense verb>.v<n>`. */
const CLOUD_EVENT_TYPE = /^qbo\.([a-z]+)\.([a-z_]+)\.v\d+$/i;

function canonicalEntity(name: string): string {
	return watchableEntity(name)?.name ?? name;
}

function legacyNotifications(body: IDataObject): Notification[] {
	const out: Notification[] = [];
	for (const notification of (body.eventNotifications as IDataObject[] | undefined) ?? []) {
		const realmId = String(notification?.realmId ?? '');
		const entities = ((notification?.dataChangeEvent as IDataObject | undefined)?.entities as IDataObject[] | undefined) ?? [];
		for (const entity of entities) {
			const verb = LEGACY_OPERATIONS[String(entity?.operation ?? '').toLowerCase()];
			if (!verb || entity.id === undefined || !entity.name) continue;
			out.push({
				realmId,
				entity: canonicalEntity(String(entity.name)),
				id: String(entity.id),
				verb,
				time: String(entity.lastUpdated ?? ''),
				...(entity.deletedId !== undefined ? { deletedId: String(entity.deletedId) } : {}),
			});
		}
	}
	return out;
}

function cloudEventNotification(event: IDataObject): Notification | undefined {
	const match = CLOUD_EVENT_TYPE.exec(String(event?.type ?? ''));
	if (!match || event.intuitentityid === undefined) return undefined;
	const verb = match[2].toLowerCase() as EventVerb;
	if (!Object.values(LEGACY_OPERATIONS).includes(verb)) return undefined;
	const data = (event.data ?? {}) as IDataObject;
	return {
		realmId: String(event.intuitaccountid ?? ''),
		entity: canonicalEntity(match[1]),
		id: String(event.intuitentityid),
		verb,
		time: String(event.time ?? ''),
		...(data.deletedid !== undefined ? { deletedId: String(data.deletedid) } : {}),
	};
}

/**
 * Reads a delivery in either of Intuit's formats: the legacy `{eventNotifications:[…]}` or
 * CloudEvents (an array of events, or a single one). Unknown operations are skipped; a body that
 * is neither format gives undefined.
 */
export function parseNotifications(body: unknown): Notification[] | undefined {
	if (Array.isArray(body)) {
		return body.map((event) => cloudEventNotification(event as IDataObject)).filter((n): n is Notification => !!n);
	}
	if (!body || typeof body !== 'object') return undefined;
	const object = body as IDataObject;
	if (Array.isArray(object.eventNotifications)) return legacyNotifications(object);
	if (typeof object.specversion === 'string') {
		const single = cloudEventNotification(object);
		return single ? [single] : [];
	}
	return undefined;
}

/** A delivery's identity for duplicate detection: the same change in either format gives the same key. */
export function notificationKey(notification: Notification): string {
	const time = Date.parse(notification.time);
	const when = Number.isNaN(time) ? notification.time : String(time);
	return `${notification.realmId}:${notification.entity}:${notification.id}:${notification.verb}:${when}`;
}
