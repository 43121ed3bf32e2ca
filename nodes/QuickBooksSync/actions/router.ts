import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ItemParameters } from '../../shared/parameterValues';
import { SyncCache } from '../sync/cache';
import { asNodeError } from '../../shared/transport';
import { simplifyOutput } from './common/simplify';
import type { RunContext } from './types';
import { RunResults } from './common/results';
import { findOperation } from './resources';

/** Hands the whole run to the chosen operation; every operation returns one result per item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const chosenBy = new ItemParameters(this, 0);
	const resource = chosenBy.string('resource');
	const operation = chosenBy.string('operation');
	const chosen = findOperation(resource, operation);
	if (!chosen) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const run: RunContext = { cache: new SyncCache() };
	let output: INodeExecutionData[];
	try {
		output = await chosen.execute.call(this, items, run);
	} catch (error) {
		// A failure of the whole run (e.g. the credential revoked while the company's tax codes are read):
		// with Continue On Fail, n8n would pass the input items on as if they had succeeded, so each item
		// gets the error instead.
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
		const results = new RunResults(this, items.length);
		items.forEach((_item, itemIndex) => results.fail(itemIndex, error));
		return [results.toOutput()];
	}
	return [simplifyOutput(this, resource, operation, output)];
}
