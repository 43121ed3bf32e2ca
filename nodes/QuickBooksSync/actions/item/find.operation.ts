import type { INodeProperties } from 'n8n-workflow';

import { findExecute, findFields } from '../common/find';
import { registered } from '../operation';

export const description: INodeProperties[] = findFields(
	'item',
	[
		{ name: 'Description', value: 'Description' },
		{ name: 'ID', value: 'Id' },
		{ name: 'Name', value: 'Name' },
		{ name: 'SKU', value: 'Sku' },
		{ name: 'Type', value: 'Type' },
	],
	'Name',
);

/** Finds products/services by any filterable field. */
export const execute = findExecute('Item');

export const operation = registered('find', 'Find', 'Find products/services by a field', 'Find items', { description, execute });
