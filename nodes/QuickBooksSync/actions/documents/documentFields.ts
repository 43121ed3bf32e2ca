import type { INodeProperties } from 'n8n-workflow';

import { additionalFields, DATE_HINT, paymentMethodField } from '../common/fields';
import type { DocumentType } from './family';

/** The header fields that only some document types have: a type names its own in its descriptor's `headerFields`. */
const TYPE_HEADER_FIELDS = ['depositToAccountId', 'dueDate', 'expirationDate', 'paymentMethodId', 'termsId'] as const;
export type TypeHeaderField = (typeof TYPE_HEADER_FIELDS)[number];

function isTypeHeaderField(name: string): name is TypeHeaderField {
	return (TYPE_HEADER_FIELDS as readonly string[]).includes(name);
}

/** Fields of a sales document other than customer and lines, A→Z; every type has them but TYPE_HEADER_FIELDS. */
const DOCUMENT_FIELDS: INodeProperties[] = [
	{
		displayName: 'Apply Tax Code to Every Line Name or ID',
		name: 'taxCodeForAllLines',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTaxCodes' },
		default: '',
		description:
			'Sets this tax code on every product/service line, e.g. the province\'s GST/HST code in Canada. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{ displayName: 'Billing Email', name: 'billEmail', type: 'string', placeholder: 'name@email.com', default: '' },
	{
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Values of the sales-form custom fields declared in the company (e.g. PO Number)',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Field Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCustomFields' },
						default: '',
						description:
							'Name of the custom field as declared in QuickBooks. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{ displayName: 'Customer Memo', name: 'customerMemo', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Message shown to the customer on the document' },
	{
		displayName: 'Deposit To Account ID',
		name: 'depositToAccountId',
		type: 'string',
		default: '',
		description: 'Account that receives the money (default: Undeposited Funds)',
	},
	{
		displayName: 'Discount Type',
		name: 'discountType',
		type: 'options',
		default: 'none',
		description: 'A document-level discount line',
		options: [
			{ name: 'Amount', value: 'amount' },
			{ name: 'None', value: 'none' },
			{ name: 'Percent', value: 'percent' },
		],
	},
	{
		displayName: 'Discount Value',
		name: 'discountValue',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0,
		description: 'Percent (e.g. 10 for 10%, at most two decimals) or amount of the discount (rounded to the cent), per Discount Type; a number or plain decimal text',
	},
	{ displayName: 'Due Date', name: 'dueDate', type: 'dateTime', default: '', description: DATE_HINT },
	{ displayName: 'Expiration Date', name: 'expirationDate', type: 'dateTime', default: '', description: DATE_HINT },
	{
		displayName: 'Global Tax Calculation',
		name: 'globalTaxCalculation',
		type: 'options',
		default: 'TaxExcluded',
		description: 'Whether amounts include tax (companies outside the US)',
		options: [
			{ name: 'Not Applicable', value: 'NotApplicable' },
			{ name: 'Tax Excluded', value: 'TaxExcluded' },
			{ name: 'Tax Inclusive', value: 'TaxInclusive' },
		],
	},
	paymentMethodField,
	{
		displayName: 'Project ID',
		name: 'projectId',
		type: 'string',
		default: '',
		description: 'ID of the project (a sub-customer marked Is Project) the document belongs to',
	},
	{ displayName: 'Private Note', name: 'privateNote', type: 'string', typeOptions: { rows: 2 }, default: '', description: 'Internal note, not shown to the customer' },
	{
		displayName: 'Terms Name or ID',
		name: 'termsId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTerms' },
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	},
	{ displayName: 'Transaction Date', name: 'txnDate', type: 'dateTime', default: '', description: DATE_HINT },
];

/** The "Additional Fields" collection of a document create/update, for one document type. */
export function documentFieldOptions(type: Pick<DocumentType, 'headerFields'>): INodeProperties[] {
	return DOCUMENT_FIELDS.filter((field) => !isTypeHeaderField(field.name) || type.headerFields.includes(field.name)).map((field) => ({ ...field }));
}

/** The "Additional Fields" parameter itself. */
export function documentAdditionalFields(type: Pick<DocumentType, 'headerFields'>, show: INodeProperties['displayOptions']): INodeProperties {
	return additionalFields(show, documentFieldOptions(type));
}
