import type { INodeProperties } from 'n8n-workflow';

import { documentSendExecute, sendDescription } from '../common/documentSimple';

export const description: INodeProperties[] = sendDescription('estimate');

/** QuickBooks emails the estimate (optionally to another address). */
export const execute = documentSendExecute('Estimate');
