import type { INodeProperties } from 'n8n-workflow';

import type { FilterSpec } from '../common/getMany';
import { ACTIVE, containsFilter, getManyExecute, getManyFields, UPDATED_SINCE } from '../common/getMany';
import { registered } from '../operation';

const filters: FilterSpec[] = [
	ACTIVE,
	containsFilter('Name', 'Name Contains', 'nameContains'),
	containsFilter('Sku', 'SKU Contains', 'skuContains'),
	UPDATED_SINCE,
];

export const description: INodeProperties[] = getManyFields('item', filters);

/** Lists products/services, filtered and paged. */
export const execute = getManyExecute('Item', filters);

export const operation = registered('getAll', 'Get Many', 'Get many products/services', 'Get many items', { description, execute });
