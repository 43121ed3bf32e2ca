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
	operations: [create.operation, deletePayment.operation, get.operation, getAll.operation, markInvoicePaid.operation, voidPayment.operation],
};
