import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRequest } from '../../../shared/transport';
import { runEachItem } from '../common/results';

export const description: INodeProperties[] = [];

/** The company's Preferences (custom fields, tax, currency, sales form settings). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items.slice(0, 1), async (itemIndex) => {
		const response = (await qboRequest.call(this, { method: 'GET', path: '/preferences', itemIndex })) as IDataObject;
		return (response.Preferences ?? response) as IDataObject;
	});
}
