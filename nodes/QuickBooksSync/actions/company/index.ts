import type { INodeProperties } from 'n8n-workflow';

import * as getInfo from './getInfo.operation';
import * as getPreferences from './getPreferences.operation';

export { getInfo, getPreferences };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['company'] } },
		options: [
			{ name: 'Get Info', value: 'getInfo', description: "Get the company's name, address and country", action: 'Get company info' },
			{
				name: 'Get Preferences',
				value: 'getPreferences',
				description: "Get the company's preferences (custom fields, tax, sales forms)",
				action: 'Get company preferences',
			},
		],
		default: 'getInfo',
	},
	...getInfo.description,
	...getPreferences.description,
];
