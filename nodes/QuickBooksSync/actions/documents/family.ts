import { documentCreateDescription, documentCreateExecute } from './documentCreate';
import type { TypeHeaderField } from './documentFields';
import {
	documentGetExecute,
	documentGetManyDescription,
	documentGetManyExecute,
	documentIdDescription,
	documentPdfExecute,
	documentSendExecute,
	documentWriteOperationExecute,
	pdfDescription,
	sendDescription,
} from './documentSimple';
import { documentUpdateDescription, documentUpdateExecute } from './documentUpdate';
import { option } from '../operation';
import type { Operation, OperationOption, ResourceSpec } from '../types';
import { statusOperation } from './status';

import type { DocumentStatus } from './status';

/**
 * A QuickBooks transaction type, described as data. documentResource turns it into the node's
 * resource: its Operation list, parameters and operations. Adding a type is a descriptor and its tests.
 */
export interface DocumentType {
	/** The node's Resource value (what workflows store) and its name in the Resource list. */
	resource: string;
	name: string;
	/** The QuickBooks entity ('SalesReceipt'): its JSON key, and its URL segment in lower case. */
	entity: string;
	/** How the texts name one document and many: 'an invoice', 'invoices'. */
	one: string;
	many: string;
	/**
	 * Who the document is with. Data only today: every type is a customer's, so Create and Update show the customer
	 * locator (common/customerLocator.ts), read it with readCustomer (readDocument.ts) and the domain finds or
	 * creates customers and writes CustomerRef (sync/documents.ts, sync/bodies.ts). A vendor type (bill, purchase
	 * order) is where those four choices start to follow this field; there is nothing to choose between until then.
	 */
	party: 'customer';
	/**
	 * The header fields only this type has (Additional / Update Fields), from TYPE_HEADER_FIELDS in documentFields.ts;
	 * the others are every type's; each is shown in its A→Z place. readHeader reads the payment fields only when listed.
	 * The lines are the same for every type (product/service and description lines), so they are not described here.
	 */
	headerFields: TypeHeaderField[];
	/** The list-search method of the document locator. */
	searchListMethod: string;
	/** What QuickBooks lets one do with the type beyond create, read, update and delete. */
	send: boolean;
	void: boolean;
	pdf: boolean;
	/** Statuses set by their own operation (estimate: Accept, Close, Reject). */
	statuses: DocumentStatus[];
	/** Operations only this type has (estimate: Convert to Invoice), listed with the rest. */
	extraOperations: Operation[];
}

/** The option texts of a status operation. */
const STATUS_OPTIONS: Record<DocumentStatus, (one: string) => OperationOption> = {
	Accepted: (one) => option('accept', 'Accept', `Mark ${one} accepted`, `Accept ${one}`),
	Closed: (one) => option('close', 'Close', `Close ${one} without invoicing it`, `Close ${one}`),
	Rejected: (one) => option('reject', 'Reject', `Mark ${one} rejected`, `Reject ${one}`),
};

/** The operations that act on one document chosen by the locator, in the locator's display order. */
function locatorOperations(type: DocumentType): string[] {
	return [
		'get',
		'delete',
		...(type.send ? ['send'] : []),
		...(type.pdf ? ['downloadPdf'] : []),
		...(type.void ? ['void'] : []),
		...type.statuses.map((status) => STATUS_OPTIONS[status]('').value),
	];
}

/** The resource of a document type: its operations listed A→Z, Create selected by default. */
export function documentResource(type: DocumentType): ResourceSpec {
	const { resource, entity, one, many } = type;
	const operations: Operation[] = [
		{
			option: option('create', 'Create', `Create ${one}; replays are safe when a Document Number is given`, `Create ${one}`),
			description: documentCreateDescription(type),
			execute: documentCreateExecute(type),
		},
		{ option: option('delete', 'Delete', `Delete ${one}`, `Delete ${one}`), description: [], execute: documentWriteOperationExecute(entity, 'delete') },
		{
			option: option('get', 'Get', `Get ${one}`, `Get ${one}`),
			// The locator is declared once, for every operation that acts on one document.
			description: [documentIdDescription(resource, type.name, type.searchListMethod, locatorOperations(type))],
			execute: documentGetExecute(entity),
		},
		{ option: option('getAll', 'Get Many', `Get many ${many}`, `Get many ${many}`), description: documentGetManyDescription(resource), execute: documentGetManyExecute(entity) },
		{
			option: option('update', 'Update', `Update ${one}`, `Update ${one}`),
			description: documentUpdateDescription(type),
			execute: documentUpdateExecute(type),
		},
		...type.statuses.map((status) => statusOperation(type, status, STATUS_OPTIONS[status](one))),
		...type.extraOperations,
	];
	if (type.pdf) {
		const name = `Download ${one} as PDF`;
		operations.push({ option: option('downloadPdf', 'Download PDF', name, name), description: pdfDescription(resource), execute: documentPdfExecute(entity) });
	}
	if (type.send) {
		operations.push({ option: option('send', 'Send', `Email ${one} from QuickBooks`, `Send ${one}`), description: sendDescription(resource), execute: documentSendExecute(entity) });
	}
	if (type.void) {
		operations.push({ option: option('void', 'Void', `Void ${one}`, `Void ${one}`), description: [], execute: documentWriteOperationExecute(entity, 'void') });
	}
	operations.sort((a, b) => (a.option.name < b.option.name ? -1 : 1));
	return { resource, name: type.name, defaultOperation: 'create', operations };
}
