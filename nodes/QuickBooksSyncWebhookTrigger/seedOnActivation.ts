import type { IHookFunctions } from 'n8n-workflow';

import { NodeParameters } from '../shared/parameterValues';
import { recordFrom } from '../shared/triggers/boundedRecord';
import type { ObjectState } from '../shared/triggers/objectState';
import { watchSelection } from '../shared/triggers/parameters';
import { seedOpenInvoices } from '../shared/triggers/seedOpenInvoices';
import { markActivated } from './activationMark';
import { WEBHOOK_OBJECTS_CAP } from './webhookEvents';

/**
 * Nothing to register with Intuit (the URL is set once per app in its portal), but activation is
 * the moment to remember open invoices' balances, so "Invoice Paid" works for invoices created
 * before. A failure here is logged, not fatal: events still flow, only those payments go unnoticed.
 * Either way the activation is marked, so deliveries know the state they read is activation's.
 */
export async function seedOnActivation(context: IHookFunctions): Promise<void> {
	const selection = watchSelection(new NodeParameters(context));
	const staticData = context.getWorkflowStaticData('node');
	const states = recordFrom<ObjectState>(staticData.objects);
	try {
		await seedOpenInvoices(context, selection, states, WEBHOOK_OBJECTS_CAP);
		staticData.objects = states as unknown as typeof staticData.objects;
	} catch (error) {
		context.logger.warn(`QuickBooks Sync Webhook Trigger: could not read open invoices on activation: ${(error as Error).message}`);
	}
	markActivated(staticData, Date.now());
}
