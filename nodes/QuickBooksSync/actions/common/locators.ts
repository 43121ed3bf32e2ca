import type { INodeProperties } from 'n8n-workflow';

/** A resource locator for one existing record: from a searchable list, or by ID. */
export function recordLocator(
	name: string,
	displayName: string,
	searchListMethod: string,
	show: INodeProperties['displayOptions'],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: show,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 145',
				validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'A QuickBooks ID is a number' } }],
			},
		],
	};
}
