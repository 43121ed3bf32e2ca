import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRead } from '../../sync/api';
import { calendarDate } from '../../../shared/dates';
import { sparseUpdateOnce } from '../../sync/exactlyOnce';
import { runEachItem } from '../common/results';
import { inputError, toId } from '../common/validation';
import type { Operation, OperationOption } from '../types';

/** A status a document is set to by its own operation (an estimate's Accept, Close, Reject). */
export type DocumentStatus = 'Accepted' | 'Closed' | 'Rejected';

/** What a status operation needs of its document type (see family.ts). */
interface StatusTarget {
	resource: string;
	entity: string;
}

/** Accept asks who accepted; Close and Reject ask nothing. */
function statusDescription(target: StatusTarget, status: DocumentStatus, value: string): INodeProperties[] {
	if (status !== 'Accepted') return [];
	return [
		{
			displayName: 'Accepted By',
			name: 'acceptedBy',
			type: 'string',
			default: '',
			description: `Name of the person who accepted the ${target.entity.toLowerCase()}`,
			displayOptions: { show: { resource: [target.resource], operation: [value] } },
		},
	];
}

/** Sets a document's TxnStatus (Accepted, Rejected, Closed) with a sparse update, one item at a time. */
function statusExecute(entity: string, status: DocumentStatus) {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await runEachItem(this, items, async (itemIndex, results) => {
			const id = toId(this, itemIndex, 'documentId', this.getNodeParameter('documentId', itemIndex, '', { extractValue: true }));
			const current = await qboRead.call(this, entity, id, itemIndex);
			if (current.TxnStatus === 'Closed' && status !== 'Closed') {
				throw inputError(this, itemIndex, 'documentId', `${entity} ${id} is closed (already invoiced) and cannot become ${status}`);
			}
			const body: IDataObject = { Id: id, SyncToken: current.SyncToken, sparse: true, TxnStatus: status };
			if (status === 'Accepted') {
				const acceptedBy = String(this.getNodeParameter('acceptedBy', itemIndex, '')).trim();
				// Today in the workflow's time zone, not the server's (nor UTC).
				body.AcceptedDate = calendarDate(new Date(), this.getTimezone()).date;
				if (acceptedBy) body.AcceptedBy = acceptedBy;
			}
			// Twins of one event at once: a stale SyncToken re-reads, and a status already set is not written again.
			const answer = await sparseUpdateOnce(this, entity, body, { itemIndex });
			results.noteWrite(itemIndex, `set ${entity} ${id} to ${status}`);
			return answer;
		});
	};
}

/** The operation that sets `status`, listed under `option`. */
export function statusOperation(target: StatusTarget, status: DocumentStatus, option: OperationOption): Operation {
	return { option, description: statusDescription(target, status, option.value), execute: statusExecute(target.entity, status) };
}
