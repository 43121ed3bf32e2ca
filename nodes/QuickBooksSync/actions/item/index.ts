import type { ResourceSpec } from '../types';
import * as create from './create.operation';
import * as find from './find.operation';
import * as findOrCreate from './findOrCreate.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const item: ResourceSpec = {
	resource: 'item',
	name: 'Item (Product/Service)',
	defaultOperation: 'findOrCreate',
	operations: [
		{ option: { name: 'Create', value: 'create', description: 'Create a product/service', action: 'Create an item' }, ...create },
		{ option: { name: 'Find', value: 'find', description: 'Find products/services by a field', action: 'Find items' }, ...find },
		{
			option: {
				name: 'Find or Create',
				value: 'findOrCreate',
				description: 'Find a product/service by exact name, create it when missing',
				action: 'Find or create an item',
			},
			...findOrCreate,
		},
		{ option: { name: 'Get', value: 'get', description: 'Get a product/service', action: 'Get an item' }, ...get },
		{ option: { name: 'Get Many', value: 'getAll', description: 'Get many products/services', action: 'Get many items' }, ...getAll },
		{ option: { name: 'Update', value: 'update', description: 'Update a product/service', action: 'Update an item' }, ...update },
	],
};
