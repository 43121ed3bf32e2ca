import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { outputDescriptions, simplifyDescriptions } from './actions/common/simplify';
import { operationProperties, RESOURCES } from './actions/resources';
import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';

export class QuickBooksSync implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync',
		name: 'quickBooksSync',
		icon: { light: 'file:quickbooks.svg', dark: 'file:quickbooks.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'QuickBooks Online: find-or-create customers and items, idempotent invoices, estimates, sales receipts and payments for whole runs',
		defaults: { name: 'QuickBooks Sync' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'quickBooksSyncOAuth2Api', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: RESOURCES.map(({ name, resource }) => ({ name, value: resource })),
				default: 'invoice',
			},
			...operationProperties(),
			...simplifyDescriptions(),
			...outputDescriptions(),
		],
	};

	methods = { listSearch, loadOptions };

	/** Every operation receives the whole run (see actions/router.ts); errors per item follow Continue On Fail. */
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
