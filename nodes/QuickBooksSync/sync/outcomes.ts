import type { IDataObject } from 'n8n-workflow';

/**
 * Where the domain reports each item's outcome while it works through a run: the record it wrote or
 * found, its failure, and every write that happened (for the summary of a run that stops). The
 * operation layer implements it (actions/common/results.ts) and turns the outcomes into n8n output;
 * the domain never sees n8n's items.
 */
export interface ItemOutcomes {
	succeed(itemIndex: number, json: IDataObject): void;
	fail(itemIndex: number, error: unknown): void;
	noteWrite(itemIndex: number, what: string): void;
}

/**
 * Bad input found by the domain (an unknown tax code, a document that already exists…): it names the
 * item and the parameter. The operation layer reports it as n8n's NodeOperationError (asItemError).
 */
export class InputProblem extends Error {
	constructor(
		readonly itemIndex: number,
		readonly parameter: string,
		readonly problem: string,
		readonly description?: string,
	) {
		super(`${problem} [parameter: ${parameter}, item ${itemIndex}]`);
		this.name = 'InputProblem';
	}
}
