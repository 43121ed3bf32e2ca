import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { runBatched } from '../common/results';
import { inputError, toMoney } from '../common/validation';
import type { PaymentRequest } from './applyPayments';
import { applyPayments } from './applyPayments';
import { invoiceFields, paymentAdditionalFields, readInvoiceKeys, readPaymentHeader, readPaymentKeyField } from './paymentFields';
import { registered } from '../operation';

export const description: INodeProperties[] = [
	...invoiceFields('create'),
	{
		displayName: 'Amount',
		name: 'amount',
		type: 'number',
		typeOptions: { numberPrecision: 2, minValue: 0 },
		default: 0,
		description: 'Amount received (a number or plain decimal text, rounded to the cent); 0 pays the open balance of the invoices. Invoices with nothing open come back as alreadyPaid and no payment is recorded (never an unapplied credit).',
		displayOptions: { show: { resource: ['payment'], operation: ['create'] } },
	},
	paymentAdditionalFields('create'),
];

/** Creates the run's payments and applies them to their invoices; invoices with nothing open are not paid again. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runBatched(this, items, {
		read: (itemIndex): PaymentRequest => {
			const { keys, matchBy } = readInvoiceKeys(this, itemIndex);
			const amount = toMoney(this, itemIndex, 'amount', this.getNodeParameter('amount', itemIndex, 0));
			if (amount < 0) throw inputError(this, itemIndex, 'amount', `Amount ${amount} is negative`);
			return { itemIndex, invoiceKeys: keys, matchBy, amount: amount || undefined, header: readPaymentHeader(this, itemIndex), keyField: readPaymentKeyField(this, itemIndex) };
		},
		write: async (requests, results) => await applyPayments(this, requests, results),
	});
}

export const operation = registered('create', 'Create', 'Record a payment and apply it to invoices', 'Create a payment', { description, execute });
