import type { INodeProperties } from 'n8n-workflow';

import { DATE_HINT } from './fields';

/** The lines of an invoice, estimate or sales receipt, as a fixed collection. Defined once. */
export function lineFields(show: INodeProperties['displayOptions']): INodeProperties[] {
	const only = (source: string) => ({ ...show, show: { ...(show?.show ?? {}), linesInput: [source] } });
	return [
		{
			displayName: 'Lines Input',
			name: 'linesInput',
			type: 'options',
			default: 'fields',
			description: 'Define the lines here, or take a variable number of lines from an array in the input item',
			displayOptions: show,
			options: [
				{ name: 'Define Below', value: 'fields', description: 'A fixed list of lines, each field may be an expression' },
				{
					name: 'From an Array (JSON)',
					value: 'json',
					description: 'One line per array element, e.g. the parts and labour of a work order',
				},
			],
		},
		{
			displayName: 'Lines (JSON)',
			name: 'linesJson',
			type: 'json',
			default: '[]',
			description:
				'An array of lines: {"itemName" or "itemId", "description", "quantity", "rate", "amount", "serviceDate", "taxCode", "classId"}. An element with only a description is a description line; one with a quantity, rate or amount needs an item. Numbers: JSON numbers or plain decimal text.',
			displayOptions: only('json'),
		},
		{
			displayName: 'Lines',
			name: 'lines',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, sortable: true },
			placeholder: 'Add Line',
			default: {},
			description: 'The lines of the document, in order. Items given by name are found (or created) once for the whole run.',
			displayOptions: only('fields'),
			options: [
				{
					displayName: 'Line',
					name: 'line',
					values: [
						{
							displayName: 'Amount',
							name: 'amount',
							type: 'number',
							typeOptions: { numberPrecision: 2 },
							default: 0,
							description: 'Line total. Leave 0 to use Quantity × Rate rounded to the cent (half up, as QuickBooks does); when given with a Rate it must equal that.',
							displayOptions: { show: { lineType: ['item'] } },
						},
						{
							displayName: 'Class Name or ID',
							name: 'classId',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getClasses' },
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							displayOptions: { show: { lineType: ['item'] } },
						},
						{
							displayName: 'Create Item If Missing',
							name: 'createItemIfMissing',
							type: 'boolean',
							default: true,
							description:
								'Whether to create a product/service with this exact name when none exists (see New Item Settings)',
							displayOptions: { show: { lineType: ['item'], itemBy: ['name'] } },
						},
						{
							displayName: 'Description',
							name: 'description',
							type: 'string',
							typeOptions: { rows: 2 },
							default: '',
							description: 'Text of the line; for a Description Only line, the whole line',
						},
						{
							displayName: 'Item Name',
							name: 'itemName',
							type: 'string',
							default: '',
							placeholder: 'e.g. Labour',
							description: 'Exact name of the product/service (at most 100 characters)',
							displayOptions: { show: { lineType: ['item'], itemBy: ['name'] } },
						},
						{
							displayName: 'Item Name or ID',
							name: 'itemId',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getItems' },
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							displayOptions: { show: { lineType: ['item'], itemBy: ['id'] } },
						},
						{
							displayName: 'Item Reference',
							name: 'itemBy',
							type: 'options',
							default: 'name',
							description: 'How the product/service of the line is given',
							displayOptions: { show: { lineType: ['item'] } },
							options: [
								{ name: 'By Name', value: 'name', description: 'Find the item by its exact name' },
								{ name: 'From List or ID', value: 'id', description: 'Pick the item or give its QuickBooks ID' },
							],
						},
						{
							displayName: 'Line Type',
							name: 'lineType',
							type: 'options',
							default: 'item',
							options: [
								{ name: 'Description Only', value: 'description', description: 'A text line with no amount' },
								{ name: 'Product/Service', value: 'item', description: 'A sales line with an item, quantity and rate' },
							],
						},
						{
							displayName: 'Quantity',
							name: 'quantity',
							type: 'number',
							typeOptions: { minValue: 0, numberPrecision: 5 },
							default: 1,
							description: 'A number or plain decimal text (no thousands separators, hex or exponents)',
							displayOptions: { show: { lineType: ['item'] } },
						},
						{
							displayName: 'Rate',
							name: 'rate',
							type: 'number',
							typeOptions: { numberPrecision: 5 },
							default: 0,
							description: 'Unit price; QuickBooks keeps up to 7 decimals (e.g. 1.005)',
							displayOptions: { show: { lineType: ['item'] } },
						},
						{
							displayName: 'Service Date',
							name: 'serviceDate',
							type: 'dateTime',
							default: '',
							description: DATE_HINT,
							displayOptions: { show: { lineType: ['item'] } },
						},
						{
							displayName: 'Tax Code Name or ID',
							name: 'taxCodeId',
							type: 'options',
							typeOptions: { loadOptionsMethod: 'getTaxCodes' },
							default: '',
							description:
								'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
							displayOptions: { show: { lineType: ['item'] } },
						},
					],
				},
			],
		},
		{
			displayName: 'New Item Settings',
			name: 'newItemSettings',
			type: 'collection',
			placeholder: 'Add Setting',
			default: {},
			description: 'How products/services missing from QuickBooks are created',
			displayOptions: show,
			options: newItemSettingFields(),
		},
	];
}

/** Settings for items created because they were missing (lines and Item → Find or Create). */
export function newItemSettingFields(): INodeProperties[] {
	return [
		{
			displayName: 'Income Account Name or ID',
			name: 'incomeAccountId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getIncomeAccounts' },
			default: '',
			description:
				'Income account of new items; empty uses the first active income account. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
		{
			displayName: 'Item Type',
			name: 'type',
			type: 'options',
			default: 'Service',
			options: [
				{ name: 'Non-Inventory', value: 'NonInventory' },
				{ name: 'Service', value: 'Service' },
			],
		},
		{
			displayName: 'Taxable',
			name: 'taxable',
			type: 'boolean',
			default: true,
			description: 'Whether new items are taxable (US companies)',
		},
	];
}
