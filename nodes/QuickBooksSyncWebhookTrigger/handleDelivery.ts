import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { NodeParameters } from '../shared/parameterValues';
import { companyFromCredentials, CREDENTIAL_TYPE } from '../shared/transport';
import { recordFrom } from '../shared/triggers/boundedRecord';
import { isCredentialFailure } from '../shared/triggers/credentialFailure';
import type { ObjectState } from '../shared/triggers/objectState';
import { watchSelection } from '../shared/triggers/parameters';
import { isActivationSaved } from './activationMark';
import { claimKeys, freshNotifications, isOlderThanMemory, openReplayMemory, settleKeys } from './deliveryDedupe';
import { parseDelivery, type Notification } from './notifications';
import { readNotifiedObjects } from './readNotifiedObjects';
import { isValidSignature } from './signature';
import { NO_TOKEN_MESSAGE, verifierTokenOf } from './verifierToken';
import { buildWebhookEvents } from './webhookEvents';

const LOG_PREFIX = 'QuickBooks Sync Webhook Trigger';

/** Intuit sends at most 100 events, about 1 MB; anything far beyond that is not a delivery of theirs. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Answers the request ourselves and tells n8n not to (and, without workflowData, not to start a run). */
function answer(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/** The exact bytes Intuit signed; n8n keeps them as rawBody. */
function rawBodyOf(context: IWebhookFunctions): Buffer {
	const raw = (context.getRequestObject() as { rawBody?: Buffer | string }).rawBody;
	if (Buffer.isBuffer(raw)) return raw;
	if (typeof raw === 'string') return Buffer.from(raw, 'utf8');
	// Without the raw bytes no signature can match: an empty body is refused below.
	return Buffer.alloc(0);
}

/** The change's time in ms: as sent, else the record's last update (no later than the change), else now. */
function effectiveTime(notification: Notification, object: IDataObject | undefined, nowMs: number): number {
	const sent = Date.parse(notification.time);
	if (!Number.isNaN(sent)) return sent;
	const updated = Date.parse(String((object?.MetaData as IDataObject | undefined)?.LastUpdatedTime ?? ''));
	return Number.isNaN(updated) ? nowMs : updated;
}

/**
 * Handles one delivery from Intuit: size and signature first (413, 401), then whether activation's
 * state has been saved (503 until it is: see activationMark.ts), then the body's shape (400
 * when nothing in it is usable), then only this credential's company and the chosen entities, then
 * only changes the replay memory has not seen and can vouch for. The changed objects are read (one
 * query per entity type) before answering, so a failure answers 500 and Intuit delivers again later;
 * on success we answer 200 and hand n8n the items to run.
 */
export async function handleDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const rawBody = rawBodyOf(context);
	if (rawBody.length > MAX_BODY_BYTES) {
		context.logger.warn(`${LOG_PREFIX}: refused a ${rawBody.length}-byte body (Intuit sends about 1 MB at most)`);
		return answer(context, 413, { message: `Body larger than ${MAX_BODY_BYTES} bytes` });
	}
	const credentials = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	const verifierToken = verifierTokenOf(credentials);
	if (!verifierToken) {
		context.logger.warn(`${LOG_PREFIX}: ${NO_TOKEN_MESSAGE}`);
		return answer(context, 401, { message: 'Invalid or missing intuit-signature' });
	}
	if (!isValidSignature(verifierToken, rawBody, context.getHeaderData()['intuit-signature'])) {
		return answer(context, 401, { message: 'Invalid or missing intuit-signature' });
	}

	// Read only: an untouched static data is not saved by n8n, so activation's save stands.
	const staticData = context.getWorkflowStaticData('node');
	if (!isActivationSaved(staticData)) {
		context.logger.warn(`${LOG_PREFIX}: a delivery arrived before the workflow's activation was saved; answered 503 so Intuit delivers it again`);
		return answer(context, 503, { message: 'The workflow is being activated; deliver again later' });
	}

	let body: unknown;
	try {
		body = JSON.parse(rawBody.toString('utf8'));
	} catch {
		return answer(context, 400, { message: 'The body is not JSON' });
	}
	const parsed = parseDelivery(body);
	if (!parsed) return answer(context, 400, { message: 'Not a QuickBooks webhook notification' });
	const { notifications, ignored } = parsed;
	if (ignored.length) context.logger.warn(`${LOG_PREFIX}: left out ${ignored.length} notification(s): ${ignored.slice(0, 5).join('; ')}`);
	if (notifications.length === 0 && ignored.length) {
		return answer(context, 400, { message: `Not a usable QuickBooks webhook notification: ${ignored[0]}`, ignored: ignored.length });
	}
	const counts = { received: notifications.length, ...(ignored.length ? { ignored: ignored.length } : {}) };

	const { realmId } = companyFromCredentials(context, credentials);
	const selection = watchSelection(new NodeParameters(context));
	// One app URL serves every connected company: the others' changes are not ours to report.
	const mine = notifications.filter((n) => n.realmId === realmId && selection.entities.includes(n.entity));

	const nowMs = Date.now();
	const memory = openReplayMemory(recordFrom<number>(staticData.recent), staticData.replayFloor, nowMs);
	const timely = mine.filter((n) => !n.time || !isOlderThanMemory(memory, Date.parse(n.time)));
	let stale = mine.length - timely.length;
	const scope = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	const fresh = freshNotifications(timely, memory.recent, scope);
	const saveMemory = () => {
		staticData.recent = memory.recent;
		staticData.replayFloor = memory.floorMs;
	};
	const logStale = () => {
		if (stale) context.logger.warn(`${LOG_PREFIX}: refused ${stale} change(s) older than its replay memory can vouch for (possible replays)`);
	};
	if (fresh.length === 0) {
		logStale();
		saveMemory();
		return answer(context, 200, { ...counts, reported: 0, ...(stale ? { stale } : {}) });
	}

	const keys = fresh.map((entry) => entry.key);
	claimKeys(scope, keys);
	try {
		const objects = await readNotifiedObjects(context, fresh.map((entry) => entry.notification));
		const changeMs = fresh.map(({ notification }) => effectiveTime(notification, objects.get(`${notification.entity}:${notification.id}`), nowMs));
		const reportable: Notification[] = [];
		fresh.forEach(({ notification }, index) => {
			if (notification.time) return void reportable.push(notification);
			// No time of its own: the record's last update, which is no earlier than the change. A record
			// unchanged since before the memory's floor makes this an old event: refused.
			if (isOlderThanMemory(memory, changeMs[index])) return void stale++;
			reportable.push({ ...notification, time: new Date(changeMs[index]).toISOString() });
		});
		const states = recordFrom<ObjectState>(staticData.objects);
		const { events, missing } = buildWebhookEvents({ notifications: reportable, objects, states, selection, realmId });
		for (const gone of missing) {
			context.logger.debug(`${LOG_PREFIX}: ${gone.entity} ${gone.id} no longer exists; its ${gone.verb} is not reported`);
		}
		settleKeys(scope, keys, memory, true, changeMs);
		saveMemory();
		staticData.objects = states as IDataObject;
		logStale();
		const answered = answer(context, 200, { ...counts, reported: events.length, ...(stale ? { stale } : {}) });
		if (events.length === 0) return answered;
		// We answer ourselves, before the run starts: n8n 2.x took 5–8 s to answer "onReceived"
		// on this machine, past Intuit's 3 s, which would make Intuit deliver everything again.
		return { ...answered, workflowData: [context.helpers.returnJsonArray(events)] };
	} catch (error) {
		settleKeys(scope, keys, memory, false, nowMs);
		const why = isCredentialFailure(error)
			? 'QuickBooks refused the credential (expired or revoked): reconnect the QuickBooks Sync credential'
			: `could not read the changed records: ${(error as Error).message}`;
		context.logger.error(`${LOG_PREFIX}: ${why}. Answered 500 so Intuit delivers again later.`);
		return answer(context, 500, { message: 'Could not read the changed records from QuickBooks; deliver again later' });
	}
}
