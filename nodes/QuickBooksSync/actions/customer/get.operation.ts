import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRead } from '../../sync/api';
import { recordLocator } from '../common/locators';
import { runEachItem } from '../common/results';
import { toId } from '../common/validation';
import { registered } from '../operation';

export const description: INodeProperties[] = [
	recordLocator('customerId', 'Customer', 'searchCustomers', { show: { resource: ['customer'], operation: ['get', 'makeInactive'] } }),
];

/** Reads one customer per item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex) => {
		const id = toId(this, itemIndex, 'customerId', this.getNodeParameter('customerId', itemIndex, '', { extractValue: true }));
		return await qboRead.call(this, 'Customer', id, itemIndex);
	});
}

export const operation = registered('get', 'Get', 'Get a customer', 'Get a customer', { description, execute });
