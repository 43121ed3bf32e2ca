import type { IDataObject, INode, INodeParameterResourceLocator } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Typed views of a parameter's value as n8n handed it over, so call sites need no `as` casts. A fixed
 * value always has its field's type; an expression can give anything, and a value of the wrong kind
 * fails with an error naming the parameter (and the item), instead of travelling on under a false type.
 * Absent values (undefined, null) give the fallback.
 */

/** Where a value came from, for the error. */
export interface ParameterPlace {
	node: INode;
	parameter: string;
	/** Absent for a trigger's parameters, which belong to no item. */
	itemIndex?: number;
}

function wrongKind(place: ParameterPlace, expected: string, value: unknown): NodeOperationError {
	const got = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : `the ${typeof value} ${JSON.stringify(value)}`;
	const where = place.itemIndex === undefined ? place.parameter : `${place.parameter}, item ${place.itemIndex}`;
	const error = new NodeOperationError(place.node, `Must be ${expected}, not ${got} [parameter: ${where}]`, {
		itemIndex: place.itemIndex,
		description: 'Check the value or expression of this parameter.',
	});
	error.context.parameter = place.parameter;
	return error;
}

const isAbsent = (value: unknown): value is undefined | null => value === undefined || value === null;

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Text: numbers and booleans become their text (an expression giving 1001 for a document number). */
export function textValue(value: unknown, fallback: string, place: ParameterPlace): string {
	if (isAbsent(value)) return fallback;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	throw wrongKind(place, 'text', value);
}

/** A finite number; numeric text (from an expression) counts. */
export function numberValue(value: unknown, fallback: number, place: ParameterPlace): number {
	if (isAbsent(value)) return fallback;
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number === 'number' && Number.isFinite(number)) return number;
	throw wrongKind(place, 'a number', value);
}

/** true or false, nothing merely truthy. */
export function booleanValue(value: unknown, fallback: boolean, place: ParameterPlace): boolean {
	if (isAbsent(value)) return fallback;
	if (typeof value === 'boolean') return value;
	throw wrongKind(place, 'true or false', value);
}

/** An object: a collection, a fixed collection, a JSON object. */
export function objectValue(value: unknown, fallback: IDataObject, place: ParameterPlace): IDataObject {
	if (isAbsent(value)) return fallback;
	if (isPlainObject(value)) return value;
	throw wrongKind(place, 'an object', value);
}

/** A list of texts: a multi-options parameter. */
export function textListValue(value: unknown, fallback: string[], place: ParameterPlace): string[] {
	if (isAbsent(value)) return fallback;
	if (Array.isArray(value) && value.every((entry) => typeof entry === 'string')) return value as string[];
	throw wrongKind(place, 'a list of texts', value);
}

/** A list of objects: the entries of a fixed collection, a JSON array of rows. */
export function objectListValue(value: unknown, fallback: IDataObject[], place: ParameterPlace): IDataObject[] {
	if (isAbsent(value)) return fallback;
	if (Array.isArray(value) && value.every(isPlainObject)) return value;
	throw wrongKind(place, 'a list of objects', value);
}

/** A resource locator: `{ __rl: true, mode, value }`. */
export function resourceLocatorValue(value: unknown, place: ParameterPlace): INodeParameterResourceLocator {
	if (isPlainObject(value) && typeof value.mode === 'string') return value as unknown as INodeParameterResourceLocator;
	throw wrongKind(place, 'a resource locator (mode and value)', value);
}

/** What a trigger's poll, hook and webhook contexts have in common for reading parameters. */
export interface ParameterSource {
	getNode(): INode;
	getNodeParameter(parameterName: string, fallbackValue?: unknown): unknown;
}

/** The parameters of a run that has no items (a trigger's poll, hook or webhook), typed. */
export class NodeParameters {
	constructor(private readonly context: ParameterSource) {}

	/** A multi-options value. */
	strings(name: string, fallback: string[] = []): string[] {
		return textListValue(this.context.getNodeParameter(name, fallback), fallback, this.place(name));
	}

	/** A collection (such as Options). */
	object(name: string, fallback: IDataObject = {}): IDataObject {
		return objectValue(this.context.getNodeParameter(name, fallback), fallback, this.place(name));
	}

	private place(parameter: string): ParameterPlace {
		return { node: this.context.getNode(), parameter };
	}
}

/** What an operation's context has for reading one item's parameters. */
export interface ItemParameterSource {
	getNode(): INode;
	getNodeParameter(parameterName: string, itemIndex: number, fallbackValue?: unknown): unknown;
}

/**
 * One item's parameters read straight through getNodeParameter, typed: for operations that read a
 * parameter once per item and need no RunParameters. Without a fallback a missing parameter is n8n's error.
 */
export class ItemParameters {
	constructor(
		private readonly context: ItemParameterSource,
		private readonly itemIndex: number,
	) {}

	/** Text; a number or boolean from an expression becomes its text. */
	string(name: string, fallback?: string): string {
		return textValue(this.context.getNodeParameter(name, this.itemIndex, fallback), fallback ?? '', this.place(name));
	}

	/** A collection, fixed collection or JSON object. */
	object(name: string, fallback?: IDataObject): IDataObject {
		return objectValue(this.context.getNodeParameter(name, this.itemIndex, fallback), fallback ?? {}, this.place(name));
	}

	private place(parameter: string): ParameterPlace {
		return { node: this.context.getNode(), parameter, itemIndex: this.itemIndex };
	}
}
