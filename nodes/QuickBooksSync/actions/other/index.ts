import type { ResourceSpec } from '../types';
import * as apiRequest from './apiRequest.operation';
import * as query from './query.operation';

export const other: ResourceSpec = {
	resource: 'other',
	name: 'Other',
	defaultOperation: 'query',
	operations: [apiRequest.operation, query.operation],
};
