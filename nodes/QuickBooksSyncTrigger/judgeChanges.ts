import type { IDataObject } from 'n8n-workflow';

import { touchBounded } from '../shared/triggers/boundedRecord';
import { eventName, type EventVerb } from '../shared/triggers/entities';
import { isDeletedStub, stateOf, stateVerbs } from '../shared/triggers/objectState';
import type { Selection } from '../shared/triggers/selection';
import { eventKey, type TriggerEvent } from '../shared/triggers/triggerEvent';
import { OBJECTS_CAP, type PollState } from './pollState';

/** One object as CDC or a query returned it, with its entity. */
export interface Change {
	entity: string;
	object: IDataObject;
}

export interface JudgeOptions {
	selection: Selection;
	realmId: string;
	/** Start of the window that was read (epoch ms). */
	windowStartMs: number;
	/** False on the first activation: record what is there, report nothing. */
	emit: boolean;
}

/** These verbs ARE the change (as a webhook would name it), so the same change is not also "updated". */
const REPLACES_UPDATED: readonly EventVerb[] = ['voided', 'deleted', 'emailed'];

function metaTime(object: IDataObject, field: 'CreateTime' | 'LastUpdatedTime'): number {
	const meta = object.MetaData as IDataObject | undefined;
	return Date.parse(String(meta?.[field] ?? ''));
}

/**
 * Which version of the object this is. SyncToken goes up with every write, while LastUpdatedTime has
 * whole seconds only (two writes in one second share it); a deleted object has no SyncToken.
 */
function versionOf(object: IDataObject, time: number): string {
	if (isDeletedStub(object)) return 'd';
	const token = object.SyncToken;
	return token === undefined || token === null || token === '' ? `t${time}` : `s${String(token)}`;
}

/**
 * A creation is keyed by CreateTime alone: read again after a restart and a later edit, it is the same
 * event. Any other change by its LastUpdatedTime and the version it produced (whole seconds only).
 */
function keyOf(realmId: string, entity: string, id: string, verb: EventVerb, object: IDataObject, isoTime: string): string {
	if (verb === 'created') return eventKey(realmId, entity, id, verb, String((object.MetaData as IDataObject | undefined)?.CreateTime ?? isoTime));
	const token = object.SyncToken;
	return eventKey(realmId, entity, id, verb, isoTime, token === undefined || token === null ? undefined : String(token));
}

function changeTime(object: IDataObject, fallbackMs: number): number {
	const time = metaTime(object, 'LastUpdatedTime');
	return Number.isNaN(time) ? fallbackMs : time;
}

/**
 * Turns the objects read for one window into events, oldest first, and records in `state` what
 * was judged. A change is identified by entity + Id + version (SyncToken), so re-reading the
 * overlap reports nothing twice. Created vs Updated: an object is "created" when its CreateTime falls
 * inside the window and its creation has not been reported yet (a create and later edits inside
 * one window are one "created" with the current object); otherwise it is "updated".
 */
export function judgeChanges(changes: Change[], state: PollState, options: JudgeOptions): TriggerEvent[] {
	const { selection, realmId, windowStartMs, emit } = options;
	const ordered = changes
		.map((change, index) => ({ ...change, index, time: changeTime(change.object, windowStartMs) }))
		.sort((a, b) => a.time - b.time || a.index - b.index);
	const events: TriggerEvent[] = [];

	for (const { entity, object, time } of ordered) {
		const id = String(object.Id ?? '');
		if (!id) continue;
		const deleted = isDeletedStub(object);
		const changeKey = `${entity}:${id}:${versionOf(object, time)}`;
		if (state.seen[changeKey] !== undefined) continue;
		state.seen[changeKey] = time;

		const verbs: EventVerb[] = [];
		const objectKey = `${entity}:${id}`;
		if (deleted) {
			verbs.push('deleted');
			delete state.objects[objectKey];
		} else {
			const createdAt = metaTime(object, 'CreateTime');
			// The creation was judged either as version 0 itself or, when first read after an edit, under
			// an extra ':new' key; only the latter costs an extra entry.
			const creationKey = `${entity}:${id}:new`;
			const isFirstVersion = String(object.SyncToken) === '0';
			const creationSeen = state.seen[creationKey] !== undefined || state.seen[`${entity}:${id}:s0`] !== undefined;
			const isNew = createdAt >= windowStartMs && (isFirstVersion || !creationSeen);
			if (isNew && !isFirstVersion) state.seen[creationKey] = createdAt;
			const fromState = selection.needsState(entity)
				? stateVerbs(state.objects[objectKey], stateOf(object), { isNew, windowStartMs })
				: [];
			if (selection.needsState(entity)) touchBounded(state.objects, objectKey, stateOf(object), OBJECTS_CAP);
			const replaced = fromState.some((verb) => REPLACES_UPDATED.includes(verb));
			if (isNew) verbs.push('created');
			else if (!replaced) verbs.push('updated');
			verbs.push(...fromState);
		}

		if (!emit) continue;
		const isoTime = String((object.MetaData as IDataObject | undefined)?.LastUpdatedTime ?? new Date(time).toISOString());
		for (const verb of verbs) {
			if (!selection.wants(entity, verb)) continue;
			events.push({ event: eventName(entity, verb), eventKey: keyOf(realmId, entity, id, verb, object, isoTime), entity, realmId, time: isoTime, id, object });
		}
	}
	return events;
}
