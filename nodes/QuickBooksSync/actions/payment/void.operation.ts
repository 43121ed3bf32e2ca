import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRequest } from '../../../shared/transport';
import { isVoided, writeStepOnce } from '../../sync/exactlyOnce';
import { runEachItem } from '../common/results';
import { paymentId } from './get.operation';
import { registered } from '../operation';

export const description: INodeProperties[] = [];

/** Voids payments: QuickBooks voids a payment through an update with include=void; the invoices reopen. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex, results) => {
		const id = paymentId(this, itemIndex);
		// Twins of one event at once: the one that finds the payment voided answers with it (sync/exactlyOnce.ts).
		const { answer, already } = await writeStepOnce(this, 'Payment', id, itemIndex, {
			write: async (current) => {
				const response = (await qboRequest.call(this, {
					method: 'POST',
					path: '/payment',
					qs: { operation: 'update', include: 'void' },
					body: { Id: id, SyncToken: current.SyncToken, sparse: true },
					itemIndex,
				})) as IDataObject;
				return (response.Payment ?? response) as IDataObject;
			},
			done: isVoided,
		});
		if (already) return { ...answer, _action: 'alreadyVoided' };
		results.noteWrite(itemIndex, `voided Payment ${id}`);
		return answer;
	});
}

export const operation = registered('void', 'Void', 'Void a payment', 'Void a payment', { description, execute });
