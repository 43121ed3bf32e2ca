import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as find from './find.operation';
import * as findOrCreate from './findOrCreate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export { create, find, findOrCreate, get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['item'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a product/service', action: 'Create an item' },
			{ name: 'Find', value: 'find', description: 'Find products/services by a field', action: 'Find items' },
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				description: 'Find a product/service by exact name, create it when missing',
				action: 'Find or create an item',
			},
			{ name: 'Get', value: 'get', description: 'Get a product/service', action: 'Get an item' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many products/services', action: 'Get many items' },
			{ name: 'Update', value: 'update', description: 'Update a product/service', action: 'Update an item' },
		],
		default: 'findOrCreate',
	},
	...create.description,
	...find.description,
	...findOrCreate.description,
	...get.description,
	...getAll.description,
	...update.description,
];
