import type { INodeProperties } from 'n8n-workflow';

import { documentGetManyDescription, documentGetManyExecute } from '../common/documentSimple';

export const description: INodeProperties[] = documentGetManyDescription('salesReceipt');

/** Lists sales receipts, filtered and paged. */
export const execute = documentGetManyExecute('SalesReceipt');
