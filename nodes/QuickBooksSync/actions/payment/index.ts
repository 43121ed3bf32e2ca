import type { ResourceSpec } from '../types';
import * as create from './create.operation';
import * as deletePayment from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as markInvoicePaid from './markInvoicePaid.operation';
import * as voidPayment from './void.operation';

export const payment: ResourceSpec = {
	resource: 'payment',
	name: 'Payment',
	defaultOperation: 'create',
	operations: [
		{ option: { name: 'Create', value: 'create', description: 'Record a payment and apply it to invoices', action: 'Create a payment' }, ...create },
		{ option: { name: 'Delete', value: 'delete', description: 'Delete a payment', action: 'Delete a payment' }, ...deletePayment },
		{ option: { name: 'Get', value: 'get', description: 'Get a payment', action: 'Get a payment' }, ...get },
		{ option: { name: 'Get Many', value: 'getAll', description: 'Get many payments', action: 'Get many payments' }, ...getAll },
		{
			option: {
				name: 'Mark Invoice Paid',
				value: 'markInvoicePaid',
				description: 'Pay the open balance of invoices (already paid ones are left alone)',
				action: 'Mark an invoice paid',
			},
			...markInvoicePaid,
		},
		{ option: { name: 'Void', value: 'void', description: 'Void a payment', action: 'Void a payment' }, ...voidPayment },
	],
};
