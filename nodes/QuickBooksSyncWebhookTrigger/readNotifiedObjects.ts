import type { IDataObject } from 'n8n-workflow';

import { escapeQueryValue, qboRequest, type QboFunctions } from '../shared/transport';
import { watchableEntity } from '../shared/triggers/entities';
import type { Notification } from './notifications';

/** Ids per `Id IN (…)` query: a delivery holds at most 100 events, so one query per entity is the rule. */
const IDS_PER_QUERY = 100;

/** The query text reading these ids of one entity; names include inactive ones ("deleted" names). */
export function idsQuery(entity: string, ids: string[]): string {
	const active = watchableEntity(entity)?.isName ? 'Active IN (true, false) AND ' : '';
	const list = ids.map((id) => `'${escapeQueryValue(id)}'`).join(', ');
	return `SELECT * FROM ${entity} WHERE ${active}Id IN (${list}) MAXRESULTS 1000`;
}

/** Which ids must be read: every notified object that still exists (deleted documents are reported as sent). */
function idsToRead(notifications: Notification[]): Map<string, string[]> {
	const byEntity = new Map<string, Set<string>>();
	for (const notification of notifications) {
		const isName = watchableEntity(notification.entity)?.isName ?? false;
		if (notification.verb === 'deleted' && !isName) continue;
		if (!byEntity.has(notification.entity)) byEntity.set(notification.entity, new Set());
		byEntity.get(notification.entity)!.add(notification.id);
	}
	return new Map([...byEntity].map(([entity, ids]) => [entity, [...ids]]));
}

/**
 * Reads the current objects a delivery is about: one query per entity type (`Id IN (…)`), the
 * entities in parallel. Returns them keyed 'Entity:Id'.
 */
export async function readNotifiedObjects(context: QboFunctions, notifications: Notification[]): Promise<Map<string, IDataObject>> {
	const found = new Map<string, IDataObject>();
	const requests: Array<Promise<void>> = [];
	for (const [entity, ids] of idsToRead(notifications)) {
		for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
			const text = idsQuery(entity, ids.slice(start, start + IDS_PER_QUERY));
			requests.push(
				(async () => {
					const path = `/query?query=${encodeURIComponent(text)}`;
					const response = (await qboRequest.call(context, { method: 'GET', path })) as IDataObject;
					const rows = ((response.QueryResponse as IDataObject | undefined)?.[entity] as IDataObject[] | undefined) ?? [];
					for (const row of rows) found.set(`${entity}:${String(row.Id)}`, row);
				})(),
			);
		}
	}
	await Promise.all(requests);
	return found;
}
