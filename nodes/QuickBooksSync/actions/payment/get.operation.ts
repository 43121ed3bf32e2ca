import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRead } from '../../sync/api';
import { recordLocator } from '../common/locators';
import { runEachItem } from '../common/results';
import { toId } from '../common/validation';
import { registered } from '../operation';

// The Payment locator is declared once here, for Get, Void and Delete.
export const description: INodeProperties[] = [
	recordLocator('paymentId', 'Payment', 'searchPayments', { show: { resource: ['payment'], operation: ['get', 'void', 'delete'] } }),
];

/** Reads one payment ID of an item. */
export function paymentId(ctx: IExecuteFunctions, itemIndex: number): string {
	return toId(ctx, itemIndex, 'paymentId', ctx.getNodeParameter('paymentId', itemIndex, '', { extractValue: true }));
}

/** Reads one payment per item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex) => await qboRead.call(this, 'Payment', paymentId(this, itemIndex), itemIndex));
}

export const operation = registered('get', 'Get', 'Get a payment', 'Get a payment', { description, execute });
