import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import type { RunContext } from '../types';
import type { NamedWant } from '../../sync/findOrCreate';
import { findOrCreateNamed } from '../../sync/findOrCreate';
import { newItemBody } from '../../sync/bodies';
import type { NewItemSettings } from '../../sync/drafts';
import { DEFAULT_INCOME_ACCOUNT, fillDefaultAccount } from '../../sync/newItems';
import { newItemSettingFields } from '../common/lines';
import { reportFoundOrCreated } from '../common/foundOrCreated';
import { runBatched } from '../common/results';
import { checkLength, inputError, LIMITS, toId, toNumber } from '../common/validation';
import { registered } from '../operation';

const show = { show: { resource: ['item'], operation: ['findOrCreate'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Labour',
		description: 'Exact name of the product/service (QuickBooks ignores case); at most 100 characters',
		displayOptions: show,
	},
	{
		displayName: 'New Item Settings',
		name: 'newItemSettings',
		type: 'collection',
		placeholder: 'Add Setting',
		default: {},
		description: 'How a missing product/service is created',
		displayOptions: show,
		options: [
			...newItemSettingFields(),
			{ displayName: 'Unit Price', name: 'unitPrice', type: 'number', typeOptions: { numberPrecision: 5 }, default: 0, description: 'Sales price of a new item; a number or plain decimal text' },
		],
	},
];

/** Finds every item of the run with grouped queries, creates the missing ones in batches (`_created`). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext): Promise<INodeExecutionData[]> {
	return await runBatched(this, items, {
		read: (itemIndex) => {
			const name = String(this.getNodeParameter('name', itemIndex)).trim();
			if (!name) throw inputError(this, itemIndex, 'name', 'Name is empty');
			checkLength(this, itemIndex, 'name', name, LIMITS.ItemName);
			const settings: NewItemSettings & IDataObject = new ItemParameters(this, itemIndex).object('newItemSettings', {});
			if (settings.incomeAccountId) toId(this, itemIndex, 'newItemSettings.incomeAccountId', settings.incomeAccountId);
			const create = newItemBody(name, settings, settings.incomeAccountId || DEFAULT_INCOME_ACCOUNT);
			const unitPrice = settings.unitPrice === undefined || settings.unitPrice === '' ? 0 : toNumber(this, itemIndex, 'newItemSettings.unitPrice', settings.unitPrice);
			if (unitPrice) create.UnitPrice = unitPrice;
			const want: NamedWant = { field: 'Name', value: name, create };
			return { itemIndex, want };
		},
		write: async (reads, results) => {
			const wants = reads.map(({ want }) => want);
			const answers = await findOrCreateNamed(this, run.cache, 'Item', wants, async (creating) => await fillDefaultAccount(this, run.cache, creating));
			reportFoundOrCreated(results, 'Item', new Map(reads.map(({ itemIndex, want }) => [itemIndex, want])), answers);
		},
	});
}

export const operation = registered('findOrCreate', 'Find or Create', 'Find a product/service by exact name, create it when missing', 'Find or create an item', { description, execute });
