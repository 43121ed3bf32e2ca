import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { SyncCache } from '../sync/cache';

/** State shared by every operation of one node execution. */
export interface RunContext {
	cache: SyncCache;
}

/** An operation receives the whole run and returns one result (or error item) per input item. */
export type OperationExecute = (
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	run: RunContext,
) => Promise<INodeExecutionData[]>;

/** One `<operation>.operation.ts` file: its parameters and its execute. */
export interface OperationModule {
	description: INodeProperties[];
	execute: OperationExecute;
}

/** The entry of an operation in its resource's Operation list; `value` is what workflows store. */
export type OperationOption = INodePropertyOptions & { value: string; description: string; action: string };

/** An operation, registered once: its entry in the Operation list, its parameters, its execute. */
export interface Operation extends OperationModule {
	option: OperationOption;
}

/** A resource: the value workflows store, its name in the Resource list, the operation selected by default, its operations (listed A→Z). */
export interface ResourceSpec {
	resource: string;
	name: string;
	defaultOperation: string;
	operations: Operation[];
}
