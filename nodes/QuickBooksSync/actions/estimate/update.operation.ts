import type { INodeProperties } from 'n8n-workflow';

import { documentUpdateDescription, documentUpdateExecute } from '../common/documentUpdate';

export const description: INodeProperties[] = documentUpdateDescription('estimate', 'Estimate', 'searchEstimates');

/** Sparse update of the run's estimates; new lines replace the old ones. */
export const execute = documentUpdateExecute('Estimate');
