import type { INodeProperties } from 'n8n-workflow';

import { documentUpdateDescription, documentUpdateExecute } from '../common/documentUpdate';

export const description: INodeProperties[] = documentUpdateDescription('invoice', 'Invoice', 'searchInvoices');

/** Sparse update of the run's invoices; new lines replace the old ones. */
export const execute = documentUpdateExecute('Invoice');
