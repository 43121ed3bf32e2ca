import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { companyOf, qboRequest } from '../../../shared/transport';
import { runEachItem } from '../common/results';
import { registered } from '../operation';

export const description: INodeProperties[] = [];

/** The connected company's CompanyInfo (name, address, country, fiscal year). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	const { realmId } = await companyOf(this);
	return await runEachItem(this, items.slice(0, 1), async (itemIndex) => {
		const response = (await qboRequest.call(this, { method: 'GET', path: `/companyinfo/${realmId}`, itemIndex })) as IDataObject;
		return (response.CompanyInfo ?? response) as IDataObject;
	});
}

export const operation = registered('getInfo', 'Get Info', "Get the company's name, address and country", 'Get company info', { description, execute });
