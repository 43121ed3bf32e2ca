import type { INodeProperties } from 'n8n-workflow';

export type IfExists = 'skip' | 'update' | 'createAnyway' | 'error';

/**
 * The idempotency switch of every document create: documents are matched by DocNumber in
 * QuickBooks itself (one grouped IN query per run), so a replayed run never duplicates.
 */
export function ifExistsFields(show: INodeProperties['displayOptions']): INodeProperties[] {
	return [
		{
			displayName: 'Document Number',
			name: 'docNumber',
			type: 'string',
			default: '',
			placeholder: 'e.g. WO-1042',
			description:
				'DocNumber of the document (at most 21 characters). Use the source record ID here to make replays safe. Empty lets QuickBooks number it.',
			displayOptions: show,
		},
		{
			displayName: 'If It Already Exists',
			name: 'ifExists',
			type: 'options',
			default: 'skip',
			description: 'What to do when a document with this Document Number already exists in QuickBooks',
			displayOptions: show,
			options: [
				{
					name: 'Create Anyway',
					value: 'createAnyway',
					description: 'Create a second document with the same number (allowduplicatedocnum)',
				},
				{ name: 'Error', value: 'error', description: 'Fail the item, naming the existing document' },
				{ name: 'Skip and Return It', value: 'skip', description: 'Create nothing; output the existing document' },
				{ name: 'Update It', value: 'update', description: 'Replace its lines and fields with these (sparse update)' },
			],
		},
	];
}
