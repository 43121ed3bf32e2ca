/**
 * The node reads expression-free parameters once per run and evaluates an item's expressions in one
 * call of n8n's evaluator (actions/common/runParameters.ts). What users get must not change: every
 * expression resolves for ITS item, every fixed value applies to EVERY item, and an expression that
 * fails for one item fails that item with n8n's own error.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { QuickBooksSync } from '../../../nodes/QuickBooksSync/QuickBooksSync.node';
import { jsonPathOf, MISSING, readJsonPath, RunParameters } from '../../../nodes/QuickBooksSync/actions/common/runParameters';
import type { TestEmulator } from '../../support/emulator';
import { createExecuteContext } from '../../support/n8n-context';
import { emulatorForFile, jsonOf, line, locator, query, runSync } from './helpers';

jest.setTimeout(60_000);

let qbo: TestEmulator;
emulatorForFile((started) => (qbo = started));

const orders: IDataObject[] = [
	{ id: 'RP-1', customer: 'Rita Plumbing', part: 'Valve', qty: 2, rate: 12.5, note: 'first', lines: [{ item: 'Hose' }] },
	{ id: 'RP-2', customer: 'Sam Heating', part: 'Gasket', qty: 5, rate: 3, note: 'second', lines: [{ item: 'Clamp' }] },
	{ id: 'RP-3', customer: 'Rita Plumbing', part: 'Pump', qty: 1, rate: 240, note: 'third', lines: [{ item: 'Hose' }] },
];

/** Create parameters mixing every kind of value the reader treats differently. */
function mixedParameters(extra: INodeParameters = {}): INodeParameters {
	return {
		resource: 'invoice',
		operation: 'create',
		customer: locator('name', '={{ $json.customer }}'), // whole-value expression: combined
		docNumber: '={{ $json.id }}',
		ifExists: 'skip', // fixed
		lines: {
			line: [
				line('={{ $json.part }}', '={{ $json.qty }}' as unknown as number, '={{ $json.rate }}' as unknown as number), // combined
				line('Call-out Fee', 1, 35), // fixed inside the same parameter as expressions
				line('={{ $json.lines[0].item }}', 1, 4), // a deeper path
			],
		},
		newItemSettings: { incomeAccountId: '1' }, // fixed
		additionalFields: {
			privateNote: '=Order {{ $json.id }}: {{ $json.note }}', // a template with text: evaluated alone
			customerMemo: '={{ $json.note.toUpperCase() }}', // a method call: evaluated alone
			billEmail: 'office@example.com', // fixed, next to expressions
		},
		...extra,
	};
}

describe('parameters read once per run, expressions per item', () => {
	it('every expression resolves for its own item and every fixed value applies to every item', async () => {
		const out = jsonOf(await runSync(qbo, mixedParameters(), orders));
		expect(out.map((invoice) => invoice._action)).toEqual(['created', 'created', 'created']);
		orders.forEach((order, index) => {
			const invoice = out[index];
			expect(invoice.DocNumber).toBe(order.id);
			expect((invoice.CustomerRef as IDataObject).name).toBe(order.customer);
			expect(invoice.PrivateNote).toBe(`Order ${String(order.id)}: ${String(order.note)}`);
			expect((invoice.CustomerMemo as IDataObject).value).toBe(String(order.note).toUpperCase());
			expect((invoice.BillEmail as IDataObject).Address).toBe('office@example.com');
			const lines = (invoice.Line as IDataObject[]).filter((entry) => entry.DetailType === 'SalesItemLineDetail');
			const detail = (entry: IDataObject) => entry.SalesItemLineDetail as IDataObject;
			expect(lines.map((entry) => (detail(entry).ItemRef as IDataObject).name)).toEqual([order.part, 'Call-out Fee', (order.lines as IDataObject[])[0].item]);
			expect(lines.map((entry) => detail(entry).Qty)).toEqual([order.qty, 1, 1]);
			expect(lines.map((entry) => entry.Amount)).toEqual([Number(order.qty) * Number(order.rate), 35, 4]);
		});
		// The fixed item line resolved to ONE item for the whole run; the same customer name to one customer.
		expect(query(qbo, "SELECT * FROM Item WHERE Name = 'Call-out Fee'")).toHaveLength(1);
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'Rita Plumbing'")).toHaveLength(1);
		expect(new Set(out.map((invoice) => (invoice.CustomerRef as IDataObject).value)).size).toBe(2);
	});

	it('gives the same documents as n8n evaluating each expression alone (one expression per item, nothing to combine)', async () => {
		// With a single expression in the run the reader has nothing to combine: getNodeParameter does it all.
		const single: INodeParameters = {
			resource: 'invoice',
			operation: 'create',
			customer: locator('name', 'Fixed Customer'),
			docNumber: '={{ $json.id }}',
			ifExists: 'skip',
			lines: { line: [line('Valve', 2, 12.5)] },
			newItemSettings: { incomeAccountId: '1' },
		};
		const combined: INodeParameters = { ...single, lines: { line: [line('={{ "Valve" }}', '={{ 2 }}' as unknown as number, 12.5)] } };
		const alone = jsonOf(await runSync(qbo, single, orders));
		qbo.emulator.accounting.reset();
		const together = jsonOf(await runSync(qbo, combined, orders));
		const shape = (invoice: IDataObject) => ({ DocNumber: invoice.DocNumber, TotalAmt: invoice.TotalAmt, customer: (invoice.CustomerRef as IDataObject).name, Line: invoice.Line });
		expect(together.map(shape)).toEqual(alone.map(shape));
	});

	it('an expression that cannot resolve for one item fails only that item, as n8n resolves it, and the others are written', async () => {
		// n8n's evaluator turns `$json.lines[0].item` on an item without lines into an empty value (no
		// throw); the combined evaluation of that item fails, so the item is read the way n8n reads it.
		const items = [orders[0], { id: 'RP-9', customer: 'No Lines Ltd', part: 'Valve', qty: 1, rate: 1, note: 'x' }, orders[1]];
		const out = jsonOf(await runSync(qbo, mixedParameters(), items, { continueOnFail: true }));
		expect(out[0]._action).toBe('created');
		expect(out[2]._action).toBe('created');
		expect(out[1].error).toBe('Item Name is empty [parameter: lines[2].itemName, item 1]');
		expect(query(qbo, "SELECT * FROM Invoice WHERE DocNumber = 'RP-9'")).toHaveLength(0);
		expect(query(qbo, "SELECT * FROM Customer WHERE DisplayName = 'No Lines Ltd'")).toHaveLength(0);
	});

	it('Lines from an Array reads {{ $json.lines }} per item next to fixed settings', async () => {
		const items = [
			{ id: 'RA-1', customer: 'Array Co', parts: [{ itemName: 'Bolt', quantity: 3, rate: 2 }] },
			{ id: 'RA-2', customer: 'Array Co', parts: [{ itemName: 'Nut', quantity: 4, rate: 1 }, { description: 'Thanks' }] },
		];
		const out = jsonOf(
			await runSync(
				qbo,
				{
					resource: 'invoice',
					operation: 'create',
					customer: locator('name', '={{ $json.customer }}'),
					docNumber: '={{ $json.id }}',
					ifExists: 'skip',
					linesInput: 'json',
					linesJson: '={{ $json.parts }}',
					newItemSettings: { incomeAccountId: '1' },
				},
				items,
			),
		);
		expect(out.map((invoice) => invoice.TotalAmt)).toEqual([6, 4]);
		expect((out[1].Line as IDataObject[]).map((entry) => entry.DetailType)).toEqual(['SalesItemLineDetail', 'DescriptionOnly', 'SubTotalLineDetail']);
	});
});

describe('plain $json paths are read straight from the item', () => {
	it('recognises only plain paths: dots, numeric indexes and quoted keys', () => {
		expect(jsonPathOf('$json')).toEqual([]);
		expect(jsonPathOf(' $json.customer ')).toEqual(['customer']);
		expect(jsonPathOf('$json.lines[0].item')).toEqual(['lines', 0, 'item']);
		expect(jsonPathOf(`$json['Customer Name']["e-mail"].$x_1`)).toEqual(['Customer Name', 'e-mail', '$x_1']);
		for (const code of ['$json.a.toUpperCase()', '$json.a?.b', '$json.a + 1', '$json[a]', "$json['a\\'b']", '$json.a || 0', "$('Config').item.json.a", '$jsonx.a', '$json.1a', '$json . a']) {
			expect([code, jsonPathOf(code)]).toEqual([code, undefined]);
		}
	});

	it('reads own values only; anything the evaluator would have to decide is MISSING', () => {
		const json = { a: { b: [{ c: 'x' }], nothing: null, zero: 0, text: 'abc' } };
		expect(readJsonPath(json, ['a', 'b', 0, 'c'])).toBe('x');
		expect(readJsonPath(json, ['a', 'nothing'])).toBeNull();
		expect(readJsonPath(json, ['a', 'zero'])).toBe(0);
		expect(readJsonPath(json, ['a', 'b'])).toBe(json.a.b);
		for (const path of [['a', 'missing'], ['a', 'missing', 'deeper'], ['a', 'nothing', 'x'], ['a', 'text', 'length'], ['a', 'toString'], ['a', 'b', 5], ['__proto__']]) {
			expect([path, readJsonPath(json, path)]).toEqual([path, MISSING]);
		}
	});

	it('gives exactly what getNodeParameter gives, item by item, without calling the evaluator for plain paths', () => {
		const common: INodeParameters = {
			resource: 'invoice',
			operation: 'create',
			customer: locator('name', '={{ $json.customer }}'),
			docNumber: '={{ $json["id"] }}',
			additionalFields: { customerMemo: '={{ $json.note }}', privateNote: '=Order {{ $json.id }}' },
		};
		const fields: INodeParameters = {
			...common,
			linesInput: 'fields',
			lines: {
				line: [
					line('={{ $json.lines[0].item }}', '={{ $json.qty }}' as unknown as number, 1),
					line('Fixed', 1, '={{ $json.rate }}' as unknown as number),
				],
			},
		};
		const fromArray: INodeParameters = { ...common, linesInput: 'json', linesJson: '={{ $json.lines }}' };
		const items: IDataObject[] = [
			{ id: 'P-1', customer: "O'Neil & Sons ✨", qty: 2, rate: '12.50', note: null, lines: [{ item: 'Hose' }] },
			{ id: 'P-2', customer: 'Sam', qty: 0, rate: 3, note: 'two', lines: [] }, // lines[0] missing: the evaluator decides
			{ id: 'P-3', customer: 'Rita', qty: 1.5, rate: 4, note: 'three', lines: [{ item: 'Clamp', extra: { deep: true } }] },
		];
		const cases: Array<[INodeParameters, string[], number]> = [
			// Items 0 and 2 need no evaluator call (the template `Order {{ $json.id }}` goes through
			// getNodeParameter); item 1's missing lines[0] sends it through the evaluator once.
			[fields, ['customer', 'docNumber', 'lines', 'additionalFields'], 1],
			[fromArray, ['customer', 'docNumber', 'linesJson', 'additionalFields'], 0],
		];
		for (const [parameters, names, evaluatorCalls] of cases) {
			const { context } = createExecuteContext(QuickBooksSync, { credentials: qbo.credentials(), parameters, items });
			const expected = items.map((_, index) => names.map((name) => context.getNodeParameter(name, index)));
			const evaluate = jest.spyOn(context, 'evaluateExpression');
			const reader = new RunParameters(context, names);
			expect(items.map((_, index) => names.map((name) => reader.get(name, index)))).toEqual(expected);
			expect(evaluate).toHaveBeenCalledTimes(evaluatorCalls);
		}
	});
});

describe('what the shortcut relies on', () => {
	it('no parameter of the node asks n8n to validate or convert its value during execution', () => {
		// getNodeParameter runs validateValueAgainstSchema after evaluating; for parameters without
		// validateType (and no resource mapper) it returns the value unchanged, which RunParameters assumes.
		const offending: string[] = [];
		const walk = (properties: unknown[], path: string): void => {
			for (const property of properties as IDataObject[]) {
				const here = `${path}${String(property.name)}`;
				if (property.validateType !== undefined || property.type === 'resourceMapper') offending.push(here);
				if (Array.isArray(property.options)) walk(property.options as unknown[], `${here}.`);
				if (Array.isArray(property.values)) walk(property.values as unknown[], `${here}.`);
			}
		};
		walk(new QuickBooksSync().description.properties, '');
		expect(offending).toEqual([]);
	});
});
