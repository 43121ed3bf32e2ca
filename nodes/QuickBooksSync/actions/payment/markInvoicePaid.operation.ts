import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../common/results';
import type { PaymentRequest } from './applyPayments';
import { applyPayments } from './applyPayments';
import { invoiceFields, paymentAdditionalFields, readInvoiceKeys, readPaymentHeader, readPaymentKeyField } from './paymentFields';
import { registered } from '../operation';

export const description: INodeProperties[] = [...invoiceFields('markInvoicePaid'), paymentAdditionalFields('markInvoicePaid')];

/** Pays the open balance of each invoice; an invoice already paid is returned, never paid twice. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatched(this, items, {
		read: (itemIndex): PaymentRequest => {
			const { keys, matchBy } = readInvoiceKeys(this, itemIndex);
			return { itemIndex, invoiceKeys: keys, matchBy, header: readPaymentHeader(this, itemIndex), keyField: readPaymentKeyField(this, itemIndex) };
		},
		write: async (requests, results) => await applyPayments(this, requests, results),
	});
}

export const operation = registered('markInvoicePaid', 'Mark Invoice Paid', 'Pay the open balance of invoices (already paid ones are left alone)', 'Mark an invoice paid', { description, execute });
