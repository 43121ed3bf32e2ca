import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { RunContext } from '../types';
import { customerBody } from '../../sync/bodies';
import type { NamedWant } from '../../sync/findOrCreate';
import { findOrCreateNamed } from '../../sync/findOrCreate';
import { customerWritableFields } from '../common/customerLocator';
import { reportFoundOrCreated } from '../common/foundOrCreated';
import { RunResults } from '../common/results';
import { checkLength, checkRefIds, CUSTOMER_REFS, inputError, LIMITS } from '../common/validation';

const show = { show: { resource: ['customer'], operation: ['findOrCreate'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Match On',
		name: 'matchOn',
		type: 'options',
		default: 'DisplayName',
		description: 'Which field identifies the customer',
		displayOptions: show,
		options: [
			{ name: 'Display Name', value: 'DisplayName', description: 'Exact display name (QuickBooks ignores case)' },
			{ name: 'Email', value: 'PrimaryEmailAddr', description: 'Primary email address' },
		],
	},
	{
		displayName: 'Display Name',
		name: 'displayName',
		type: 'string',
		default: '',
		placeholder: "e.g. Amy's Bird Sanctuary",
		description: 'Matched when Match On is Display Name; the new customer\'s name otherwise (empty: the email is used)',
		displayOptions: show,
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		description: 'Matched when Match On is Email; stored on a new customer otherwise',
		displayOptions: show,
	},
	{
		displayName: 'Suffix When the Name Is Taken',
		name: 'nameClashSuffix',
		type: 'string',
		default: '',
		placeholder: 'e.g. (Customer)',
		description:
			'When a vendor or employee already uses the display name (QuickBooks error 6240), find or create the customer as the name plus this suffix. Empty reports the clash, naming the record that holds the name.',
		displayOptions: show,
	},
	{
		displayName: 'Fields for a New Customer',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Used only when the customer is created',
		displayOptions: show,
		options: customerWritableFields().filter((field) => !['DisplayName', 'PrimaryEmailAddr'].includes(field.name)),
	},
];

/**
 * Finds every customer of the run with one grouped query and creates the missing ones in batches;
 * each output carries `_created`.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext): Promise<INodeExecutionData[]> {
	const results = new RunResults(this, items.length);
	const wants = new Map<number, NamedWant>();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const matchOn = this.getNodeParameter('matchOn', itemIndex) as 'DisplayName' | 'PrimaryEmailAddr';
			const displayName = String(this.getNodeParameter('displayName', itemIndex, '')).trim();
			const email = String(this.getNodeParameter('email', itemIndex, '')).trim();
			const value = matchOn === 'DisplayName' ? displayName : email;
			const parameter = matchOn === 'DisplayName' ? 'displayName' : 'email';
			if (!value) throw inputError(this, itemIndex, parameter, `${matchOn === 'DisplayName' ? 'Display Name' : 'Email'} is empty`);
			const name = displayName || email;
			checkLength(this, itemIndex, 'displayName', name, LIMITS.DisplayName);
			const extra = this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
			checkRefIds(this, itemIndex, 'additionalFields', extra, CUSTOMER_REFS);
			const create = customerBody({ ...extra, DisplayName: name, PrimaryEmailAddr: email });
			const clashSuffix = String(this.getNodeParameter('nameClashSuffix', itemIndex, '') ?? '') || undefined;
			wants.set(itemIndex, { field: matchOn, value, create, clashSuffix });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	results.throwIfStopping();

	const answers = await findOrCreateNamed(this, run.cache, 'Customer', [...wants.values()]);
	reportFoundOrCreated(results, 'Customer', wants, answers);
	return results.toOutput();
}
