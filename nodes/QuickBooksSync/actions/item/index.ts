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
	operations: [create.operation, find.operation, findOrCreate.operation, get.operation, getAll.operation, update.operation],
};
