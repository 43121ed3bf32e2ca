import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { qboDate, ref } from '../../sync/bodies';

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
		{ displayName: 'Purchase Cost', name: 'PurchaseCost', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
		{ displayName: 'SKU', name: 'Sku', type: 'string', default: '' },
		{ displayName: 'Taxable', name: 'Taxable', type: 'boolean', default: true, description: 'Whether the item is taxable (US companies)' },
		{ displayName: 'Unit Price', name: 'UnitPrice', type: 'number', typeOptions: { numberPrecision: 2 }, default: 0 },
	];
}

/** Turns the item fields of the UI into a QuickBooks Item body. */
export function itemBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, value] of Object.entries(fields)) {
		if (value === '' || value === undefined || value === null) continue;
		if (key.endsWith('AccountRef')) body[key] = ref(String(value));
		else if (key === 'InvStartDate') body[key] = qboDate(value);
		else body[key] = typeof value === 'string' ? value.trim() : value;
	}
	return body;
}
