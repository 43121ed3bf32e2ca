import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import { qboRead } from '../../sync/api';
import { sparseUpdateOnce } from '../../sync/exactlyOnce';
import { updateFields } from '../common/fields';
import { runEachItem } from '../common/results';
import { checkLength, checkRefIds, inputError, ITEM_REFS, LIMITS, toId } from '../common/validation';
import { itemBody, itemWritableFields } from './itemFields';
import { registered } from '../operation';

// The Item locator is declared once, in get.operation.ts, for Get and Update.
export const description: INodeProperties[] = [
	updateFields({ show: { resource: ['item'], operation: ['update'] } }, itemWritableFields()),
];

/** Sparse update of one product/service per item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex, results) => {
		const id = toId(this, itemIndex, 'itemId', this.getNodeParameter('itemId', itemIndex, '', { extractValue: true }));
		const given = new ItemParameters(this, itemIndex).object('updateFields', {});
		checkRefIds(this, itemIndex, 'updateFields', given, ITEM_REFS);
		const fields = itemBody(this, itemIndex, 'updateFields', given);
		if (Object.keys(fields).length === 0) throw inputError(this, itemIndex, 'updateFields', 'No field to update was given');
		if (typeof fields.Name === 'string') checkLength(this, itemIndex, 'updateFields.Name', fields.Name, LIMITS.ItemName);
		const current = await qboRead.call(this, 'Item', id, itemIndex);
		const answer = await sparseUpdateOnce(this, 'Item', { ...fields, Id: id, SyncToken: current.SyncToken, sparse: true }, { itemIndex });
		results.noteWrite(itemIndex, `updated Item ${id}`);
		return answer;
	});
}

export const operation = registered('update', 'Update', 'Update a product/service', 'Update an item', { description, execute });
