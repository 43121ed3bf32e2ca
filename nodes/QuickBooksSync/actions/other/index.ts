import type { INodeProperties } from 'n8n-workflow';

import * as apiRequest from './apiRequest.operation';
import * as query from './query.operation';

export { apiRequest, query };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['other'] } },
		options: [
			{ name: 'API Request', value: 'apiRequest', description: 'Call any QuickBooks endpoint with this credential', action: 'Make an API request' },
			{ name: 'Query', value: 'query', description: 'Run a QuickBooks query with automatic paging', action: 'Run a query' },
		],
		default: 'query',
	},
	...apiRequest.description,
	...query.description,
];
