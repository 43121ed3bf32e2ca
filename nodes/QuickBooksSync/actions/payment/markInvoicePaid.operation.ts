import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { RunResults } from '../common/results';
import type { PaymentRequest } from './applyPayments';
import { applyPayments } from './applyPayments';
import { invoiceFields, paymentAdditionalFields, readInvoiceKeys, readPaymentHeader, readPaymentKeyField } from './paymentFields';

export const description: INodeProperties[] = [...invoiceFields('markInvoicePaid'), paymentAdditionalFields('markInvoicePaid')];

/** Pays the open balance of each invoice; an invoice already paid is returned, never paid twice. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const results = new RunResults(this, items.length);
	const requests: PaymentRequest[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const { keys, matchBy } = readInvoiceKeys(this, itemIndex);
			requests.push({ itemIndex, invoiceKeys: keys, matchBy, header: readPaymentHeader(this, itemIndex), keyField: readPaymentKeyField(this, itemIndex) });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	results.throwIfStopping();
	await applyPayments(this, requests, results);
	return results.toOutput();
}
