import type { INodeProperties } from 'n8n-workflow';

import { estimateStatusExecute } from './status';

export const description: INodeProperties[] = [];

/** Closes estimates without invoicing them. */
export const execute = estimateStatusExecute('Closed');
