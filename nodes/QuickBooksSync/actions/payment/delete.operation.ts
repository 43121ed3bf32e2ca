import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRead, qboWrite } from '../../sync/api';
import { runEachItem } from '../common/results';
import { paymentId } from './get.operation';

export const description: INodeProperties[] = [];

/** Deletes payments; the invoices they paid reopen. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex, results) => {
		const id = paymentId(this, itemIndex);
		const current = await qboRead(this, 'Payment', id, itemIndex);
		const answer = await qboWrite(this, 'Payment', { Id: id, SyncToken: current.SyncToken }, { operation: 'delete', itemIndex });
		results.noteWrite(itemIndex, `deleted Payment ${id}`);
		return { ...answer, Id: id, deleted: true };
	});
}
