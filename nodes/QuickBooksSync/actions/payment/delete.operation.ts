import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { deleteOrVoidOnce } from '../../sync/exactlyOnce';
import { runEachItem } from '../common/results';
import { paymentId } from './get.operation';
import { registered } from '../operation';

export const description: INodeProperties[] = [];

/** Deletes payments; the invoices they paid reopen. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex, results) => {
		const id = paymentId(this, itemIndex);
		// Twins of one event at once: the one that finds the payment gone answers with that (sync/exactlyOnce.ts).
		const { answer, already } = await deleteOrVoidOnce(this, 'Payment', id, 'delete', itemIndex);
		if (already) return { ...answer, Id: id, deleted: true, _action: 'alreadyDeleted' };
		results.noteWrite(itemIndex, `deleted Payment ${id}`);
		return { ...answer, Id: id, deleted: true };
	});
}

export const operation = registered('delete', 'Delete', 'Delete a payment', 'Delete a payment', { description, execute });
