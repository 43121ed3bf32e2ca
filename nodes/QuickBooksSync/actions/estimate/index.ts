import type { INodeProperties } from 'n8n-workflow';

import * as accept from './accept.operation';
import * as close from './close.operation';
import * as convertToInvoice from './convertToInvoice.operation';
import * as create from './create.operation';
import * as deleteEstimate from './delete.operation';
import * as downloadPdf from './downloadPdf.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as reject from './reject.operation';
import * as send from './send.operation';
import * as update from './update.operation';

export { accept, close, convertToInvoice, create, deleteEstimate, downloadPdf, get, getAll, reject, send, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['estimate'] } },
		options: [
			{ name: 'Accept', value: 'accept', description: 'Mark an estimate accepted', action: 'Accept an estimate' },
			{ name: 'Close', value: 'close', description: 'Close an estimate without invoicing it', action: 'Close an estimate' },
			{
				name: 'Convert to Invoice',
				value: 'convertToInvoice',
				description: 'Turn one or many estimates into one invoice that links and closes them',
				action: 'Convert estimates to an invoice',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an estimate; replays are safe when a Document Number is given',
				action: 'Create an estimate',
			},
			{ name: 'Delete', value: 'delete', description: 'Delete an estimate', action: 'Delete an estimate' },
			{ name: 'Download PDF', value: 'downloadPdf', description: 'Download an estimate as PDF', action: 'Download an estimate as PDF' },
			{ name: 'Get', value: 'get', description: 'Get an estimate', action: 'Get an estimate' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many estimates', action: 'Get many estimates' },
			{ name: 'Reject', value: 'reject', description: 'Mark an estimate rejected', action: 'Reject an estimate' },
			{ name: 'Send', value: 'send', description: 'Email an estimate from QuickBooks', action: 'Send an estimate' },
			{ name: 'Update', value: 'update', description: 'Update an estimate', action: 'Update an estimate' },
		],
		default: 'create',
	},
	...accept.description,
	...close.description,
	...convertToInvoice.description,
	...create.description,
	...deleteEstimate.description,
	...downloadPdf.description,
	...get.description,
	...getAll.description,
	...reject.description,
	...send.description,
	...update.description,
];
