import type { INodeProperties } from 'n8n-workflow';

import { addressField, nameClashSuffixField } from './fields';

/**
 * The customer of a document (or of a sub-customer): from a list, by ID, by display name or by
 * email, with "create if missing" for the last two. Defined once, shown by each operation's
 * displayOptions.
 */
export function customerLocatorFields(show: INodeProperties['displayOptions']): INodeProperties[] {
	const whenCreating = show ? { ...show, show: { ...(show.show ?? {}), createCustomerIfMissing: [true] } } : { show: { createCustomerIfMissing: [true] } };
	return [
		{
			displayName: 'Customer',
			name: 'customer',
			type: 'resourceLocator',
			default: { mode: 'list', value: '' },
			required: true,
			description: 'The QuickBooks customer. By Name and By Email find the customer across the whole run with grouped queries.',
			displayOptions: show,
			modes: [
				{
					displayName: 'From List',
					name: 'list',
					type: 'list',
					typeOptions: { searchListMethod: 'searchCustomers', searchable: true },
				},
				{
					displayName: 'By ID',
					name: 'id',
					type: 'string',
					placeholder: 'e.g. 58',
					validation: [{ type: 'regex', properties: { regex: '^[0-9]+$', errorMessage: 'A QuickBooks ID is a number' } }],
				},
				{
					displayName: 'By Name',
					name: 'name',
					type: 'string',
					placeholder: "e.g. Amy's Bird Sanctuary",
				},
				{
					displayName: 'By Email',
					name: 'email',
					type: 'string',
					placeholder: 'e.g. name@email.com',
				},
			],
		},
		{
			displayName: 'Create Customer If Missing',
			name: 'createCustomerIfMissing',
			type: 'boolean',
			default: true,
			description:
				'Whether to create the customer when no active customer has that display name or email (only for By Name and By Email)',
			displayOptions: show,
		},
		nameClashSuffixField('name', whenCreating),
		{
			displayName: 'New Customer Fields',
			name: 'newCustomerFields',
			type: 'collection',
			placeholder: 'Add Field',
			default: {},
			description: 'Used only when the customer is created because it was missing',
			displayOptions: whenCreating,
			options: customerWritableFields(),
		},
	];
}

/** The customer fields a user can set on create and update (Additional/Update Fields). */
export function customerWritableFields(): INodeProperties[] {
	return [
		{ displayName: 'Active', name: 'Active', type: 'boolean', default: true, description: 'Whether the customer is active' },
		addressField('Billing Address', 'BillAddr', 'The billing address; State/Province (e.g. ON, QC) also picks Canadian sales tax in the templates'),
		{ displayName: 'Company Name', name: 'CompanyName', type: 'string', default: '' },
		{
			displayName: 'Display Name',
			name: 'DisplayName',
			type: 'string',
			default: '',
			description: 'Unique across customers, vendors and employees; at most 500 characters',
		},
		{ displayName: 'Email', name: 'PrimaryEmailAddr', type: 'string', placeholder: 'name@email.com', default: '' },
		{ displayName: 'Family Name', name: 'FamilyName', type: 'string', default: '' },
		{ displayName: 'Given Name', name: 'GivenName', type: 'string', default: '' },
		{
			displayName: 'Is Project',
			name: 'IsProject',
			type: 'boolean',
			default: false,
			description: 'Whether to mark the sub-customer as a project (needs Parent Customer ID; companies with Projects enabled)',
		},
		{
			displayName: 'Is Sub-Customer (Job)',
			name: 'Job',
			type: 'boolean',
			default: false,
			description: 'Whether the customer is a sub-customer or job of the Parent Customer',
		},
		{ displayName: 'Mobile', name: 'Mobile', type: 'string', default: '' },
		{ displayName: 'Notes', name: 'Notes', type: 'string', default: '' },
		{
			displayName: 'Parent Customer ID',
			name: 'ParentRef',
			type: 'string',
			default: '',
			description: 'ID of the parent customer, for sub-customers, jobs and projects',
		},
		{ displayName: 'Phone', name: 'PrimaryPhone', type: 'string', default: '' },
		{
			displayName: 'Preferred Delivery Method',
			name: 'PreferredDeliveryMethod',
			type: 'options',
			default: 'None',
			options: [
				{ name: 'Email', value: 'Email' },
				{ name: 'None', value: 'None' },
				{ name: 'Print', value: 'Print' },
			],
		},
		addressField('Shipping Address', 'ShipAddr'),
		{ displayName: 'Taxable', name: 'Taxable', type: 'boolean', default: true, description: 'Whether sales to this customer are taxable' },
		{ displayName: 'Website', name: 'WebAddr', type: 'string', default: '' },
	];
}
