import type { IDataObject } from 'n8n-workflow';

import { watchableEntity, type EventVerb } from '../shared/triggers/entities';

/** One change as a webhook delivery announces it, whatever the body's format. */
export interface Notification {
	realmId: string;
	/** Canonical entity name when we know the entity ('SalesReceipt'), else as sent. */
	entity: string;
	id: string;
	verb: EventVerb;
	/** When the change happened, as sent (ISO-8601); '' when the event carries no time. */
	time: string;
	/** For merges: the id that disappeared. */
	deletedId?: string;
	/** A CloudEvent's own id: what tells two events apart (Intuit re-delivers one with the same id). */
	eventId?: string;
}

/** A delivery read: the notifications to act on, and why any others were left out. */
export interface ParsedDelivery {
	notifications: Notification[];
	ignored: string[];
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

/** QuickBooks ids and realm ids are numeric strings; JSON may carry them as numbers. */
const NUMERIC_ID = /^\d{1,20}$/;
const ENTITY_NAME = /^[A-Za-z]{1,40}$/;

function canonicalEntity(name: string): string {
	return watchableEntity(name)?.name ?? name;
}

const isObject = (value: unknown): value is IDataObject => !!value && typeof value === 'object' && !Array.isArray(value);

/** A numeric id as text, or undefined when the value is anything else (an object, a name, an injection). */
function numericId(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value);
	return NUMERIC_ID.test(text) ? text : undefined;
}

/** The time as sent ('' when absent), or undefined when it is present but no time at all. */
function changeTime(value: unknown): string | undefined {
	if (value === undefined || value === null || value === '') return '';
	if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return undefined;
	return value;
}

/** Checks the fields every notification needs; returns the reason it cannot be used, or the notification. */
function checked(
	where: string,
	fields: { realmId: unknown; entity: unknown; id: unknown; time: unknown; deletedId: unknown; eventId?: unknown },
	verb: EventVerb,
): Notification | string {
	const realmId = numericId(fields.realmId);
	if (realmId === undefined) return `${where}: realmId ${JSON.stringify(fields.realmId)} is not a QuickBooks company id`;
	if (typeof fields.entity !== 'string' || !ENTITY_NAME.test(fields.entity)) return `${where}: ${JSON.stringify(fields.entity)} is not an entity name`;
	const id = numericId(fields.id);
	if (id === undefined) return `${where}: id ${JSON.stringify(fields.id)} is not a QuickBooks id`;
	const time = changeTime(fields.time);
	if (time === undefined) return `${where}: ${JSON.stringify(fields.time)} is not a time`;
	const deletedId = fields.deletedId === undefined ? undefined : numericId(fields.deletedId);
	if (fields.deletedId !== undefined && deletedId === undefined) return `${where}: deleted id ${JSON.stringify(fields.deletedId)} is not a QuickBooks id`;
	if (fields.eventId !== undefined && (typeof fields.eventId !== 'string' || fields.eventId === '' || fields.eventId.length > 200)) {
		return `${where}: event id ${JSON.stringify(fields.eventId)} is not a CloudEvents id`;
	}
	return {
		realmId,
		entity: canonicalEntity(fields.entity),
		id,
		verb,
		time,
		...(deletedId !== undefined ? { deletedId } : {}),
		...(typeof fields.eventId === 'string' ? { eventId: fields.eventId } : {}),
	};
}

function add(parsed: ParsedDelivery, result: Notification | string): void {
	if (typeof result === 'string') parsed.ignored.push(result);
	else parsed.notifications.push(result);
}

function legacyNotifications(body: IDataObject, parsed: ParsedDelivery): void {
	(body.eventNotifications as unknown[]).forEach((notification, n) => {
		const where = `eventNotifications[${n}]`;
		const change = isObject(notification) ? notification.dataChangeEvent : undefined;
		const entities = isObject(change) ? change.entities : undefined;
		if (!Array.isArray(entities)) {
			parsed.ignored.push(`${where}: dataChangeEvent.entities is not a list`);
			return;
		}
		entities.forEach((entity, e) => {
			const at = `${where}.entities[${e}]`;
			if (!isObject(entity)) {
				parsed.ignored.push(`${at}: not an object`);
				return;
			}
			const verb = LEGACY_OPERATIONS[String(entity.operation ?? '').toLowerCase()];
			// An operation we do not report (Intuit adds some) is not an error.
			if (!verb) return;
			const { realmId } = notification as IDataObject;
			add(parsed, checked(at, { realmId, entity: entity.name, id: entity.id, time: entity.lastUpdated, deletedId: entity.deletedId }, verb));
		});
	});
}

function cloudEvent(event: unknown, where: string, parsed: ParsedDelivery): void {
	if (!isObject(event)) {
		parsed.ignored.push(`${where}: not an object`);
		return;
	}
	const match = CLOUD_EVENT_TYPE.exec(String(event.type ?? ''));
	// A type we do not report is not an error.
	if (!match) return;
	const verb = match[2].toLowerCase() as EventVerb;
	if (!Object.values(LEGACY_OPERATIONS).includes(verb)) return;
	const data = isObject(event.data) ? event.data : {};
	add(
		parsed,
		checked(where, { realmId: event.intuitaccountid, entity: match[1], id: event.intuitentityid, time: event.time, deletedId: data.deletedid, eventId: event.id }, verb),
	);
}

/**
 * Reads a delivery in either of Intuit's formats: the legacy `{eventNotifications:[…]}` or
 * CloudEvents (an array of events, or a single one). Operations we do not report are skipped;
 * entries with a wrong shape or values that are not ids or times are left out with the reason. A
 * body that is neither format gives undefined.
 */
export function parseDelivery(body: unknown): ParsedDelivery | undefined {
	const parsed: ParsedDelivery = { notifications: [], ignored: [] };
	if (Array.isArray(body)) {
		body.forEach((event, index) => cloudEvent(event, `[${index}]`, parsed));
		return parsed;
	}
	if (!isObject(body)) return undefined;
	if (Array.isArray(body.eventNotifications)) {
		legacyNotifications(body, parsed);
		return parsed;
	}
	if (typeof body.specversion === 'string') {
		cloudEvent(body, 'event', parsed);
		return parsed;
	}
	return undefined;
}

/** The notifications of a delivery (see parseDelivery), without the reasons. */
export function parseNotifications(body: unknown): Notification[] | undefined {
	return parseDelivery(body)?.notifications;
}

/**
 * A delivery's identity for duplicate detection. A CloudEvent is its id (Intuit delivers one event
 * again with the same id; two events are two changes, with or without a time); a legacy
 * notification, which has no id, is its record, verb and time.
 */
export function notificationKey(notification: Notification): string {
	const record = `${notification.realmId}:${notification.entity}:${notification.id}:${notification.verb}`;
	if (notification.eventId !== undefined) return `${record}:ce:${notification.eventId}`;
	const time = Date.parse(notification.time);
	return `${record}:${Number.isNaN(time) ? notification.time : String(time)}`;
}
