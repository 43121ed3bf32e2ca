import type { IDataObject } from 'n8n-workflow';

import type { DocumentDraft, DraftHeader, DraftLine, NewItemSettings } from './drafts';
import { lineAmount } from './money';

/*
 * The one mapping from validated, neutral drafts (drafts.ts) to QuickBooks' wire shape: documents
 * (header, lines, discount, custom fields) and the customers and items created on the way. Nothing
 * here validates or calls QuickBooks.
 */

/** Turns the customer fields of the UI (flat) into a QuickBooks Customer body. */
export function customerBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, raw] of Object.entries(fields)) {
		if (raw === '' || raw === undefined || raw === null) continue;
		switch (key) {
			case 'PrimaryEmailAddr':
				body.PrimaryEmailAddr = { Address: String(raw).trim() };
				break;
			case 'PrimaryPhone':
			case 'Mobile':
				body[key] = { FreeFormNumber: String(raw) };
				break;
			case 'WebAddr':
				body.WebAddr = { URI: String(raw) };
				break;
			case 'ParentRef':
				body.ParentRef = { value: String(raw) };
				break;
			case 'BillAddr':
			case 'ShipAddr': {
				const address = (raw as IDataObject).address as IDataObject | undefined;
				if (address) body[key] = dropEmpty(address);
				break;
			}
			default:
				body[key] = typeof raw === 'string' ? raw.trim() : raw;
		}
	}
	// A project or job only exists below a parent.
	if (body.ParentRef && body.Job === undefined) body.Job = true;
	return body;
}

/** Removes empty strings so a sparse update does not blank fields the user left alone. */
export function dropEmpty(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== '' && value !== undefined && value !== null));
}

/** A QuickBooks reference object. */
export function ref(value: string | number, name?: string): IDataObject {
	return name ? { value: String(value), name } : { value: String(value) };
}

/** The body that creates a product/service named `name`. */
export function newItemBody(name: string, settings: NewItemSettings, incomeAccountId: string): IDataObject {
	const body: IDataObject = { Name: name, Type: settings.type ?? 'Service', IncomeAccountRef: ref(incomeAccountId) };
	if (settings.taxable !== undefined) body.Taxable = settings.taxable;
	return body;
}

/** A document's header fields in QuickBooks' names and nesting. */
export function headerBody(header: DraftHeader): IDataObject {
	const body: IDataObject = {};
	if (header.txnDate !== undefined) body.TxnDate = header.txnDate;
	if (header.dueDate !== undefined) body.DueDate = header.dueDate;
	if (header.expirationDate !== undefined) body.ExpirationDate = header.expirationDate;
	if (header.termsId !== undefined) body.SalesTermRef = ref(header.termsId);
	if (header.customerMemo !== undefined) body.CustomerMemo = { value: header.customerMemo };
	if (header.privateNote !== undefined) body.PrivateNote = header.privateNote;
	if (header.billEmail !== undefined) body.BillEmail = { Address: header.billEmail };
	if (header.globalTaxCalculation !== undefined) body.GlobalTaxCalculation = header.globalTaxCalculation;
	if (header.projectId !== undefined) body.ProjectRef = ref(header.projectId);
	if (header.paymentMethodId !== undefined) body.PaymentMethodRef = ref(header.paymentMethodId);
	if (header.depositToAccountId !== undefined) body.DepositToAccountRef = ref(header.depositToAccountId);
	return body;
}

/** Custom fields by declared Id (references.ts resolves the names) as QuickBooks' CustomField list. */
export function customFieldsBody(fields: DocumentDraft['customFields']): IDataObject[] {
	return fields.map((field) => ({ DefinitionId: field.name, Type: 'StringType', StringValue: field.value }));
}

/** One QuickBooks line from a draft line; `itemId` is the line's item once resolved. */
export function lineBody(line: DraftLine, itemId: string | undefined, draft: DocumentDraft): IDataObject {
	if (line.kind === 'description') {
		return { DetailType: 'DescriptionOnly', Description: line.description, DescriptionLineDetail: {} };
	}
	const qty = line.qty ?? 1;
	const rate = line.rate ?? 0;
	const detail: IDataObject = { ItemRef: ref(itemId!), Qty: qty };
	let amount = line.amount ?? 0;
	if (amount === 0) {
		amount = lineAmount(qty, rate);
		detail.UnitPrice = rate;
	} else if (rate !== 0) {
		detail.UnitPrice = rate;
	} else if (qty !== 0) {
		detail.UnitPrice = amount / qty;
	}
	if (line.serviceDate) detail.ServiceDate = line.serviceDate;
	if (line.classId) detail.ClassRef = ref(line.classId);
	const taxCode = draft.taxCodeForAllLines ?? line.taxCode;
	if (taxCode) detail.TaxCodeRef = ref(taxCode);
	const body: IDataObject = { DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: detail };
	if (line.description) body.Description = line.description;
	return body;
}

/** The discount of a document as its discount line (QuickBooks allows one per document). */
export function discountLine(discount: NonNullable<DocumentDraft['discount']>): IDataObject {
	return discount.percent !== undefined
		? { DetailType: 'DiscountLineDetail', DiscountLineDetail: { PercentBased: true, DiscountPercent: discount.percent } }
		: { DetailType: 'DiscountLineDetail', Amount: discount.amount, DiscountLineDetail: { PercentBased: false } };
}

/** The document body: header fields, customer, lines and discount, number, custom fields. */
export function documentBody(draft: DocumentDraft, customerId: string | undefined, lines: IDataObject[]): IDataObject {
	const body: IDataObject = headerBody(draft.header);
	if (customerId) body.CustomerRef = ref(customerId);
	const allLines = [...lines];
	if (draft.discount) allLines.push(discountLine(draft.discount));
	if (allLines.length > 0) body.Line = allLines;
	if (draft.docNumber) body.DocNumber = draft.docNumber;
	if (draft.customFields.length > 0) body.CustomField = customFieldsBody(draft.customFields);
	return body;
}
