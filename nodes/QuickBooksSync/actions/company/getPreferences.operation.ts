import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRequest } from '../../../shared/transport';
import { runEachItem } from '../common/results';
import { registered } from '../operation';

export const description: INodeProperties[] = [];

/** The company's Preferences (custom fields, tax, currency, sales form settings). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items.slice(0, 1), async (itemIndex) => {
		const response = (await qboRequest.call(this, { method: 'GET', path: '/preferences', itemIndex })) as IDataObject;
		return (response.Preferences ?? response) as IDataObject;
	});
}

export const operation = registered('getPreferences', 'Get Preferences', "Get the company's preferences (custom fields, tax, sales forms)", 'Get company preferences', { description, execute });
