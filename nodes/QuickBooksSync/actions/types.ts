import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

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
