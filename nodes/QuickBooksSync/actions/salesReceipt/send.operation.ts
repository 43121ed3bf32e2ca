import type { INodeProperties } from 'n8n-workflow';

import { documentSendExecute, sendDescription } from '../common/documentSimple';

export const description: INodeProperties[] = sendDescription('salesReceipt');

/** QuickBooks emails the sales receipt (optionally to another address). */
export const execute = documentSendExecute('SalesReceipt');
