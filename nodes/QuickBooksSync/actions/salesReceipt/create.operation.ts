import type { INodeProperties } from 'n8n-workflow';

import { documentCreateDescription, documentCreateExecute } from '../common/documentCreate';

export const description: INodeProperties[] = documentCreateDescription('salesReceipt', 'SalesReceipt');

/** Creates the run's sales receipts idempotently (matched by Document Number), references resolved for the whole run. */
export const execute = documentCreateExecute('SalesReceipt');
