import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as company from './actions/company';
import { outputDescriptions, simplifyDescriptions } from './actions/common/simplify';
import * as customer from './actions/customer';
import * as estimate from './actions/estimate';
import * as invoice from './actions/invoice';
import * as item from './actions/item';
import * as other from './actions/other';
import * as payment from './actions/payment';
import { router } from './actions/router';
import * as salesReceipt from './actions/salesReceipt';
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
				options: [
					{ name: 'Company', value: 'company' },
					{ name: 'Customer', value: 'customer' },
					{ name: 'Estimate', value: 'estimate' },
					{ name: 'Invoice', value: 'invoice' },
					{ name: 'Item (Product/Service)', value: 'item' },
					{ name: 'Other', value: 'other' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Sales Receipt', value: 'salesReceipt' },
				],
				default: 'invoice',
			},
			...company.description,
			...customer.description,
			...estimate.description,
			...invoice.description,
			...item.description,
			...other.description,
			...payment.description,
			...salesReceipt.description,
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
