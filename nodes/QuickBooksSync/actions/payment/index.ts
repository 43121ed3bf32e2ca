import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as deletePayment from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as markInvoicePaid from './markInvoicePaid.operation';
import * as voidPayment from './void.operation';

export { create, deletePayment, get, getAll, markInvoicePaid, voidPayment };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		options: [
			{ name: 'Create', value: 'create', description: 'Record a payment and apply it to invoices', action: 'Create a payment' },
			{ name: 'Delete', value: 'delete', description: 'Delete a payment', action: 'Delete a payment' },
			{ name: 'Get', value: 'get', description: 'Get a payment', action: 'Get a payment' },
			{ name: 'Get Many', value: 'getAll', description: 'Get many payments', action: 'Get many payments' },
			{
				name: 'Mark Invoice Paid',
				value: 'markInvoicePaid',
				description: 'Pay the open balance of invoices (already paid ones are left alone)',
				action: 'Mark an invoice paid',
			},
			{ name: 'Void', value: 'void', description: 'Void a payment', action: 'Void a payment' },
		],
		default: 'create',
	},
	...create.description,
	...deletePayment.description,
	...get.description,
	...getAll.description,
	...markInvoicePaid.description,
	...voidPayment.description,
];
