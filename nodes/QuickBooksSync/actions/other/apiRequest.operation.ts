import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import { qboRequest } from '../../../shared/transport';
import { runEachItem } from '../common/results';
import { inputError } from '../common/validation';
import { registered } from '../operation';

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

/**
 * Why a path cannot be sent below /v3/company/{realmId}, or undefined when it can: it must start with
 * /, hold no spaces or control characters (they would end or split the request line), and not climb
 * out of the company with . or .. segments (also percent-encoded) or a backslash.
 */
export function pathProblem(path: string): string | undefined {
	if (!path.startsWith('/')) return 'must start with /, e.g. /invoice/145';
	const unsafe = [...path].some((char) => char.charCodeAt(0) <= 0x20 || char.charCodeAt(0) === 0x7f || char === '\\' || /\s/.test(char));
	if (unsafe) return 'must not contain spaces, control characters or backslashes';
	let decoded: string;
	try {
		decoded = decodeURIComponent(path.split('?')[0]);
	} catch {
		return 'has a broken percent-encoding';
	}
	if (decoded.split('/').some((segment) => segment === '.' || segment === '..')) return 'must stay below the company: no . or .. segments';
	return undefined;
}

/** Any QuickBooks call through the pack's transport and credential. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex) => {
		const method = this.getNodeParameter('method', itemIndex) as 'GET' | 'POST';
		const path = String(this.getNodeParameter('path', itemIndex)).trim();
		const problem = pathProblem(path);
		if (problem) throw inputError(this, itemIndex, 'path', `Path "${path.slice(0, 80)}" ${problem}`);
		const qs: IDataObject = {};
		const parameters = (new ItemParameters(this, itemIndex).object('queryParameters', {}).parameter ?? []) as IDataObject[];
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

export const operation = registered('apiRequest', 'API Request', 'Call any QuickBooks endpoint with this credential', 'Make an API request', { description, execute });
