import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { instantOf } from '../shared/dates';
import { NodeParameters } from '../shared/parameterValues';
import { getCompany } from '../shared/transport';
import { credentialError, isCredentialFailure } from '../shared/triggers/credentialFailure';
import { watchSelection } from '../shared/triggers/parameters';
import { seedOpenInvoices } from '../shared/triggers/seedOpenInvoices';
import type { Selection } from '../shared/triggers/selection';
import type { TriggerEvent } from '../shared/triggers/triggerEvent';
import { readChanges } from './changeFeed';
import { judgeChanges } from './judgeChanges';
import { advanceCursor, OBJECTS_CAP, OVERLAP_MS, readPollState, windowStart, writePollState } from './pollState';
import { fetchTestEvent } from './testEvent';

function lastUpdatedMs(object: IDataObject): number {
	return Date.parse(String((object.MetaData as IDataObject | undefined)?.LastUpdatedTime ?? ''));
}

/**
 * The backfill start of "Emit Records Changed Since" in ms, or undefined when none is set. Text with an
 * offset is that instant, text without one is wall time in the workflow's time zone (never the server's);
 * anything else is refused naming the option, rather than silently starting "from now".
 */
export function backfillStart(context: IPollFunctions, parameters: NodeParameters): number | undefined {
	const value = parameters.object('options').emitChangedSince;
	if (value === undefined || value === null || value === '') return undefined;
	const { ms, problem } = instantOf(value, context.getTimezone());
	if (ms === undefined) {
		throw new NodeOperationError(context.getNode(), `Emit Records Changed Since: ${problem ?? 'not a date'}`, {
			description: 'Fix the option [parameter: options.emitChangedSince]; nothing was read or recorded.',
		});
	}
	return ms;
}

/** Reads one window of changes and judges it; writes the new state only once the items are ready. */
async function pollOnce(context: IPollFunctions, selection: Selection, backfillMs: number | undefined): Promise<TriggerEvent[]> {
	const staticData = context.getWorkflowStaticData('node');
	const state = readPollState(staticData);
	const { realmId } = await getCompany.call(context);
	const nowMs = Date.now();

	let sinceMs = windowStart(state);
	let emit = true;
	if (sinceMs === undefined) {
		// First activation: from now, unless the user asked for a backfill.
		emit = backfillMs !== undefined;
		sinceMs = backfillMs ?? nowMs - OVERLAP_MS;
		await seedOpenInvoices(context, selection, state.objects, OBJECTS_CAP);
	}

	const read = await readChanges(context, selection.entities, sinceMs, nowMs);
	if (read.deletesMayBeMissing && emit && selection.entities.some((entity) => selection.wants(entity, 'deleted'))) {
		context.logger.warn(
			`QuickBooks Sync Trigger read ${read.mode === 'query' ? 'by queries' : 'a cut-off CDC answer'}: records deleted in that window may not be reported`,
		);
	}
	let changes = read.changes;
	if (!emit) {
		// "From now" means QuickBooks' now: when its clock is ahead of ours, what changed before its
		// now − overlap is history, not to be recorded as seen (open invoices were seeded above).
		sinceMs = Math.max(sinceMs, Date.parse(read.serverTime) - OVERLAP_MS);
		const start = sinceMs;
		changes = changes.filter((change) => !(lastUpdatedMs(change.object) < start));
	}
	const events = judgeChanges(changes, state, { selection, realmId, windowStartMs: sinceMs, emit });
	advanceCursor(state, read.complete ? read.serverTime : read.readUpTo!);
	writePollState(staticData, state);
	return events;
}

/**
 * poll(): manual runs fetch one real recent record and throw errors; active runs report each change
 * once. In an active workflow a failure is logged and the next poll retries the same window (the
 * cursor has not moved); an expired credential is raised, so n8n shows it on the workflow.
 */
export async function pollQuickBooks(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const parameters = new NodeParameters(this);
	const selection = watchSelection(parameters);
	if (selection.entities.length === 0) {
		throw new NodeOperationError(this.getNode(), 'Choose at least one entity and one event to watch');
	}
	// A wrong backfill date is the user's to fix: raised in both modes, not logged and retried.
	const backfillMs = backfillStart(this, parameters);
	if (this.getMode() === 'manual') {
		const event = await fetchTestEvent(this, selection);
		return [this.helpers.returnJsonArray([event])];
	}
	try {
		const events = await pollOnce(this, selection, backfillMs);
		return events.length > 0 ? [this.helpers.returnJsonArray(events)] : null;
	} catch (error) {
		if (isCredentialFailure(error)) throw credentialError(this.getNode(), error);
		this.logger.error(`QuickBooks Sync Trigger: poll failed, the same changes will be read at the next poll: ${(error as Error).message}`, {
			description: (error as { description?: string }).description,
		});
		return null;
	}
}
