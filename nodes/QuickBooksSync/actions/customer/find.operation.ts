import type { INodeProperties } from 'n8n-workflow';

import { findExecute, findFields } from '../common/find';
import { registered } from '../operation';

export const description: INodeProperties[] = findFields(
	'customer',
	[
		{ name: 'Company Name', value: 'CompanyName' },
		{ name: 'Display Name', value: 'DisplayName' },
		{ name: 'Email', value: 'PrimaryEmailAddr' },
		{ name: 'Family Name', value: 'FamilyName' },
		{ name: 'Given Name', value: 'GivenName' },
		{ name: 'ID', value: 'Id' },
	],
	'DisplayName',
);

/** Finds customers by any filterable field. */
export const execute = findExecute('Customer');

export const operation = registered('find', 'Find', 'Find customers by a field', 'Find customers', { description, execute });
