import type { INodeProperties } from 'n8n-workflow';

import { documentSendExecute, sendDescription } from '../common/documentSimple';

export const description: INodeProperties[] = sendDescription('invoice');

/** QuickBooks emails the invoice (optionally to another address). */
export const execute = documentSendExecute('Invoice');
