import { convertToInvoice } from '../estimate/convertToInvoice.operation';
import type { DocumentType } from './family';
import { registered } from '../operation';
import { documentResource } from './family';

/** The customer's bill: sent, voided, printed. */
export const INVOICE: DocumentType = {
	resource: 'invoice',
	name: 'Invoice',
	entity: 'Invoice',
	one: 'an invoice',
	many: 'invoices',
	party: 'customer',
	headerFields: ['dueDate', 'termsId'],
	searchListMethod: 'searchInvoices',
	send: true,
	void: true,
	pdf: true,
	statuses: [],
	extraOperations: [],
};

/** A quote: accepted, rejected or closed by hand, or turned into an invoice (which closes it). Not voidable. */
export const ESTIMATE: DocumentType = {
	resource: 'estimate',
	name: 'Estimate',
	entity: 'Estimate',
	one: 'an estimate',
	many: 'estimates',
	party: 'customer',
	headerFields: ['expirationDate', 'termsId'],
	searchListMethod: 'searchEstimates',
	send: true,
	void: false,
	pdf: true,
	statuses: ['Accepted', 'Closed', 'Rejected'],
	extraOperations: [
		registered('convertToInvoice', 'Convert to Invoice', 'Turn one or many estimates into one invoice that links and closes them', 'Convert estimates to an invoice', convertToInvoice(INVOICE)),
	],
};

/** A sale paid on the spot: sent, voided, printed. */
export const SALES_RECEIPT: DocumentType = {
	resource: 'salesReceipt',
	name: 'Sales Receipt',
	entity: 'SalesReceipt',
	one: 'a sales receipt',
	many: 'sales receipts',
	party: 'customer',
	// Paid on the spot: how, and into which account (no terms, no due date).
	headerFields: ['depositToAccountId', 'paymentMethodId'],
	searchListMethod: 'searchSalesReceipts',
	send: true,
	void: true,
	pdf: true,
	statuses: [],
	extraOperations: [],
};

export const invoice = documentResource(INVOICE);
export const estimate = documentResource(ESTIMATE);
export const salesReceipt = documentResource(SALES_RECEIPT);
