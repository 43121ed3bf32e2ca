import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData, INodeParameterResourceLocator, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import {
	booleanValue,
	numberValue,
	objectListValue,
	objectValue,
	resourceLocatorValue,
	textListValue,
	textValue,
	type ParameterPlace,
} from '../../../shared/parameterValues';
import { cleanupParameterValue, isExpression, isToolRun, listExpression, wholeValueCode } from './expressionInternals';

/** An expression leaf of a parameter: where it sits and the code between its `{{ }}`. */
interface ExpressionLeaf {
	parameter: string;
	/** Keys from the parameter's root to the leaf (empty for a top-level string). */
	path: Array<string | number>;
	/** Parameter and path in one string, the leaf's key in every map below. */
	key: string;
	raw: string;
	/** The code of a single `{{ code }}` with no method call, or undefined when it must be evaluated alone. */
	code?: string;
	/** When the code is a plain `$json.a.b[0]` path: its keys, read straight from the item. */
	jsonPath?: JsonPath;
}

type JsonPath = Array<string | number>;

/** A path that does not lead to a value (the evaluator decides what n8n gives then). */
export const MISSING = Symbol('missing');

/**
 * The node's parameters for a whole run, read the way `getNodeParameter` reads them but at a
 * fraction of the cost, because n8n evaluates each expression with a fresh data proxy (~0.2 ms):
 *
 * - a parameter with no expression anywhere in it is read ONCE per run (through getNodeParameter);
 * - for each item, the expressions of the listed parameters are evaluated together in ONE call of
 *   n8n's own evaluator (`{{ [(a), (b), …] }}`), then put back in place of their `{{ }}`;
 * - a plain path into the item (`{{ $json.customer.name }}`, `{{ $json.lines[0]['qty'] }}`) is read
 *   straight from the item's json, which is what n8n's `$json` is (the node's input item at that
 *   index); if a key on the way is missing the item goes through the evaluator instead.
 *
 * Only whole-value expressions without method calls are combined (so n8n's extension rewriting
 * has nothing to do in either form); anything else — and any item whose combined evaluation fails
 * or returns something odd — goes through getNodeParameter, so n8n's own error or value wins.
 * What this leans on in n8n beyond its node API is in expressionInternals.ts, checked on both n8n lines.
 * Values shared between items must not be mutated by the caller.
 *
 * The typed getters (string, number, boolean, object, strings, objects, resourceLocator) read the same
 * value and check its kind (shared/parameterValues.ts), so callers need no casts.
 */
export class RunParameters {
	private readonly fixed = new Map<string, unknown>();

	private readonly leaves: ExpressionLeaf[] = [];

	private readonly leavesByKey: Map<string, ExpressionLeaf>;

	private readonly withExpressions = new Set<string>();

	/** Leaves read straight from the item. */
	private readonly direct: ExpressionLeaf[];

	/** Combinable leaves that need the evaluator, and their one combined expression. */
	private readonly viaEvaluator: ExpressionLeaf[];

	private readonly viaEvaluatorExpression?: string;

	/** Every combinable leaf in one expression: the way for an item whose direct read misses. */
	private readonly combined?: string;

	private readonly active: boolean;

	private readonly inputItems: INodeExecutionData[];

	private combining = true;

	private readonly evaluated = new Map<number, Map<string, unknown> | null>();

	/**
	 * The node, read once: n8n's getNode() deep-copies the node with all its parameters on every call
	 * (a tenth of a millisecond for an invoice node), and the getters below need it per item and value.
	 */
	private readonly node: INode;

	constructor(
		readonly ctx: IExecuteFunctions,
		parameterNames: string[],
	) {
		this.node = ctx.getNode();
		const parameters = this.node.parameters;
		for (const name of parameterNames) {
			if (!(name in parameters)) continue;
			const found: ExpressionLeaf[] = [];
			collectExpressions(name, parameters[name], [], found);
			if (found.length === 0) continue;
			this.withExpressions.add(name);
			this.leaves.push(...found);
		}
		this.leavesByKey = new Map(this.leaves.map((leaf) => [leaf.key, leaf]));
		const combinable = this.leaves.filter((leaf) => leaf.code !== undefined);
		// A tool call's `$json` is the agent's query, not an input item: no direct reads there.
		const readsItems = !isToolRun(this.node.type);
		if (readsItems) for (const leaf of combinable) leaf.jsonPath = jsonPathOf(leaf.code!);
		this.direct = combinable.filter((leaf) => leaf.jsonPath !== undefined);
		this.viaEvaluator = combinable.filter((leaf) => leaf.jsonPath === undefined);
		this.inputItems = this.direct.length > 0 ? ctx.getInputData() : [];
		this.combined = combinedExpression([...this.direct, ...this.viaEvaluator]);
		this.viaEvaluatorExpression = combinedExpression(this.viaEvaluator);
		// Worth it from two expressions on, or one direct read; a lone evaluated one is read as n8n would anyway.
		this.active = this.direct.length > 0 || this.viaEvaluator.length > 1;
	}

	/** The value of a top-level parameter for one item, as `getNodeParameter(name, itemIndex, fallback)` gives it. */
	get(name: string, itemIndex: number, fallback?: unknown): unknown {
		if (!this.withExpressions.has(name)) {
			if (!this.fixed.has(name)) this.fixed.set(name, this.ctx.getNodeParameter(name, itemIndex, fallback));
			return this.fixed.get(name);
		}
		const values = this.active ? this.evaluate(itemIndex) : null;
		if (!values) return this.ctx.getNodeParameter(name, itemIndex, fallback);
		return assemble(this.node.parameters[name], name, this.leavesByKey, values, this.ctx, itemIndex);
	}

	/** Text; a number or boolean from an expression becomes its text. */
	string(name: string, itemIndex: number, fallback = ''): string {
		return textValue(this.get(name, itemIndex, fallback), fallback, this.place(name, itemIndex));
	}

	/** A finite number; numeric text from an expression counts. */
	number(name: string, itemIndex: number, fallback = 0): number {
		return numberValue(this.get(name, itemIndex, fallback), fallback, this.place(name, itemIndex));
	}

	/** true or false. */
	boolean(name: string, itemIndex: number, fallback = false): boolean {
		return booleanValue(this.get(name, itemIndex, fallback), fallback, this.place(name, itemIndex));
	}

	/** A collection, fixed collection or JSON object. */
	object(name: string, itemIndex: number, fallback: IDataObject = {}): IDataObject {
		return objectValue(this.get(name, itemIndex, fallback), fallback, this.place(name, itemIndex));
	}

	/** A multi-options value. */
	strings(name: string, itemIndex: number, fallback: string[] = []): string[] {
		return textListValue(this.get(name, itemIndex, fallback), fallback, this.place(name, itemIndex));
	}

	/** A list of objects (a JSON array of rows). */
	objects(name: string, itemIndex: number, fallback: IDataObject[] = []): IDataObject[] {
		return objectListValue(this.get(name, itemIndex, fallback), fallback, this.place(name, itemIndex));
	}

	/** A resource locator's `{ mode, value }`. */
	resourceLocator(name: string, itemIndex: number): INodeParameterResourceLocator {
		return resourceLocatorValue(this.get(name, itemIndex), this.place(name, itemIndex));
	}

	private place(parameter: string, itemIndex: number): ParameterPlace {
		return { node: this.node, parameter, itemIndex };
	}

	/** The run's combined expressions for one item, keyed by leaf; null when the item needs n8n's own path. */
	private evaluate(itemIndex: number): Map<string, unknown> | null {
		if (!this.combining) return null;
		if (this.evaluated.has(itemIndex)) return this.evaluated.get(itemIndex)!;
		// One item at a time: the operations read an item completely before the next one.
		this.evaluated.clear();
		let values = this.readDirect(itemIndex);
		if (values && this.viaEvaluator.length > 0) {
			const rest = this.evaluateTogether(this.viaEvaluatorExpression!, this.viaEvaluator, itemIndex, true);
			values = rest && new Map([...values, ...rest]);
		} else if (!values && this.combined !== undefined) {
			// A key missing on the way: what n8n makes of it is the evaluator's call.
			// This item's data, not the combination, is the odd one: the next item may read directly again.
			values = this.evaluateTogether(this.combined, [...this.direct, ...this.viaEvaluator], itemIndex, false);
		}
		this.evaluated.set(itemIndex, values);
		return values;
	}

	/** The direct leaves' values from the item's json, or null when one of them does not lead to a value. */
	private readDirect(itemIndex: number): Map<string, unknown> | null {
		const values = new Map<string, unknown>();
		const json = this.inputItems[itemIndex]?.json;
		for (const leaf of this.direct) {
			const value = readJsonPath(json, leaf.jsonPath!);
			if (value === MISSING) return null;
			values.set(leaf.key, value);
		}
		return values;
	}

	/** One evaluator call for the leaves' combined expression; null (and n8n's own path) when it fails. */
	private evaluateTogether(expression: string, leaves: ExpressionLeaf[], itemIndex: number, judgeCombination: boolean): Map<string, unknown> | null {
		try {
			const result = this.ctx.evaluateExpression(expression, itemIndex) as unknown;
			if (Array.isArray(result) && result.length === leaves.length && !result.some((value) => typeof value === 'function')) {
				return new Map(leaves.map((leaf, index) => [leaf.key, result[index] as unknown]));
			}
		} catch {
			// Evaluated alone below, where n8n reports the failing parameter.
		}
		if (judgeCombination) this.stopCombiningIfStructural(itemIndex);
		return null;
	}

	/** A combination that fails although each expression alone succeeds is no use for the other items either. */
	private stopCombiningIfStructural(itemIndex: number): void {
		try {
			for (const name of this.withExpressions) this.ctx.getNodeParameter(name, itemIndex);
			this.combining = false;
		} catch {
			// This item's own data makes an expression fail; the next item may combine fine.
		}
	}
}

function leafKey(parameter: string, path: Array<string | number>): string {
	return `${parameter}\u0000${path.join('\u0000')}`;
}

/** Finds every expression string in a parameter value. */
function collectExpressions(parameter: string, value: unknown, path: Array<string | number>, found: ExpressionLeaf[]): void {
	if (typeof value === 'string') {
		if (isExpression(value)) found.push({ parameter, path, key: leafKey(parameter, path), raw: value, code: wholeValueCode(value) });
		return;
	}
	if (Array.isArray(value)) {
		value.forEach((element, index) => collectExpressions(parameter, element, [...path, index], found));
	} else if (value !== null && typeof value === 'object') {
		for (const [key, element] of Object.entries(value)) collectExpressions(parameter, element, [...path, key], found);
	}
}

/** The leaves' codes as one expression for evaluateExpression, or undefined when there are none. */
function combinedExpression(leaves: ExpressionLeaf[]): string | undefined {
	return leaves.length === 0 ? undefined : listExpression(leaves.map((leaf) => leaf.code!));
}

/** `$json` then `.key`, `[0]`, `['key']` or `["key"]` steps, nothing else (no calls, no `?.`, no operators). */
const JSON_PATH = /^\$json((?:\.[A-Za-z_$][\w$]*|\[\d+\]|\['[^'\\]*'\]|\["[^"\\]*"\])*)$/;
const JSON_PATH_STEP = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\['([^'\\]*)'\]|\["([^"\\]*)"\]/g;

/** The keys of a plain `$json` path, or undefined for any other code. */
export function jsonPathOf(code: string): JsonPath | undefined {
	const match = JSON_PATH.exec(code.trim());
	if (!match) return undefined;
	const path: JsonPath = [];
	for (const step of match[1].matchAll(JSON_PATH_STEP)) {
		path.push(step[2] !== undefined ? Number(step[2]) : (step[1] ?? step[3] ?? step[4]));
	}
	return path;
}

/**
 * The value at the path, as the expression would give it, or MISSING when the path does not lead to
 * a value (a key absent on the way, a step into a non-object, an inherited key, or undefined at the end).
 */
export function readJsonPath(json: unknown, path: JsonPath): unknown {
	let value = json;
	for (const key of path) {
		if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return MISSING;
		value = (value as Record<string | number, unknown>)[key];
	}
	return value === undefined || typeof value === 'function' ? MISSING : value;
}

/**
 * The parameter with its expressions replaced by their values: what getParameterValue builds (a
 * copy of objects and arrays) plus n8n-core's cleanup (a nested Luxon DateTime becomes a string).
 */
function assemble(
	raw: unknown,
	parameter: string,
	leavesByKey: Map<string, ExpressionLeaf>,
	values: Map<string, unknown>,
	ctx: IExecuteFunctions,
	itemIndex: number,
): unknown {
	const build = (value: unknown, path: Array<string | number>): unknown => {
		if (typeof value === 'string') {
			const key = leafKey(parameter, path);
			const leaf = leavesByKey.get(key);
			if (!leaf) return value;
			return leaf.code !== undefined ? values.get(key) : ctx.getNodeParameter(`${parameter}${pathSuffix(path)}`, itemIndex);
		}
		if (Array.isArray(value)) return value.map((element, index) => build(element, [...path, index]));
		if (value !== null && typeof value === 'object') {
			return Object.fromEntries(Object.entries(value as INodeParameters).map(([key, element]) => [key, build(element, [...path, key])]));
		}
		return value;
	};
	const value = build(raw, []) as NodeParameterValueType;
	cleanupParameterValue(value);
	return value;
}

/** `lines.line[0].itemName` style path for getNodeParameter. */
function pathSuffix(path: Array<string | number>): string {
	return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}
