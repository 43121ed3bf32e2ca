import type { ResourceSpec } from '../types';
import * as getInfo from './getInfo.operation';
import * as getPreferences from './getPreferences.operation';

export const company: ResourceSpec = {
	resource: 'company',
	name: 'Company',
	defaultOperation: 'getInfo',
	operations: [
		{
			option: { name: 'Get Info', value: 'getInfo', description: "Get the company's name, address and country", action: 'Get company info' },
			...getInfo,
		},
		{
			option: {
				name: 'Get Preferences',
				value: 'getPreferences',
				description: "Get the company's preferences (custom fields, tax, sales forms)",
				action: 'Get company preferences',
			},
			...getPreferences,
		},
	],
};
