import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { qboRead } from '../../sync/api';
import { calendarDate } from '../../sync/dates';
import { sparseUpdateOnce } from '../../sync/exactlyOnce';
import { runEachItem } from '../common/results';
import { inputError, toId } from '../common/validation';

/** Sets an estimate's TxnStatus (Accepted, Rejected, Closed) with a sparse update. */
export function estimateStatusExecute(status: 'Accepted' | 'Rejected' | 'Closed') {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await runEachItem(this, items, async (itemIndex, results) => {
			const id = toId(this, itemIndex, 'documentId', this.getNodeParameter('documentId', itemIndex, '', { extractValue: true }));
			const current = await qboRead(this, 'Estimate', id, itemIndex);
			if (current.TxnStatus === 'Closed' && status !== 'Closed') {
				throw inputError(this, itemIndex, 'documentId', `Estimate ${id} is closed (already invoiced) and cannot become ${status}`);
			}
			const body: IDataObject = { Id: id, SyncToken: current.SyncToken, sparse: true, TxnStatus: status };
			if (status === 'Accepted') {
				const acceptedBy = String(this.getNodeParameter('acceptedBy', itemIndex, '')).trim();
				// Today in the workflow's time zone, not the server's (nor UTC).
				body.AcceptedDate = calendarDate(new Date(), this.getTimezone()).date;
				if (acceptedBy) body.AcceptedBy = acceptedBy;
			}
			// Twins of one event at once: a stale SyncToken re-reads, and a status already set is not written again.
			const answer = await sparseUpdateOnce(this, 'Estimate', body, { itemIndex });
			results.noteWrite(itemIndex, `set Estimate ${id} to ${status}`);
			return answer;
		});
	};
}
