import type { INodeProperties } from 'n8n-workflow';

import { documentWriteOperationExecute } from '../common/documentSimple';

export const description: INodeProperties[] = [];

/** Deletes one estimate per item. */
export const execute = documentWriteOperationExecute('Estimate', 'delete');
