import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import { ref } from '../../sync/bodies';
import { DATE_HINT, paymentMethodField } from '../common/fields';
import { applyPaymentKey, paymentIdempotencyKeyOption, readIdempotencyKey } from '../common/idempotencyKey';
import { inputError, toDate, toId } from '../common/validation';

/** Invoices a payment applies to: IDs or Document Numbers. */
export function invoiceFields(operation: string): INodeProperties[] {
	const show = { show: { resource: ['payment'], operation: [operation] } };
	return [
		{
			displayName: 'Match Invoices By',
			name: 'matchInvoicesBy',
			type: 'options',
			default: 'DocNumber',
			displayOptions: show,
			options: [
				{ name: 'Document Number', value: 'DocNumber', description: 'The DocNumber, e.g. the source system\'s invoice number' },
				{ name: 'ID', value: 'Id', description: 'The QuickBooks invoice ID' },
			],
		},
		{
			displayName: 'Invoices',
			name: 'invoices',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. INV-1001, INV-1002',
			description: 'Comma-separated (an array from an expression works too); the amount is applied in this order',
			displayOptions: show,
		},
	];
}

/** Optional payment fields. */
export function paymentAdditionalFields(operation: string, extra: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: { show: { resource: ['payment'], operation: [operation] } },
		options: ([
			...extra,
			{ displayName: 'Deposit To Account ID', name: 'depositToAccountId', type: 'string', default: '', description: 'Default: Undeposited Funds' },
			paymentMethodField,
			{ displayName: 'Private Note', name: 'privateNote', type: 'string', default: '' },
			paymentIdempotencyKeyOption,
			{
				displayName: 'Recognise a Payment Again By',
				name: 'duplicateKey',
				type: 'options',
				default: 'PaymentRefNum',
				description:
					"Which field carries the source system's payment ID. A payment whose field already holds the same value on these invoices is not recorded again — also when several executions send it at the same moment.",
				options: [
					{ name: 'Private Note', value: 'PrivateNote', description: 'For IDs longer than the 21 characters of a reference number' },
					{ name: 'Reference Number', value: 'PaymentRefNum' },
				],
			},
			{ displayName: 'Reference Number', name: 'paymentRefNum', type: 'string', default: '', description: "E.g. the source system's payment ID (at most 21 characters). A payment with the same reference already applied to these invoices is not recorded again." },
			{ displayName: 'Transaction Date', name: 'txnDate', type: 'dateTime', default: '', description: DATE_HINT },
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Reads the invoice list of one item. */
export function readInvoiceKeys(ctx: IExecuteFunctions, itemIndex: number): { keys: string[]; matchBy: 'Id' | 'DocNumber' } {
	const matchBy = ctx.getNodeParameter('matchInvoicesBy', itemIndex) as 'Id' | 'DocNumber';
	const raw = ctx.getNodeParameter('invoices', itemIndex, '') as string | Array<string | number>;
	const keys = (Array.isArray(raw) ? raw.map(String) : String(raw).split(',')).map((key) => key.trim()).filter(Boolean);
	if (keys.length === 0) throw inputError(ctx, itemIndex, 'invoices', 'No invoice was given');
	if (matchBy === 'Id') keys.forEach((key) => toId(ctx, itemIndex, 'invoices', key));
	return { keys: [...new Set(keys)], matchBy };
}

/** Reads the optional fields into a Payment body. */
export function readPaymentHeader(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	const fields = new ItemParameters(ctx, itemIndex).object('additionalFields', {});
	const header: IDataObject = {};
	const txnDate = toDate(ctx, itemIndex, 'additionalFields.txnDate', fields.txnDate);
	if (txnDate) header.TxnDate = txnDate;
	if (fields.paymentMethodId) header.PaymentMethodRef = ref(toId(ctx, itemIndex, 'additionalFields.paymentMethodId', fields.paymentMethodId));
	if (fields.depositToAccountId) header.DepositToAccountRef = ref(toId(ctx, itemIndex, 'additionalFields.depositToAccountId', fields.depositToAccountId));
	if (fields.privateNote) header.PrivateNote = String(fields.privateNote);
	if (fields.paymentRefNum) {
		const refNum = String(fields.paymentRefNum);
		if ([...refNum].length > 21) throw inputError(ctx, itemIndex, 'additionalFields.paymentRefNum', 'Reference Number is longer than 21 characters');
		header.PaymentRefNum = refNum;
	}
	const key = readIdempotencyKey(fields.idempotencyKey, (message) => inputError(ctx, itemIndex, 'additionalFields.idempotencyKey', message));
	applyPaymentKey(header, fields.duplicateKey === 'PrivateNote' ? 'PrivateNote' : 'PaymentRefNum', key);
	return header;
}

/** The payment field that identifies one payment of the source system (empty value: none). */
export type PaymentKeyField = 'PaymentRefNum' | 'PrivateNote';

/** Which field of an item's payment is its business key. */
export function readPaymentKeyField(ctx: IExecuteFunctions, itemIndex: number): PaymentKeyField {
	const fields = new ItemParameters(ctx, itemIndex).object('additionalFields', {});
	return fields.duplicateKey === 'PrivateNote' ? 'PrivateNote' : 'PaymentRefNum';
}
