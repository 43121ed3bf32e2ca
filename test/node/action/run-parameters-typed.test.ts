/**
 * RunParameters' typed getters read the same values as get() (n8n's getNodeParameter), checked for
 * their kind, inside n8n-core's real ExecuteContext: no casts at call sites, and an expression giving
 * the wrong kind fails naming the parameter and the item.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { RunParameters } from '../../../nodes/QuickBooksSync/actions/common/runParameters';
import type { TestEmulator } from '../../support/emulator';
import { createExecuteContext } from '../../support/n8n-context';
import { emulatorForFile, locator } from './helpers';

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

const parameters: INodeParameters = {
	resource: 'invoice',
	operation: 'create',
	customer: locator('name', '={{ $json.customer }}'),
	docNumber: '={{ $json.id }}',
	createCustomerIfMissing: '={{ $json.create }}',
	sendAfterWrite: false,
	linesInput: 'json',
	linesJson: '={{ $json.rows }}',
	additionalFields: { privateNote: '={{ $json.note }}', customerMemo: 'fixed' },
};
const items: IDataObject[] = [
	{ id: 1001, customer: 'Rita', create: true, rows: [{ itemName: 'Valve', quantity: 2 }], note: 'first' },
	{ id: 'INV-2', customer: 'Sam', create: 'yes', rows: 'not rows', note: 'second' },
];

function reader(): RunParameters {
	const { context } = createExecuteContext(QuickBooksSync, { credentials: qbo.credentials(), parameters, items });
	return new RunParameters(context, ['customer', 'docNumber', 'createCustomerIfMissing', 'linesJson', 'additionalFields']);
}

describe('RunParameters typed getters', () => {
	it('give each kind without casts, item by item', () => {
		const params = reader();
		expect(params.string('docNumber', 0)).toBe('1001');
		expect(params.string('docNumber', 1)).toBe('INV-2');
		expect(params.boolean('createCustomerIfMissing', 0, true)).toBe(true);
		expect(params.boolean('sendAfterWrite', 1, true)).toBe(false);
		expect(params.object('additionalFields', 1)).toEqual({ privateNote: 'second', customerMemo: 'fixed' });
		expect(params.objects('linesJson', 0)).toEqual([{ itemName: 'Valve', quantity: 2 }]);
		expect(params.resourceLocator('customer', 1)).toMatchObject({ mode: 'name', value: 'Sam' });
		expect(params.string('linesInput', 0)).toBe('json');
		expect(params.strings('outputFields', 0, ['id'])).toEqual(['id']);
	});

	it('fail naming the parameter and the item when an expression gives another kind', () => {
		const params = reader();
		expect(() => params.boolean('createCustomerIfMissing', 1)).toThrow('Must be true or false, not the string "yes" [parameter: createCustomerIfMissing, item 1]');
		expect(() => params.objects('linesJson', 1)).toThrow('Must be a list of objects, not the string "not rows" [parameter: linesJson, item 1]');
		expect(() => params.number('docNumber', 1)).toThrow('Must be a number, not the string "INV-2" [parameter: docNumber, item 1]');
	});
});
