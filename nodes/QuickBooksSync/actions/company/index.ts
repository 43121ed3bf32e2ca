import type { ResourceSpec } from '../types';
import * as getInfo from './getInfo.operation';
import * as getPreferences from './getPreferences.operation';

export const company: ResourceSpec = {
	resource: 'company',
	name: 'Company',
	defaultOperation: 'getInfo',
	operations: [getInfo.operation, getPreferences.operation],
};
