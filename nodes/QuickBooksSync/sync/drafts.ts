import type { IDataObject } from 'n8n-workflow';

import type { NamedWant } from './findOrCreate';

/** A customer given by Id, or wanted by name/email (found or created across the run). */
export type CustomerChoice = { id: string } | { want: NamedWant };

/** One line of a document, before items are resolved. */
export interface DraftLine {
	kind: 'item' | 'description';
	description?: string;
	itemId?: string;
	itemWant?: NamedWant;
	qty?: number;
	rate?: number;
	amount?: number;
	serviceDate?: string;
	classId?: string;
	taxCode?: string;
}

/** The header of a document, neutral: what the user gave, checked, before QuickBooks' names and nesting. */
export interface DraftHeader {
	txnDate?: string;
	dueDate?: string;
	expirationDate?: string;
	termsId?: string;
	customerMemo?: string;
	privateNote?: string;
	billEmail?: string;
	globalTaxCalculation?: string;
	projectId?: string;
	paymentMethodId?: string;
	depositToAccountId?: string;
}

/** How an item missing from QuickBooks is created (the "New Item Settings" of the UI). */
export interface NewItemSettings {
	incomeAccountId?: string;
	type?: 'Service' | 'NonInventory';
	taxable?: boolean;
}

/** One input item's document, validated, waiting for its references. */
export interface DocumentDraft {
	itemIndex: number;
	/** Absent on an update that keeps the document's customer. */
	customer?: CustomerChoice;
	lines: DraftLine[];
	docNumber?: string;
	/** Header fields, validated (dates as YYYY-MM-DD, references as Ids); bodies.ts gives them QuickBooks' shape. */
	header: DraftHeader;
	/** Custom fields by declared name. */
	customFields: Array<{ name: string; value: string }>;
	discount?: { percent?: number; amount?: number };
	taxCodeForAllLines?: string;
}

/** A fully resolved document body, ready to write. */
export interface ResolvedDocument {
	draft: DocumentDraft;
	body: IDataObject;
	/** Customers/items this document caused to be created (reported in the output). */
	created: string[];
}
