import type { INodeProperties } from 'n8n-workflow';

import { documentUpdateDescription, documentUpdateExecute } from '../common/documentUpdate';

export const description: INodeProperties[] = documentUpdateDescription('salesReceipt', 'SalesReceipt', 'searchSalesReceipts');

/** Sparse update of the run's sales receipts; new lines replace the old ones. */
export const execute = documentUpdateExecute('SalesReceipt');
