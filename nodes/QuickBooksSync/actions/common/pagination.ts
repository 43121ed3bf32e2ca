import type { INodeProperties } from 'n8n-workflow';

/** Return All / Limit, as every Get Many shows them. */
export function returnAllFields(show: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions: show,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { ...show, show: { ...(show?.show ?? {}), returnAll: [false] } },
		},
	];
}
