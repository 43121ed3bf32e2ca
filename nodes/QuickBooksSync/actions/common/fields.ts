import type { INodeProperties } from 'n8n-workflow';

/*
 * Parameter blocks that several description builders share, written once: an address, the
 * "Suffix When the Name Is Taken" of a new customer, an "Additional Fields" collection.
 */

/** What every date field accepts (shown under each one). */
export const DATE_HINT =
	'The calendar day: YYYY-MM-DD, or a date-time with its offset (ISO 8601, RFC 2822 as mail and RSS give it, a JavaScript date string, a Luxon DateTime such as $now), which counts as the day in that offset. Ambiguous text such as 12/08/2026 is refused.';

/** A postal address (Billing Address, Shipping Address) as QuickBooks' address fields. */
export function addressField(displayName: string, name: string, description?: string): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		default: {},
		...(description ? { description } : {}),
		options: [
			{
				displayName: 'Address',
				name: 'address',
				values: [
					{ displayName: 'City', name: 'City', type: 'string', default: '' },
					{ displayName: 'Country', name: 'Country', type: 'string', default: '' },
					{ displayName: 'Line 1', name: 'Line1', type: 'string', default: '' },
					{ displayName: 'Line 2', name: 'Line2', type: 'string', default: '' },
					{ displayName: 'Postal Code', name: 'PostalCode', type: 'string', default: '' },
					{ displayName: 'State / Province', name: 'CountrySubDivisionCode', type: 'string', default: '' },
				],
			},
		],
	};
}

/** The suffix a new customer's name gets when a vendor or employee holds the name (QuickBooks error 6240). */
export function nameClashSuffixField(nameIs: 'name' | 'display name', displayOptions: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Suffix When the Name Is Taken',
		name: 'nameClashSuffix',
		type: 'string',
		default: '',
		placeholder: 'e.g. (Customer)',
		description: `When a vendor or employee already uses the ${nameIs} (QuickBooks error 6240), find or create the customer as the name plus this suffix. Empty reports the clash, naming the record that holds the name.`,
		displayOptions,
	};
}

/** An "Update Fields" collection: only the fields given change (sparse update). */
export function updateFields(displayOptions: INodeProperties['displayOptions'], options: INodeProperties[], description = 'Only the fields given change (sparse update)'): INodeProperties {
	return { displayName: 'Update Fields', name: 'updateFields', type: 'collection', placeholder: 'Add Field', default: {}, description, displayOptions, options };
}

/** An "Additional Fields" collection of optional fields. */
export function additionalFields(displayOptions: INodeProperties['displayOptions'], options: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, displayOptions, options };
}

/** How a document or a payment was paid (cash, check …): QuickBooks' PaymentMethodRef, listed from the company. */
export const paymentMethodField: INodeProperties = {
	displayName: 'Payment Method Name or ID',
	name: 'paymentMethodId',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getPaymentMethods' },
	default: '',
	description:
		'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
};
