import type { INodeProperties } from 'n8n-workflow';

import type { FilterSpec } from '../common/getMany';
import { equalsFilter, getManyExecute, getManyFields, txnDateFilter, UPDATED_SINCE } from '../common/getMany';
import { registered } from '../operation';

const filters: FilterSpec[] = [
	equalsFilter('CustomerRef', 'Customer ID', 'customerId', 'Only payments of this customer'),
	txnDateFilter('>=', 'Transaction Date From', 'txnDateFrom'),
	txnDateFilter('<=', 'Transaction Date To', 'txnDateTo'),
	UPDATED_SINCE,
];

export const description: INodeProperties[] = getManyFields('payment', filters);

/** Lists payments, filtered and paged. */
export const execute = getManyExecute('Payment', filters);

export const operation = registered('getAll', 'Get Many', 'Get many payments', 'Get many payments', { description, execute });
