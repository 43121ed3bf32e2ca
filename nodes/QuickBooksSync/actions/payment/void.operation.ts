import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRead, qboRequest } from '../../sync/api';
import { runEachItem } from '../common/results';
import { paymentId } from './get.operation';

export const description: INodeProperties[] = [];

/** Voids payments: QuickBooks voids a payment through an update with include=void; the invoices reopen. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex, results) => {
		const id = paymentId(this, itemIndex);
		const current = await qboRead(this, 'Payment', id, itemIndex);
		const response = (await qboRequest.call(this, {
			method: 'POST',
			path: '/payment',
			qs: { operation: 'update', include: 'void' },
			body: { Id: id, SyncToken: current.SyncToken, sparse: true },
			itemIndex,
		})) as IDataObject;
		results.noteWrite(itemIndex, `voided Payment ${id}`);
		return (response.Payment ?? response) as IDataObject;
	});
}
