import type { INodeProperties } from 'n8n-workflow';

import { documentGetExecute, documentIdDescription } from '../common/documentSimple';

// The Estimate locator is declared once here, for every operation that acts on one estimate.
export const description: INodeProperties[] = [documentIdDescription('estimate', 'Estimate', 'searchEstimates', ['get', 'delete', 'send', 'downloadPdf', 'accept', 'close', 'reject'])];

/** Reads one estimate per item. */
export const execute = documentGetExecute('Estimate');
