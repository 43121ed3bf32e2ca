import type { INodeProperties } from 'n8n-workflow';

import { estimateStatusExecute } from './status';

export const description: INodeProperties[] = [
	{
		displayName: 'Accepted By',
		name: 'acceptedBy',
		type: 'string',
		default: '',
		description: 'Name of the person who accepted the estimate',
		displayOptions: { show: { resource: ['estimate'], operation: ['accept'] } },
	},
];

/** Marks estimates accepted. */
export const execute = estimateStatusExecute('Accepted');
