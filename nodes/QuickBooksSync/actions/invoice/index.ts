import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deleteInvoice from './delete.operation';
import * as downloadPdf from './downloadPdf.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as send from './send.operation';
import * as update from './update.operation';
import * as voidInvoice from './void.operation';

export { create, deleteInvoice, downloadPdf, get, getAll, send, update, voidInvoice };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['invoice'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create an invoice; replays are safe when a Document Number is given',
				action: 'Create an invoice',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete an invoice', action: 'Delete an invoice' },
			{ name: 'Download PDF', value: 'downloadPdf', description: 'Download an invoice as PDF', action: 'Download an invoice as PDF' },
			{ name: 'Get', value: 'get', description: 'Get an invoice', action: 'Get an invoice' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many invoices', action: 'Get many invoices' },
			{ name: 'Send', value: 'send', description: 'Email an invoice from QuickBooks', action: 'Send an invoice' },
			{ name: 'Update', value: 'update', description: 'Update an invoice', action: 'Update an invoice' },
			{ name: 'Void', value: 'void', description: 'Void an invoice', action: 'Void an invoice' },
		],
		default: 'create',
	},
	...create.description,
	...deleteInvoice.description,
	...downloadPdf.description,
	...get.description,
	...getAll.description,
	...send.description,
	...update.description,
	...voidInvoice.description,
];
