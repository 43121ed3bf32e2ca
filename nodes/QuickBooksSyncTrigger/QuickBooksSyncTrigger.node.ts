import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';

import { triggerHeader } from '../shared/triggers/nodeHeader';
import { watchParameters } from '../shared/triggers/parameters';
import { pollQuickBooks } from './poll';

export class QuickBooksSyncTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync Trigger',
		name: 'quickBooksSyncTrigger',
		icon: { light: 'file:../QuickBooksSync/quickbooks.svg', dark: 'file:../QuickBooksSync/quickbooks.dark.svg' },
		subtitle: '={{ $parameter["entities"].join(", ") }}',
		description: 'Starts the workflow when QuickBooks Online records change, by polling change data capture',
		defaults: { name: 'QuickBooks Sync Trigger' },
		...triggerHeader,
		polling: true,
		properties: [
			{
				displayName:
					'Each poll asks QuickBooks once for every chosen entity and reports each change once. The first activation starts from now; set "Emit Records Changed Since" to report older changes too.',
				name: 'pollingNotice',
				type: 'notice',
				default: '',
			},
			...watchParameters,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				options: [
					{
						displayName: 'Emit Records Changed Since',
						name: 'emitChangedSince',
						type: 'dateTime',
						default: '',
						description:
							'On the first activation only: also report records changed since this date (a backfill). Beyond 30 days QuickBooks cannot tell which records were deleted.',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		return await pollQuickBooks.call(this);
	}
}
