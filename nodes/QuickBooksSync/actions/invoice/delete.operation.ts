import type { INodeProperties } from 'n8n-workflow';

import { documentWriteOperationExecute } from '../common/documentSimple';

export const description: INodeProperties[] = [];

/** Deletes one invoice per item. */
export const execute = documentWriteOperationExecute('Invoice', 'delete');
