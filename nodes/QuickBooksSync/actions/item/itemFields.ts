import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ref } from '../../sync/bodies';
import { toNumber } from '../common/validation';

/** What a price field accepts. */
export const PRICE_HINT = 'A number or plain decimal text; QuickBooks keeps up to 7 decimals (e.g. 1.005)';

/** Item fields a user may set on create (Additional Fields) and update (Update Fields). */
export function itemWritableFields(): INodeProperties[] {
	return [
		{ displayName: 'Active', name: 'Active', type: 'boolean', default: true, description: 'Whether the item is active' },
		{ displayName: 'Description', name: 'Description', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Sales description' },
		{
			displayName: 'Income Account Name or ID',
			name: 'IncomeAccountRef',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getIncomeAccounts' },
			default: '',
			description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		},
		{ displayName: 'Name', name: 'Name', type: 'string', default: '', description: 'Unique among items; at most 100 characters' },
		{ displayName: 'Purchase Cost', name: 'PurchaseCost', type: 'number', typeOptions: { numberPrecision: 5 }, default: 0, description: PRICE_HINT },
		{ displayName: 'SKU', name: 'Sku', type: 'string', default: '' },
		{ displayName: 'Taxable', name: 'Taxable', type: 'boolean', default: true, description: 'Whether the item is taxable (US companies)' },
		{ displayName: 'Unit Price', name: 'UnitPrice', type: 'number', typeOptions: { numberPrecision: 5 }, default: 0, description: PRICE_HINT },
	];
}

/** Turns the item fields of the UI (Additional Fields / Update Fields, named `parameter`) into a QuickBooks Item body. */
export function itemBody(ctx: IExecuteFunctions, itemIndex: number, parameter: string, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined || value === null) continue;
		if (key.endsWith('AccountRef')) body[key] = ref(String(value));
		else if (key === 'UnitPrice' || key === 'PurchaseCost') body[key] = toNumber(ctx, itemIndex, `${parameter}.${key}`, value);
		else body[key] = typeof value === 'string' ? value.trim() : value;
	}
	return body;
}
