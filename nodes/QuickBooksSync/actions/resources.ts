import type { INodeProperties } from 'n8n-workflow';

import { company } from './company';
import { customer } from './customer';
import { estimate, invoice, salesReceipt } from './documents/catalog';
import { item } from './item';
import { other } from './other';
import { payment } from './payment';
import type { Operation, ResourceSpec } from './types';

/**
 * Every resource of the node, in the order of the Resource list. Each operation is registered once,
 * in its resource's spec; the node's parameters and the router are both derived from this list.
 */
export const RESOURCES: ResourceSpec[] = [company, customer, estimate, invoice, item, other, payment, salesReceipt];

/** The Operation list of a resource, then every operation's own parameters, in the list's order. */
function resourceProperties({ resource, defaultOperation, operations }: ResourceSpec): INodeProperties[] {
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: operations.map((operation) => operation.option),
			default: defaultOperation,
		},
		...operations.flatMap((operation) => operation.description),
	];
}

/** The parameters of every resource, for the node's description. */
export function operationProperties(): INodeProperties[] {
	return RESOURCES.flatMap(resourceProperties);
}

const byKey = new Map(RESOURCES.flatMap((spec) => spec.operations.map((operation) => [`${spec.resource}:${operation.option.value}`, operation])));

/** The operation a run asked for, or undefined when the node's parameters name none. */
export function findOperation(resource: string, operation: string): Operation | undefined {
	return byKey.get(`${resource}:${operation}`);
}
