import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRequest } from '../../sync/api';
import { runEachItem } from '../common/results';
import { inputError } from '../common/validation';

const show = { show: { resource: ['other'], operation: ['apiRequest'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		default: 'GET',
		displayOptions: show,
		options: [
			{ name: 'GET', value: 'GET' },
			{ name: 'POST', value: 'POST' },
		],
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/invoice/145',
		description: 'Below /v3/company/{realmId}; minorversion, authentication, retries and requestid are added for you',
		displayOptions: show,
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		displayOptions: show,
		options: [
			{
				displayName: 'Parameter',
				name: 'parameter',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'JSON body of a POST',
		displayOptions: { show: { ...show.show, method: ['POST'] } },
	},
];

/** Any QuickBooks call through the pack's transport and credential. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex) => {
		const method = this.getNodeParameter('method', itemIndex) as 'GET' | 'POST';
		const path = String(this.getNodeParameter('path', itemIndex)).trim();
		if (!path.startsWith('/')) throw inputError(this, itemIndex, 'path', 'Path must start with /, e.g. /invoice/145');
		const qs: IDataObject = {};
		const parameters = ((this.getNodeParameter('queryParameters', itemIndex, {}) as IDataObject).parameter ?? []) as IDataObject[];
		for (const parameter of parameters) if (parameter.name) qs[String(parameter.name)] = parameter.value;
		let body: IDataObject | undefined;
		if (method === 'POST') {
			const raw = this.getNodeParameter('body', itemIndex, '{}');
			try {
				body = (typeof raw === 'string' ? JSON.parse(raw || '{}') : raw) as IDataObject;
			} catch {
				throw inputError(this, itemIndex, 'body', 'Body is not valid JSON');
			}
		}
		return (await qboRequest.call(this, { method, path, qs, body, itemIndex })) as IDataObject;
	});
}
