import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { qboBatchWrite } from '../../sync/api';
import { customerBody } from '../../sync/bodies';
import { explainNameClash } from '../../sync/nameClash';
import { customerWritableFields } from '../common/customerLocator';
import { RunResults } from '../common/results';
import { checkLength, checkRefIds, CUSTOMER_REFS, inputError, LIMITS } from '../common/validation';

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
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show,
		options: customerWritableFields().filter((field) => field.name !== 'DisplayName'),
	},
];

/** Creates the customers of the whole run through the batch endpoint. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const results = new RunResults(this, items.length);
	const writes: Array<{ itemIndex: number; body: IDataObject }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const displayName = String(this.getNodeParameter('displayName', itemIndex)).trim();
			if (!displayName) throw inputError(this, itemIndex, 'displayName', 'Display Name is empty');
			checkLength(this, itemIndex, 'displayName', displayName, LIMITS.DisplayName);
			const additional = this.getNodeParameter('additionalFields', itemIndex) as IDataObject;
			checkRefIds(this, itemIndex, 'additionalFields', additional, CUSTOMER_REFS);
			const body = customerBody({ ...additional, DisplayName: displayName });
			writes.push({ itemIndex, body });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	results.throwIfStopping();

	const answers = await qboBatchWrite.call(
		this,
		writes.map(({ itemIndex, body }) => ({ entity: 'Customer', operation: 'create', body, itemIndex, itemLabel: String(body.DisplayName) })),
	);
	for (let index = 0; index < writes.length; index++) {
		const { itemIndex, body } = writes[index];
		const answer = answers[index];
		if (answer instanceof NodeApiError) {
			const want = { field: 'DisplayName' as const, value: String(body.DisplayName), create: body };
			results.fail(itemIndex, await explainNameClash(this, 'Customer', want, answer));
			continue;
		}
		results.noteWrite(itemIndex, `created Customer ${String(answer.Id)}`);
		results.succeed(itemIndex, answer);
	}
	return results.toOutput();
}
