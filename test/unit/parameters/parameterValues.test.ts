/**
 * The typed parameter getters (nodes/shared/parameterValues.ts): a value of its field's kind passes
 * unchanged, an absent one gives the fallback, and anything else fails naming the parameter and item.
 */
import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	booleanValue,
	numberValue,
	objectListValue,
	objectValue,
	resourceLocatorValue,
	textListValue,
	textValue,
} from '../../../nodes/shared/parameterValues';

const node: INode = { id: 'n1', name: 'QuickBooks Sync', type: 'n8n-nodes-quickbooks-sync.quickBooksSync', typeVersion: 1, position: [0, 0], parameters: {} };
const onItem = { node, parameter: 'docNumber', itemIndex: 2 };
const onTrigger = { node, parameter: 'entities' };

function failure(read: () => unknown): NodeOperationError {
	try {
		read();
	} catch (error) {
		expect(error).toBeInstanceOf(NodeOperationError);
		return error as NodeOperationError;
	}
	throw new Error('expected the read to fail');
}

describe('typed parameter values', () => {
	it('text: text as is, numbers and booleans as their text, absent as the fallback', () => {
		expect(textValue('INV-1', '', onItem)).toBe('INV-1');
		expect(textValue('', 'x', onItem)).toBe('');
		expect(textValue(1001, '', onItem)).toBe('1001');
		expect(textValue(false, '', onItem)).toBe('false');
		expect(textValue(undefined, 'fallback', onItem)).toBe('fallback');
		expect(textValue(null, 'fallback', onItem)).toBe('fallback');
	});

	it('a value of the wrong kind fails naming the parameter and the item', () => {
		const error = failure(() => textValue({ id: 1 }, '', onItem));
		expect(error.message).toBe('Must be text, not an object [parameter: docNumber, item 2]');
		expect(error.context.itemIndex).toBe(2);
		expect(error.context.parameter).toBe('docNumber');
		expect(failure(() => textValue(['a'], '', onItem)).message).toBe('Must be text, not a list [parameter: docNumber, item 2]');
		expect(failure(() => textListValue('Invoice', [], onTrigger)).message).toBe('Must be a list of texts, not the string "Invoice" [parameter: entities]');
	});

	it('number: finite numbers and numeric text', () => {
		expect(numberValue(2.5, 0, onItem)).toBe(2.5);
		expect(numberValue('12.50', 0, onItem)).toBe(12.5);
		expect(numberValue(undefined, 7, onItem)).toBe(7);
		for (const wrong of ['', ' ', 'abc', Number.NaN, Number.POSITIVE_INFINITY, true, {}]) {
			expect([wrong, failure(() => numberValue(wrong, 0, onItem)).message]).toEqual([wrong, expect.stringMatching(/^Must be a number, not /)]);
		}
	});

	it('boolean: true and false only', () => {
		expect(booleanValue(true, false, onItem)).toBe(true);
		expect(booleanValue(false, true, onItem)).toBe(false);
		expect(booleanValue(undefined, true, onItem)).toBe(true);
		for (const wrong of ['true', 1, 0, {}]) {
			expect([wrong, failure(() => booleanValue(wrong, false, onItem)).message]).toEqual([wrong, expect.stringMatching(/^Must be true or false, not /)]);
		}
	});

	it('object, list of texts, list of objects, resource locator', () => {
		const fields = { privateNote: 'x' };
		expect(objectValue(fields, {}, onItem)).toBe(fields);
		expect(objectValue(undefined, {}, onItem)).toEqual({});
		expect(failure(() => objectValue([fields], {}, onItem)).message).toMatch(/^Must be an object, not a list/);
		expect(textListValue(['Invoice', 'Customer'], [], onTrigger)).toEqual(['Invoice', 'Customer']);
		expect(textListValue(undefined, ['Invoice'], onTrigger)).toEqual(['Invoice']);
		expect(failure(() => textListValue(['Invoice', 3], [], onTrigger)).message).toBe('Must be a list of texts, not a list [parameter: entities]');
		expect(objectListValue([{ a: 1 }], [], onItem)).toEqual([{ a: 1 }]);
		expect(failure(() => objectListValue([{ a: 1 }, 'b'], [], onItem)).message).toMatch(/^Must be a list of objects/);
		const locator = { __rl: true, mode: 'name', value: 'Rita' };
		expect(resourceLocatorValue(locator, onItem)).toBe(locator);
		expect(failure(() => resourceLocatorValue('Rita', onItem)).message).toMatch(/^Must be a resource locator/);
	});
});
