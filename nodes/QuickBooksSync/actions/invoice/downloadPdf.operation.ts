import type { INodeProperties } from 'n8n-workflow';

import { documentPdfExecute, pdfDescription } from '../common/documentSimple';

export const description: INodeProperties[] = pdfDescription('invoice');

/** The invoice as a PDF in a binary field. */
export const execute = documentPdfExecute('Invoice');
