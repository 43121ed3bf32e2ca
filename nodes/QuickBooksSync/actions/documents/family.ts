import { documentCreateDescription, documentCreateExecute } from './documentCreate';
import type { DocumentEntity } from './documentFields';
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
	/** The QuickBooks entity. */
	entity: DocumentEntity;
	/** How the texts name one document and many: 'an invoice', 'invoices'. */
	one: string;
	many: string;
	/** Who the document is with; lines, locator and look-ups follow it. Vendor documents (bills, purchase orders) come next. */
	party: 'customer';
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
			description: documentCreateDescription(resource, entity),
			execute: documentCreateExecute(entity),
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
			description: documentUpdateDescription(resource, entity, type.searchListMethod),
			execute: documentUpdateExecute(entity),
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
