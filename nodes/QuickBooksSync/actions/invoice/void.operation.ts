import type { INodeProperties } from 'n8n-workflow';

import { documentWriteOperationExecute } from '../common/documentSimple';

export const description: INodeProperties[] = [];

/** Voids one invoice per item: amounts become zero, the record stays. */
export const execute = documentWriteOperationExecute('Invoice', 'void');
