import type { ResourceSpec } from '../types';
import * as create from './create.operation';
import * as find from './find.operation';
import * as findOrCreate from './findOrCreate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as makeInactive from './makeInactive.operation';
import * as update from './update.operation';

export const customer: ResourceSpec = {
	resource: 'customer',
	name: 'Customer',
	defaultOperation: 'findOrCreate',
	operations: [
		{ option: { name: 'Create', value: 'create', description: 'Create a customer', action: 'Create a customer' }, ...create },
		{ option: { name: 'Find', value: 'find', description: 'Find customers by a field', action: 'Find customers' }, ...find },
		{
			option: {
				name: 'Find or Create',
				value: 'findOrCreate',
				description: 'Find a customer by display name or email, create it when missing',
				action: 'Find or create a customer',
			},
			...findOrCreate,
		},
		{ option: { name: 'Get', value: 'get', description: 'Get a customer', action: 'Get a customer' }, ...get },
		{ option: { name: 'Get Many', value: 'getAll', description: 'Get many customers', action: 'Get many customers' }, ...getAll },
		{
			option: {
				name: 'Make Inactive',
				value: 'makeInactive',
				description: 'Make a customer inactive (QuickBooks never deletes customers)',
				action: 'Make a customer inactive',
			},
			...makeInactive,
		},
		{ option: { name: 'Update', value: 'update', description: 'Update a customer', action: 'Update a customer' }, ...update },
	],
};
