import type { ICredentialDataDecryptedObject, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { companyFromCredentials, CREDENTIAL_TYPE } from '../QuickBooksSync/transport';
import { recordFrom } from '../QuickBooksSync/trigger-shared/boundedRecord';
import { isCredentialFailure } from '../QuickBooksSync/trigger-shared/credentialFailure';
import type { ObjectState } from '../QuickBooksSync/trigger-shared/objectState';
import { buildSelection } from '../QuickBooksSync/trigger-shared/selection';
import { claimKeys, freshNotifications, settleKeys } from './deliveryDedupe';
import { parseNotifications } from './notifications';
import { readNotifiedObjects } from './readNotifiedObjects';
import { isValidSignature } from './signature';
import { buildWebhookEvents } from './webhookEvents';

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

/**
 * Handles one delivery from Intuit: signature first (401 when it does not match), then only this
 * credential's company and the chosen entities, then only changes not already reported. The changed
 * objects are read (one query per entity type) before answering, so a failure answers 500 and
 * Intuit delivers again later; on success we answer 200 and hand n8n the items to run.
 */
export async function handleDelivery(context: IWebhookFunctions): Promise<IWebhookResponseData> {
	const credentials = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	const verifierToken = String(credentials.webhookVerifierToken ?? '');
	const rawBody = rawBodyOf(context);
	if (!isValidSignature(verifierToken, rawBody, context.getHeaderData()['intuit-signature'])) {
		if (!verifierToken) {
			context.logger.warn('QuickBooks Sync Webhook Trigger: the credential has no Webhook Verifier Token, so every delivery is refused');
		}
		return answer(context, 401, { message: 'Invalid or missing intuit-signature' });
	}

	let notifications;
	try {
		notifications = parseNotifications(JSON.parse(rawBody.toString('utf8')));
	} catch {
		notifications = undefined;
	}
	if (!notifications) return answer(context, 400, { message: 'Not a QuickBooks webhook notification' });

	const { realmId } = companyFromCredentials(context, credentials);
	const selection = buildSelection(
		context.getNodeParameter('entities', []) as string[],
		context.getNodeParameter('events', []) as string[],
		context.getNodeParameter('statusEvents', []) as string[],
	);
	// One app URL serves every connected company: the others' changes are not ours to report.
	const mine = notifications.filter((n) => n.realmId === realmId && selection.entities.includes(n.entity));

	const staticData = context.getWorkflowStaticData('node');
	const recent = recordFrom<number>(staticData.recent);
	const scope = `${context.getWorkflow().id ?? ''}:${context.getNode().id}`;
	const fresh = freshNotifications(mine, recent, scope);
	if (fresh.length === 0) return answer(context, 200, { received: notifications.length, reported: 0 });

	const keys = fresh.map((entry) => entry.key);
	claimKeys(scope, keys);
	try {
		const freshOnes = fresh.map((entry) => entry.notification);
		const objects = await readNotifiedObjects(context, freshOnes);
		const states = recordFrom<ObjectState>(staticData.objects);
		const { events, missing } = buildWebhookEvents({ notifications: freshOnes, objects, states, selection, realmId });
		for (const gone of missing) {
			context.logger.debug(`QuickBooks Sync Webhook Trigger: ${gone.entity} ${gone.id} no longer exists; its ${gone.verb} is not reported`);
		}
		settleKeys(scope, keys, recent, true, Date.now());
		staticData.recent = recent;
		staticData.objects = states as IDataObject;
		const answered = answer(context, 200, { received: notifications.length, reported: events.length });
		if (events.length === 0) return answered;
		// We answer ourselves, before the run starts: n8n 2.x took 5–8 s to answer "onReceived"
		// on this machine, past Intuit's 3 s, which would make Intuit deliver everything again.
		return { ...answered, workflowData: [context.helpers.returnJsonArray(events)] };
	} catch (error) {
		settleKeys(scope, keys, recent, false, Date.now());
		const why = isCredentialFailure(error)
			? 'QuickBooks refused the credential (expired or revoked): reconnect the QuickBooks Sync credential'
			: `could not read the changed records: ${(error as Error).message}`;
		context.logger.error(`QuickBooks Sync Webhook Trigger: ${why}. Answered 500 so Intuit delivers again later.`);
		return answer(context, 500, { message: 'Could not read the changed records from QuickBooks; deliver again later' });
	}
}
