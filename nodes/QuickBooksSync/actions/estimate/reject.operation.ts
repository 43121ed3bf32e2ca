import type { INodeProperties } from 'n8n-workflow';

import { estimateStatusExecute } from './status';

export const description: INodeProperties[] = [];

/** Marks estimates rejected. */
export const execute = estimateStatusExecute('Rejected');
