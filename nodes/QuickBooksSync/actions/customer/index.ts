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
	operations: [create.operation, find.operation, findOrCreate.operation, get.operation, getAll.operation, makeInactive.operation, update.operation],
};
