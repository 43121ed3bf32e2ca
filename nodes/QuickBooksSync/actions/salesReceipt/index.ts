import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteSalesReceipt from './delete.operation';
import * as downloadPdf from './downloadPdf.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as send from './send.operation';
import * as update from './update.operation';
import * as voidSalesReceipt from './void.operation';

export { create, deleteSalesReceipt, downloadPdf, get, getAll, send, update, voidSalesReceipt };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['salesReceipt'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a sales receipt; replays are safe when a Document Number is given',
				action: 'Create a sales receipt',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete a sales receipt', action: 'Delete a sales receipt' },
			{ name: 'Download PDF', value: 'downloadPdf', description: 'Download a sales receipt as PDF', action: 'Download a sales receipt as PDF' },
			{ name: 'Get', value: 'get', description: 'Get a sales receipt', action: 'Get a sales receipt' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many sales receipts', action: 'Get many sales receipts' },
			{ name: 'Send', value: 'send', description: 'Email a sales receipt from QuickBooks', action: 'Send a sales receipt' },
			{ name: 'Update', value: 'update', description: 'Update a sales receipt', action: 'Update a sales receipt' },
			{ name: 'Void', value: 'void', description: 'Void a sales receipt', action: 'Void a sales receipt' },
		],
		default: 'create',
	},
	...create.description,
	...deleteSalesReceipt.description,
	...downloadPdf.description,
	...get.description,
	...getAll.description,
	...send.description,
	...update.description,
	...voidSalesReceipt.description,
];
