import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as find from './find.operation';
import * as findOrCreate from './findOrCreate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as makeInactive from './makeInactive.operation';
import * as update from './update.operation';

export { create, find, findOrCreate, get, getAll, makeInactive, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customer'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Create a customer', action: 'Create a customer' },
			{ name: 'Find', value: 'find', description: 'Find customers by a field', action: 'Find customers' },
			{
				name: 'Find or Create',
				value: 'findOrCreate',
				description: 'Find a customer by display name or email, create it when missing',
				action: 'Find or create a customer',
			},
			{ name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many customers', action: 'Get many customers' },
			{
				name: 'Make Inactive',
				value: 'makeInactive',
				description: 'Make a customer inactive (QuickBooks never deletes customers)',
				action: 'Make a customer inactive',
			},
			{ name: 'Update', value: 'update', description: 'Update a customer', action: 'Update a customer' },
		],
		default: 'findOrCreate',
	},
	...create.description,
	...find.description,
	...findOrCreate.description,
	...get.description,
	...getAll.description,
	...makeInactive.description,
	...update.description,
];
