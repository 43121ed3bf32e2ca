import type { ResourceSpec } from '../types';
import * as apiRequest from './apiRequest.operation';
import * as query from './query.operation';

export const other: ResourceSpec = {
	resource: 'other',
	name: 'Other',
	defaultOperation: 'query',
	operations: [
		{ option: { name: 'API Request', value: 'apiRequest', description: 'Call any QuickBooks endpoint with this credential', action: 'Make an API request' }, ...apiRequest },
		{ option: { name: 'Query', value: 'query', description: 'Run a QuickBooks query with automatic paging', action: 'Run a query' }, ...query },
	],
};
