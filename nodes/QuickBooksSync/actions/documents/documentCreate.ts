import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { DocumentDraft } from '../../sync/drafts';
import type { IfExists } from '../../sync/documents';
import { checkReferences, resolveDocuments, writeDocuments } from '../../sync/documents';
import type { RunContext } from '../types';
import { customerLocatorFields } from '../common/customerLocator';
import { documentAdditionalFields } from './documentFields';
import type { DocumentType } from './family';
import { docNumberFromKey, idempotencyKeyField, readIdempotencyKey } from '../common/idempotencyKey';
import { ifExistsFields } from '../common/ifExists';
import { lineFields } from '../common/lines';
import { checkDiscountFits, CUSTOMER_PARAMETERS, LINE_PARAMETERS, readCustomer, readDocNumber, readHeader, readLines } from './readDocument';
import { runBatched } from '../common/results';
import { RunParameters } from '../common/runParameters';
import { sendWritten } from './sendWritten';
import { inputError } from '../common/validation';

/** The parameters of Create for an invoice, estimate or sales receipt. */
export function documentCreateDescription(type: DocumentType): INodeProperties[] {
	const show = { show: { resource: [type.resource], operation: ['create'] } };
	return [
		...customerLocatorFields(show),
		...ifExistsFields(show),
		idempotencyKeyField(show),
		...lineFields(show),
		{
			displayName: 'Send by Email After Writing',
			name: 'sendAfterWrite',
			type: 'boolean',
			default: false,
			description:
				"Whether QuickBooks emails the document after it is created or updated, to its billing email (or the customer's). Without an address it is only written and the output says so.",
			displayOptions: show,
		},
		documentAdditionalFields(type, show),
	];
}

/** The parameters Create reads for every item. */
const CREATE_PARAMETERS = [...CUSTOMER_PARAMETERS, 'docNumber', 'idempotencyKey', ...LINE_PARAMETERS, 'additionalFields', 'ifExists', 'sendAfterWrite'];

/** Reads, validates and builds the draft of one item. */
export function readDraft(params: RunParameters, itemIndex: number, type: DocumentType): DocumentDraft {
	const draft: DocumentDraft = {
		itemIndex,
		customer: readCustomer(params, itemIndex),
		docNumber: readDocNumber(params, itemIndex) ?? docNumberFromKey(readIdempotencyKey(params.get('idempotencyKey', itemIndex, ''), (message) => inputError(params.ctx, itemIndex, 'idempotencyKey', message))),
		lines: readLines(params, itemIndex, true),
		...readHeader(params, itemIndex, type, 'additionalFields'),
	};
	checkDiscountFits(params, itemIndex, 'additionalFields', draft);
	return draft;
}

/**
 * Create for the whole run: validate every item first (nothing is written for a bad one), then
 * resolve customers and items with grouped queries and batch creates, then write the documents
 * idempotently by DocNumber.
 */
export function documentCreateExecute(type: DocumentType) {
	const { entity } = type;
	return async function (this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext): Promise<INodeExecutionData[]> {
		const params = new RunParameters(this, CREATE_PARAMETERS);
		return await runBatched(this, items, {
			read: (itemIndex) => readDraft(params, itemIndex, type),
			write: async (drafts, results) => {
				const checked = await checkReferences(this, run.cache, drafts, results);
				results.throwIfStopping();
				const resolved = await resolveDocuments(this, run.cache, checked, results);
				await writeDocuments(this, entity, resolved, (itemIndex) => params.get('ifExists', itemIndex) as IfExists, results);
				const toSend = resolved.map((doc) => doc.draft.itemIndex).filter((itemIndex) => params.get('sendAfterWrite', itemIndex, false));
				await sendWritten(this, entity, toSend, results);
			},
		});
	};
}
