import type { INodeProperties } from 'n8n-workflow';

import { documentGetExecute, documentIdDescription } from '../common/documentSimple';

// The Invoice locator is declared once here, for every operation that acts on one invoice.
export const description: INodeProperties[] = [documentIdDescription('invoice', 'Invoice', 'searchInvoices', ['get', 'delete', 'send', 'downloadPdf', 'void'])];

/** Reads one invoice per item. */
export const execute = documentGetExecute('Invoice');
