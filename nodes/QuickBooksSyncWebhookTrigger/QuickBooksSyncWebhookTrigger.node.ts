import type { IHookFunctions, INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { triggerHeader } from '../shared/triggers/nodeHeader';
import { watchParameters } from '../shared/triggers/parameters';
import { handleDelivery } from './handleDelivery';
import { seedOnActivation } from './seedOnActivation';
import { requireVerifierToken } from './verifierToken';

export class QuickBooksSyncWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'QuickBooks Sync Webhook Trigger',
		name: 'quickBooksSyncWebhookTrigger',
		icon: { light: 'file:../QuickBooksSync/quickbooks.svg', dark: 'file:../QuickBooksSync/quickbooks.dark.svg' },
		subtitle: '={{ $parameter["entities"].join(", ") }}',
		description: 'Starts the workflow at once when QuickBooks Online sends a webhook about a change',
		defaults: { name: 'QuickBooks Sync Webhook Trigger' },
		...triggerHeader,
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'One-time setup in the Intuit developer portal: open your app, Webhooks, paste this node\'s Production URL as the endpoint (one URL per app serves every connected company), tick the entities and operations to send, and copy the Verifier Token into the QuickBooks Sync credential. Deliveries without a valid intuit-signature are refused; other companies\' changes are ignored.',
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			...watchParameters,
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				// Intuit has no API to list webhook endpoints: let activation run create() to prepare state.
				return false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await requireVerifierToken(this);
				await seedOnActivation(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// The endpoint lives in Intuit's portal; removing it there is the user's choice.
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleDelivery(this);
	}
}
