import type { INodeProperties } from 'n8n-workflow';

import { documentGetManyDescription, documentGetManyExecute } from '../common/documentSimple';

export const description: INodeProperties[] = documentGetManyDescription('invoice');

/** Lists invoices, filtered and paged. */
export const execute = documentGetManyExecute('Invoice');
