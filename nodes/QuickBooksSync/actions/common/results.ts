import type { IDataObject, IExecuteFunctions, INodeExecutionData, IBinaryKeyData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ItemOutcomes } from '../../sync/outcomes';
import { InputProblem } from '../../sync/outcomes';
import { fromInputProblem } from './validation';

type ItemError = NodeApiError | NodeOperationError;

/**
 * Collects one outcome per input item of a run. Without "Continue On Fail" the first failure is
 * thrown (n8n's convention), but only after the run has finished its writes, and the thrown error
 * lists what this run DID write, so a half-done run is never silent.
 */
export class RunResults implements ItemOutcomes {
	private readonly outputs = new Map<number, INodeExecutionData[]>();

	private readonly failures = new Map<number, ItemError>();

	private readonly writes: string[] = [];

	constructor(
		private readonly ctx: IExecuteFunctions,
		private readonly itemCount: number,
	) {}

	/** Records the output of an item (one or several JSON objects). */
	succeed(itemIndex: number, json: IDataObject | IDataObject[], binary?: IBinaryKeyData): void {
		const list = Array.isArray(json) ? json : [json];
		this.outputs.set(
			itemIndex,
			list.map((entry) => ({ json: entry, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } })),
		);
	}

	/** Records the failure of an item; an unknown error becomes a NodeOperationError naming the item. */
	fail(itemIndex: number, error: unknown): void {
		this.failures.set(itemIndex, asItemError(this.ctx, error, itemIndex));
	}

	/** Notes a write that happened, e.g. "item 3: created Invoice 145", for the failure summary. */
	noteWrite(itemIndex: number, what: string): void {
		this.writes.push(`item ${itemIndex}: ${what}`);
	}

	/** The JSON output of a succeeded item (its first entry), to enrich it after a later step. */
	jsonOf(itemIndex: number): IDataObject | undefined {
		return this.outputs.get(itemIndex)?.[0]?.json;
	}

	isSettled(itemIndex: number): boolean {
		return this.outputs.has(itemIndex) || this.failures.has(itemIndex);
	}

	hasFailed(itemIndex: number): boolean {
		return this.failures.has(itemIndex);
	}

	/** Throws the first failure at once when the run must stop (no Continue On Fail) — used BEFORE any write. */
	throwIfStopping(): void {
		if (this.ctx.continueOnFail() || this.failures.size === 0) return;
		throw this.firstFailure();
	}

	/** The node's output, in input order, each result paired to its item. */
	toOutput(): INodeExecutionData[] {
		if (!this.ctx.continueOnFail() && this.failures.size > 0) throw this.firstFailure();
		// "Continue (using error output)" routes an item by `item.error` (its JSON alone only when it has no key
		// but error/message/details). n8n then keeps just `{ error: message }` as its JSON, so the error is
		// attached only in that mode: "Continue (using regular output)" keeps code, description and parameter.
		const toErrorOutput = this.ctx.getNode().onError === 'continueErrorOutput';
		const output: INodeExecutionData[] = [];
		for (let index = 0; index < this.itemCount; index++) {
			const failure = this.failures.get(index);
			if (failure) {
				output.push({ json: errorJson(failure), ...(toErrorOutput ? { error: failure } : {}), pairedItem: { item: index } });
				continue;
			}
			output.push(...(this.outputs.get(index) ?? []));
		}
		return output;
	}

	private firstFailure(): ItemError {
		const [, first] = [...this.failures.entries()].sort(([a], [b]) => a - b)[0];
		if (this.writes.length > 0) {
			const written = `Already written by this run before stopping: ${this.writes.join('; ')}.`;
			first.description = first.description ? `${first.description} ${written}` : written;
		}
		return first;
	}
}

/** The JSON of an error item: the message, the QuickBooks code when there is one, and the detail. */
function errorJson(error: ItemError): IDataObject {
	const json: IDataObject = { error: error.message };
	if (error.description) json.description = error.description;
	const context = error.context ?? {};
	if (context.parameter) json.parameter = context.parameter as string;
	if (context.qboFaultCode) json.code = context.qboFaultCode as string;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return json;
}

/** Keeps n8n errors as they are; the domain's bad input becomes a NodeOperationError; anything else is wrapped so the item index is never lost. */
export function asItemError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof InputProblem) return fromInputProblem(ctx, error);
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context && error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Runs `work` for each item in turn (operations that are one call per item by nature). */
export async function runEachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	work: (itemIndex: number, results: RunResults) => Promise<IDataObject | IDataObject[] | void>,
): Promise<INodeExecutionData[]> {
	const results = new RunResults(ctx, items.length);
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const json = await work(itemIndex, results);
			if (json !== undefined) results.succeed(itemIndex, json);
		} catch (error) {
			results.fail(itemIndex, error);
			// Per-item operations stop at the first failure, exactly like n8n's own nodes.
			results.throwIfStopping();
		}
	}
	return results.toOutput();
}

/** The steps of a batch operation, for runBatched. */
export interface BatchSteps<Read extends { itemIndex: number }, Answer> {
	/** Reads and validates one item; throwing fails that item alone, and nothing is written for it. */
	read(itemIndex: number): Read;
	/** The run's work for every item read, together (grouped queries, batch writes): one answer per read, or none when it reports the items itself. */
	write(reads: Read[], results: RunResults): Promise<Answer[] | void>;
	/** An item's outcome from its answer; throwing fails the item. */
	settle?(read: Read, answer: Answer, results: RunResults): Promise<void> | void;
}

/**
 * The whole-run skeleton of every batch operation: read and validate each item, stop before any write
 * when the run must stop (no Continue On Fail), then write for the good items together and settle each.
 */
export async function runBatched<Read extends { itemIndex: number }, Answer = never>(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	steps: BatchSteps<Read, Answer>,
): Promise<INodeExecutionData[]> {
	const results = new RunResults(ctx, items.length);
	const reads: Read[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			reads.push(steps.read(itemIndex));
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	results.throwIfStopping();
	const answers = await steps.write(reads, results);
	if (answers && steps.settle) {
		for (const [index, read] of reads.entries()) {
			try {
				await steps.settle(read, answers[index], results);
			} catch (error) {
				results.fail(read.itemIndex, error);
			}
		}
	}
	return results.toOutput();
}
