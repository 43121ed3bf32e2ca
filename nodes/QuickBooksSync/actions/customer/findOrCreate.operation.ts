import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import type { RunContext } from '../types';
import { customerBody } from '../../sync/bodies';
import type { NamedWant } from '../../sync/findOrCreate';
import { findOrCreateNamed } from '../../sync/findOrCreate';
import { customerWritableFields } from '../common/customerLocator';
import { reportFoundOrCreated } from '../common/foundOrCreated';
import { nameClashSuffixField } from '../common/fields';
import { runBatched } from '../common/results';
import { checkLength, checkRefIds, CUSTOMER_REFS, inputError, LIMITS } from '../common/validation';
import { registered } from '../operation';

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
	nameClashSuffixField('display name', show),
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
	return await runBatched(this, items, {
		read: (itemIndex) => {
			const matchOn = this.getNodeParameter('matchOn', itemIndex) as 'DisplayName' | 'PrimaryEmailAddr';
			const displayName = String(this.getNodeParameter('displayName', itemIndex, '')).trim();
			const email = String(this.getNodeParameter('email', itemIndex, '')).trim();
			const value = matchOn === 'DisplayName' ? displayName : email;
			const parameter = matchOn === 'DisplayName' ? 'displayName' : 'email';
			if (!value) throw inputError(this, itemIndex, parameter, `${matchOn === 'DisplayName' ? 'Display Name' : 'Email'} is empty`);
			const name = displayName || email;
			checkLength(this, itemIndex, 'displayName', name, LIMITS.DisplayName);
			const extra = new ItemParameters(this, itemIndex).object('additionalFields', {});
			checkRefIds(this, itemIndex, 'additionalFields', extra, CUSTOMER_REFS);
			const create = customerBody({ ...extra, DisplayName: name, PrimaryEmailAddr: email });
			const clashSuffix = String(this.getNodeParameter('nameClashSuffix', itemIndex, '') ?? '') || undefined;
			const want: NamedWant = { field: matchOn, value, create, clashSuffix };
			return { itemIndex, want };
		},
		write: async (reads, results) => {
			const answers = await findOrCreateNamed(this, run.cache, 'Customer', reads.map(({ want }) => want));
			reportFoundOrCreated(results, 'Customer', new Map(reads.map(({ itemIndex, want }) => [itemIndex, want])), answers);
		},
	});
}

export const operation = registered('findOrCreate', 'Find or Create', 'Find a customer by display name or email, create it when missing', 'Find or create a customer', { description, execute });
