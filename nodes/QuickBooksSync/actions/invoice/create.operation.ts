import type { INodeProperties } from 'n8n-workflow';

import { documentCreateDescription, documentCreateExecute } from '../common/documentCreate';

export const description: INodeProperties[] = documentCreateDescription('invoice', 'Invoice');

/** Creates the run's invoices idempotently (matched by Document Number), references resolved for the whole run. */
export const execute = documentCreateExecute('Invoice');
