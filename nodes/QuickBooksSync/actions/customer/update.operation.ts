import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import { qboRead } from '../../sync/api';
import { sparseUpdateOnce } from '../../sync/exactlyOnce';
import { customerBody } from '../../sync/bodies';
import { explainNameClash } from '../../sync/nameClash';
import { customerWritableFields } from '../common/customerLocator';
import { updateFields } from '../common/fields';
import { recordLocator } from '../common/locators';
import { asItemError, runEachItem } from '../common/results';
import { checkLength, checkRefIds, CUSTOMER_REFS, inputError, LIMITS, toId } from '../common/validation';
import { NodeApiError } from 'n8n-workflow';
import { registered } from '../operation';

const show = { show: { resource: ['customer'], operation: ['update'] } };

export const description: INodeProperties[] = [
	{ ...recordLocator('customerId', 'Customer', 'searchCustomers', show), name: 'updateCustomerId' },
	updateFields(show, customerWritableFields(), 'Only the fields given change (sparse update); the current SyncToken is read first'),
];

/** Sparse update of one customer per item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex, results) => {
		const id = toId(this, itemIndex, 'updateCustomerId', this.getNodeParameter('updateCustomerId', itemIndex, '', { extractValue: true }));
		const given = new ItemParameters(this, itemIndex).object('updateFields', {});
		checkRefIds(this, itemIndex, 'updateFields', given, CUSTOMER_REFS);
		const fields = customerBody(given);
		if (Object.keys(fields).length === 0) throw inputError(this, itemIndex, 'updateFields', 'No field to update was given');
		if (typeof fields.DisplayName === 'string') checkLength(this, itemIndex, 'updateFields.DisplayName', fields.DisplayName, LIMITS.DisplayName);
		const current = await qboRead.call(this, 'Customer', id, itemIndex);
		try {
			const answer = await sparseUpdateOnce(this, 'Customer', { ...fields, Id: id, SyncToken: current.SyncToken, sparse: true }, { itemIndex });
			results.noteWrite(itemIndex, `updated Customer ${id}`);
			return answer;
		} catch (error) {
			if (!(error instanceof NodeApiError) || !fields.DisplayName) throw asItemError(this, error, itemIndex);
			throw await explainNameClash(this, 'Customer', { field: 'DisplayName', value: String(fields.DisplayName), create: fields }, error);
		}
	});
}

export const operation = registered('update', 'Update', 'Update a customer', 'Update a customer', { description, execute });
