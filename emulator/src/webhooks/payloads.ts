import { createHash, randomUUID } from 'node:crypto';
import type { ChangeEvent, ChangeOperation } from '../contracts';

/** CloudEvents spell the operation as a past-tense verb: qbo.invoice.voided.v1. */
const CLOUD_EVENT_VERB: Record<ChangeOperation, string> = {
	Create: 'created',
	Update: 'updated',
	Delete: 'deleted',
	Merge: 'merged',
	Void: 'voided',
	Emailed: 'emailed',
};

/** Intuit stamps both formats in UTC with milliseconds ("2025-09-08T20:52:31.657Z"); QuickBooks' own LastUpdatedTime carries an offset. */
function utc(iso: string): string {
	const ms = Date.parse(iso);
	return Number.isNaN(ms) ? iso : new Date(ms).toISOString();
}

/** `qbo.<entity lower-case>.<verb>.v1`, e.g. qbo.salesreceipt.created.v1. */
export function cloudEventType(event: ChangeEvent): string {
	return `qbo.${event.entity.toLowerCase()}.${CLOUD_EVENT_VERB[event.operation]}.v1`;
}

// Intuit's `source` is "intuit." + an opaque base64 id of the publisher; the emulator's is fixed.
const SOURCE = `intuit.${createHash('sha256').update('qbo-emulator webhooks').digest('base64')}`;

/** The CloudEvents body (Intuit's 2025–2026 format): a JSON array, one element per change. */
export function cloudEventsBody(events: ChangeEvent[]): string {
	return JSON.stringify(
		events.map((event) => ({
			specversion: '1.0',
			id: randomUUID(),
			source: SOURCE,
			type: cloudEventType(event),
			datacontenttype: 'application/json',
			time: utc(event.lastUpdated),
			intuitentityid: event.id,
			intuitaccountid: event.realmId,
			// Notifications carry ids only; a merge also names the id that disappeared.
			data: event.operation === 'Merge' && event.deletedId !== undefined ? { deletedid: event.deletedId } : {},
		})),
	);
}

/** The legacy body: one eventNotifications entry per company, its changes in dataChangeEvent.entities. */
export function legacyBody(events: ChangeEvent[]): string {
	const byRealm = new Map<string, ChangeEvent[]>();
	for (const event of events) byRealm.set(event.realmId, [...(byRealm.get(event.realmId) ?? []), event]);
	return JSON.stringify({
		eventNotifications: [...byRealm.entries()].map(([realmId, changes]) => ({
			realmId,
			dataChangeEvent: {
				entities: changes.map((event) => ({
					id: event.id,
					operation: event.operation,
					name: event.entity,
					lastUpdated: utc(event.lastUpdated),
					...(event.operation === 'Merge' && event.deletedId !== undefined ? { deletedId: event.deletedId } : {}),
				})),
			},
		})),
	});
}
