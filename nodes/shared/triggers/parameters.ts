import type { INodeProperties } from 'n8n-workflow';

import type { NodeParameters } from '../parameterValues';
import { DERIVED_EVENTS, WATCHABLE_ENTITIES } from './entities';
import { buildSelection, type Selection } from './selection';

/** The "what to watch" parameters both triggers share. */
export const watchParameters: INodeProperties[] = [
	{
		displayName: 'Entities',
		name: 'entities',
		type: 'multiOptions',
		required: true,
		default: ['Invoice'],
		description: 'The QuickBooks records to watch',
		options: [...WATCHABLE_ENTITIES]
			.sort((a, b) => a.displayName.localeCompare(b.displayName))
			.map((entity) => ({ name: entity.displayName, value: entity.name })),
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		default: ['created', 'updated'],
		description:
			'What happened to a record. Each entity reports the events QuickBooks has for it (e.g. only sales documents are voided or emailed; customers, vendors and items are merged, and "deleted" when made inactive).',
		options: [
			{ name: 'Created', value: 'created' },
			{ name: 'Deleted', value: 'deleted', description: 'Deleted, or for customers, vendors and items: made inactive' },
			{ name: 'Emailed', value: 'emailed', description: 'Sent to the customer by email from QuickBooks' },
			{ name: 'Merged', value: 'merged', description: 'Another record was merged into this one (webhook trigger only)' },
			{ name: 'Updated', value: 'updated' },
			{ name: 'Voided', value: 'voided' },
		],
	},
	{
		displayName: 'Payment and Status Events',
		name: 'statusEvents',
		type: 'multiOptions',
		default: [],
		description: 'Events worked out by comparing a record with how it was before; each one watches its entity even if not chosen above',
		options: [...DERIVED_EVENTS]
			.sort((a, b) => a.displayName.localeCompare(b.displayName))
			.map((event) => ({ name: event.displayName, value: event.value, description: event.description })),
	},
];

/** What the "what to watch" parameters ask the trigger to report. */
export function watchSelection(parameters: NodeParameters): Selection {
	return buildSelection(parameters.strings('entities'), parameters.strings('events'), parameters.strings('statusEvents'));
}
