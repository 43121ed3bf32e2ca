import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRead } from '../../sync/api';
import { sparseUpdateOnce } from '../../sync/exactlyOnce';
import { runEachItem } from '../common/results';
import { toId } from '../common/validation';
import { registered } from '../operation';

// The Customer locator is declared once, in get.operation.ts, for Get and Make Inactive.
export const description: INodeProperties[] = [];

/** QuickBooks never deletes a customer: it is made inactive (sparse update Active=false). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex, results) => {
		const id = toId(this, itemIndex, 'customerId', this.getNodeParameter('customerId', itemIndex, '', { extractValue: true }));
		const current = await qboRead.call(this, 'Customer', id, itemIndex);
		const answer = await sparseUpdateOnce(this, 'Customer', { Id: id, SyncToken: current.SyncToken, sparse: true, Active: false }, { itemIndex });
		results.noteWrite(itemIndex, `made Customer ${id} inactive`);
		return answer;
	});
}

export const operation = registered('makeInactive', 'Make Inactive', 'Make a customer inactive (QuickBooks never deletes customers)', 'Make a customer inactive', { description, execute });
