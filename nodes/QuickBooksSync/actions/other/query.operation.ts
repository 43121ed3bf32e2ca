import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboQueryRecords } from '../../sync/api';
import { returnAllFields } from '../common/pagination';
import { runEachItem } from '../common/results';
import { inputError, toCount } from '../common/validation';
import { registered } from '../operation';

const show = { show: { resource: ['other'], operation: ['query'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Query',
		name: 'query',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		placeholder: "SELECT * FROM Invoice WHERE DocNumber = 'WO-1042'",
		description:
			"A QuickBooks query. Pages of 1,000 are fetched for you unless the query has its own STARTPOSITION or MAXRESULTS. Escape an apostrophe in a value as \\'.",
		displayOptions: show,
	},
	// A raw query returns all its rows unless asked otherwise.
	...returnAllFields(show).map((field) => (field.name === 'returnAll' ? { ...field, default: true } : field)),
];

/** Runs a raw query per item, paging automatically; each row becomes an output item. */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
	return await runEachItem(this, items, async (itemIndex) => {
		const text = String(this.getNodeParameter('query', itemIndex)).trim();
		if (!/^select\s/i.test(text)) throw inputError(this, itemIndex, 'query', 'A QuickBooks query starts with SELECT');
		const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
		const limit = returnAll ? undefined : toCount(this, itemIndex, 'limit', this.getNodeParameter('limit', itemIndex));
		return await qboQueryRecords.call(this, text, { limit });
	});
}

export const operation = registered('query', 'Query', 'Run a QuickBooks query with automatic paging', 'Run a query', { description, execute });
