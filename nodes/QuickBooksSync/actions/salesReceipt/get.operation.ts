import type { INodeProperties } from 'n8n-workflow';

import { documentGetExecute, documentIdDescription } from '../common/documentSimple';

// The Sales Receipt locator is declared once here, for every operation that acts on one sales receipt.
export const description: INodeProperties[] = [documentIdDescription('salesReceipt', 'Sales Receipt', 'searchSalesReceipts', ['get', 'delete', 'send', 'downloadPdf', 'void'])];

/** Reads one sales receipt per item. */
export const execute = documentGetExecute('SalesReceipt');
