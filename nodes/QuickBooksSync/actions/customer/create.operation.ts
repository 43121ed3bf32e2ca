import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import { qboBatchWrite } from '../../sync/api';
import { customerBody } from '../../sync/bodies';
import { explainNameClash } from '../../sync/nameClash';
import { customerWritableFields } from '../common/customerLocator';
import { additionalFields } from '../common/fields';
import { runBatched } from '../common/results';
import { checkLength, checkRefIds, CUSTOMER_REFS, inputError, LIMITS } from '../common/validation';
import { registered } from '../operation';

const show = { show: { resource: ['customer'], operation: ['create'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		required: true,
		default: '',
		placeholder: "e.g. Amy's Bird Sanctuary",
		description: 'Unique across customers, vendors and employees; at most 500 characters',
		displayOptions: show,
	},
	additionalFields(show, customerWritableFields().filter((field) => field.name !== 'DisplayName')),
];

/** Creates the customers of the whole run through the batch endpoint. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatched(this, items, {
		read: (itemIndex) => {
			const displayName = String(this.getNodeParameter('displayName', itemIndex)).trim();
			if (!displayName) throw inputError(this, itemIndex, 'displayName', 'Display Name is empty');
			checkLength(this, itemIndex, 'displayName', displayName, LIMITS.DisplayName);
			const additional = new ItemParameters(this, itemIndex).object('additionalFields');
			checkRefIds(this, itemIndex, 'additionalFields', additional, CUSTOMER_REFS);
			return { itemIndex, body: customerBody({ ...additional, DisplayName: displayName }) };
		},
		write: async (writes) =>
			await qboBatchWrite.call(
				this,
				writes.map(({ itemIndex, body }) => ({ entity: 'Customer', operation: 'create', body, itemIndex, itemLabel: String(body.DisplayName) })),
			),
		settle: async ({ itemIndex, body }, answer, results) => {
			if (answer instanceof NodeApiError) {
				const want = { field: 'DisplayName' as const, value: String(body.DisplayName), create: body };
				results.fail(itemIndex, await explainNameClash(this, 'Customer', want, answer));
				return;
			}
			results.noteWrite(itemIndex, `created Customer ${String(answer.Id)}`);
			results.succeed(itemIndex, answer);
		},
	});
}

export const operation = registered('create', 'Create', 'Create a customer', 'Create a customer', { description, execute });
