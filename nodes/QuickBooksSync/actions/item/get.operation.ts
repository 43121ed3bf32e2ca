import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRead } from '../../sync/api';
import { recordLocator } from '../common/locators';
import { runEachItem } from '../common/results';
import { toId } from '../common/validation';
import { registered } from '../operation';

export const description: INodeProperties[] = [
	recordLocator('itemId', 'Item', 'searchItems', { show: { resource: ['item'], operation: ['get', 'update'] } }),
];

/** Reads one product/service per item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex) => {
		const id = toId(this, itemIndex, 'itemId', this.getNodeParameter('itemId', itemIndex, '', { extractValue: true }));
		return await qboRead.call(this, 'Item', id, itemIndex);
	});
}

export const operation = registered('get', 'Get', 'Get a product/service', 'Get an item', { description, execute });
