import type { INodeProperties } from 'n8n-workflow';

import type { FilterSpec } from '../common/getMany';
import { ACTIVE, containsFilter, equalsFilter, getManyExecute, getManyFields, UPDATED_SINCE } from '../common/getMany';
import { registered } from '../operation';

const filters: FilterSpec[] = [
	ACTIVE,
	containsFilter('DisplayName', 'Display Name Contains', 'displayNameContains'),
	containsFilter('CompanyName', 'Company Name Contains', 'companyNameContains'),
	equalsFilter('PrimaryEmailAddr', 'Email', 'email', 'Only customers with exactly this primary email'),
	UPDATED_SINCE,
];

export const description: INodeProperties[] = getManyFields('customer', filters);

/** Lists customers, filtered and paged. */
export const execute = getManyExecute('Customer', filters);

export const operation = registered('getAll', 'Get Many', 'Get many customers', 'Get many customers', { description, execute });
