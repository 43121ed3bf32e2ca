import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import { qboBatchWrite } from '../../sync/api';
import { ref } from '../../sync/bodies';
import { explainNameClash } from '../../sync/nameClash';
import { additionalFields } from '../common/fields';
import { runBatched } from '../common/results';
import { checkLength, checkRefIds, inputError, ITEM_REFS, LIMITS, toDate, toId, toNumber } from '../common/validation';
import { itemBody, itemWritableFields } from './itemFields';
import { registered } from '../operation';

const show = { show: { resource: ['item'], operation: ['create'] } };
const inventory = { show: { ...show.show, type: ['Inventory'] } };
export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Labour',
		description: 'Unique among items; at most 100 characters',
		displayOptions: show,
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		default: 'Service',
		displayOptions: show,
		options: [
			{ name: 'Inventory', value: 'Inventory', description: 'Tracked stock: needs asset and expense accounts and quantities' },
			{ name: 'Non-Inventory', value: 'NonInventory', description: 'A product you sell but do not track' },
			{ name: 'Service', value: 'Service', description: 'Labour, hours, fees' },
		],
	},
	{
		displayName: 'Income Account Name or ID',
		name: 'incomeAccountId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getIncomeAccounts' },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: show,
	},
	{
		displayName: 'Expense Account (Cost of Goods Sold) Name or ID',
		name: 'expenseAccountId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getExpenseAccounts' },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: inventory,
	},
	{
		displayName: 'Inventory Asset Account Name or ID',
		name: 'assetAccountId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getAssetAccounts' },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		displayOptions: inventory,
	},
	{
		displayName: 'Quantity on Hand',
		name: 'qtyOnHand',
		type: 'number',
		default: 0,
		description: 'Starting quantity: a number or plain decimal text',
		displayOptions: inventory,
	},
	{
		displayName: 'Inventory Start Date',
		name: 'invStartDate',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'The day the starting quantity is counted from: YYYY-MM-DD, or a date-time with its offset, which counts as the day in that offset',
		displayOptions: inventory,
	},
	additionalFields(show, itemWritableFields().filter((field) => !['Name', 'IncomeAccountRef'].includes(field.name))),
];

/** Builds the Item body of one input item, validated. */
function buildItem(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const name = String(ctx.getNodeParameter('name', itemIndex)).trim();
	if (!name) throw inputError(ctx, itemIndex, 'name', 'Name is empty');
	checkLength(ctx, itemIndex, 'name', name, LIMITS.ItemName);
	const type = new ItemParameters(ctx, itemIndex).string('type');
	const fields: IDataObject = {
		...itemBody(ctx, itemIndex, 'additionalFields', new ItemParameters(ctx, itemIndex).object('additionalFields', {})),
		Name: name,
		Type: type,
	};
	const incomeAccountId = ctx.getNodeParameter('incomeAccountId', itemIndex);
	if (!incomeAccountId) throw inputError(ctx, itemIndex, 'incomeAccountId', 'Income Account is required');
	fields.IncomeAccountRef = ref(toId(ctx, itemIndex, 'incomeAccountId', incomeAccountId));
	checkRefIds(ctx, itemIndex, 'additionalFields', fields, ITEM_REFS.filter((name) => name !== 'IncomeAccountRef'));
	if (type === 'Inventory') {
		for (const [field, parameter] of [
			['ExpenseAccountRef', 'expenseAccountId'],
			['AssetAccountRef', 'assetAccountId'],
		]) {
			const id = ctx.getNodeParameter(parameter, itemIndex);
			if (!id) throw inputError(ctx, itemIndex, parameter, `${parameter} is required for an Inventory item`);
			fields[field] = ref(toId(ctx, itemIndex, parameter, id));
		}
		const startDate = toDate(ctx, itemIndex, 'invStartDate', ctx.getNodeParameter('invStartDate', itemIndex));
		if (!startDate) throw inputError(ctx, itemIndex, 'invStartDate', 'invStartDate is required for an Inventory item');
		Object.assign(fields, {
			TrackQtyOnHand: true,
			QtyOnHand: toNumber(ctx, itemIndex, 'qtyOnHand', ctx.getNodeParameter('qtyOnHand', itemIndex)),
			InvStartDate: startDate,
		});
	}
	return fields;
}

/** Creates the items of the whole run through the batch endpoint. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatched(this, items, {
		read: (itemIndex) => ({ itemIndex, body: buildItem(this, itemIndex) }),
		write: async (writes) =>
			await qboBatchWrite.call(
				this,
				writes.map(({ itemIndex, body }) => ({ entity: 'Item', operation: 'create', body, itemIndex, itemLabel: String(body.Name) })),
			),
		settle: async ({ itemIndex, body }, answer, results) => {
			if (answer instanceof NodeApiError) {
				results.fail(itemIndex, await explainNameClash(this, 'Item', { field: 'Name', value: String(body.Name), create: body }, answer));
				return;
			}
			results.noteWrite(itemIndex, `created Item ${String(answer.Id)}`);
			results.succeed(itemIndex, answer);
		},
	});
}

export const operation = registered('create', 'Create', 'Create a product/service', 'Create an item', { description, execute });
