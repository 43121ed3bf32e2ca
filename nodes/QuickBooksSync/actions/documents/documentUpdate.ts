import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboBatchWrite, qboRead } from '../../sync/api';
import type { DocumentDraft, ResolvedDocument } from '../../sync/drafts';
import { checkReferences, resolveDocuments } from '../../sync/documents';
import { sparseUpdateOnce } from '../../sync/exactlyOnce';
import type { RunContext } from '../types';
import { customerLocatorFields } from '../common/customerLocator';
import { documentFieldOptions } from './documentFields';
import type { DocumentType } from './family';
import { updateFields } from '../common/fields';
import { lineFields } from '../common/lines';
import { recordLocator } from '../common/locators';
import { checkDiscountFits, CUSTOMER_PARAMETERS, LINE_PARAMETERS, readCustomer, readDocNumber, readHeader, readLines } from './readDocument';
import type { RunResults } from '../common/results';
import { runBatched } from '../common/results';
import { RunParameters } from '../common/runParameters';
import { inputError, toId } from '../common/validation';

/** The parameters Update reads for every item. */
const UPDATE_PARAMETERS = ['changeCustomer', ...CUSTOMER_PARAMETERS, 'docNumber', ...LINE_PARAMETERS, 'updateFields'];

/** The parameters of Update: the document, its customer (optional), new lines (optional), fields to change. */
export function documentUpdateDescription(type: DocumentType): INodeProperties[] {
	const show = { show: { resource: [type.resource], operation: ['update'] } };
	const label = type.name.toLowerCase();
	return [
		{ ...recordLocator('updateDocumentId', type.name, type.searchListMethod, show) },
		{
			displayName: 'Change Customer',
			name: 'changeCustomer',
			type: 'boolean',
			default: false,
			description: `Whether to move the ${label} to another customer, found (or created) like on Create; off keeps its customer. The node does not change the billing email or addresses: set Billing Email under Update Fields to change where it is sent.`,
			displayOptions: show,
		},
		...customerLocatorFields({ show: { ...show.show, changeCustomer: [true] } }),
		{
			displayName: 'Document Number',
			name: 'docNumber',
			type: 'string',
			default: '',
			description: 'New DocNumber (at most 21 characters); empty keeps the current one',
			displayOptions: show,
		},
		...lineFields(show).map((field) =>
			field.name === 'lines' ? { ...field, description: 'When lines are given they REPLACE all lines of the document; none keeps them' } : field,
		),
		updateFields(show, documentFieldOptions(type)),
	];
}

/** Sparse updates of the run's documents: references resolved for the whole run, writes batched. */
export function documentUpdateExecute(type: DocumentType) {
	const { entity } = type;
	return async function (this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext): Promise<INodeExecutionData[]> {
		const params = new RunParameters(this, UPDATE_PARAMETERS);
		const ids = new Map<number, string>();
		return await runBatched(this, items, {
			read: (itemIndex) => {
				ids.set(itemIndex, toId(this, itemIndex, 'updateDocumentId', this.getNodeParameter('updateDocumentId', itemIndex, '', { extractValue: true })));
				const draft: DocumentDraft = {
					itemIndex,
					customer: params.get('changeCustomer', itemIndex, false) ? readCustomer(params, itemIndex) : undefined,
					docNumber: readDocNumber(params, itemIndex),
					lines: readLines(params, itemIndex, false),
					...readHeader(params, itemIndex, type, 'updateFields'),
				};
				if (draft.lines.length === 0 && draft.discount) {
					throw inputError(this, itemIndex, 'updateFields.discountType', 'A discount can only be set together with the lines');
				}
				checkDiscountFits(params, itemIndex, 'updateFields', draft);
				return draft;
			},
			write: async (drafts, results) => {
				const checked = await checkReferences(this, run.cache, drafts, results);
				results.throwIfStopping();
				const resolved = await resolveDocuments(this, run.cache, checked, results);

				await updateResolved(this, entity, resolved, ids, results);
			},
		});
	};
}

/** Reads each resolved document's SyncToken, then writes the sparse updates in batches, exactly once. */
async function updateResolved(
	ctx: IExecuteFunctions,
	entity: string,
	resolved: ResolvedDocument[],
	ids: Map<number, string>,
	results: RunResults,
): Promise<void> {
	const writes: Array<{ itemIndex: number; body: IDataObject; created: string[] }> = [];
	for (const doc of resolved) {
		const { itemIndex } = doc.draft;
		try {
			const current = await qboRead.call(ctx, entity, ids.get(itemIndex)!, itemIndex);
			const body: IDataObject = { ...doc.body, Id: current.Id, SyncToken: current.SyncToken, sparse: true };
			// "Apply tax code to every line" without new lines re-taxes the current lines.
			if (!body.Line && doc.draft.taxCodeForAllLines) body.Line = retaxedLines(current, doc.draft.taxCodeForAllLines);
			writes.push({ itemIndex, body, created: doc.created });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	const answers = await qboBatchWrite.call(ctx, writes.map(({ itemIndex, body }) => ({ entity, operation: 'update', body, itemIndex })));
	for (const [index, { itemIndex, body, created }] of writes.entries()) {
		try {
			// Another execution may have written the document since we read it: the same change is not written twice.
			const answer = await sparseUpdateOnce(ctx, entity, body, { itemIndex }, answers[index]);
			results.noteWrite(itemIndex, `updated ${entity} ${String(answer.Id)}`);
			results.succeed(itemIndex, { ...answer, _action: 'updated', ...(created.length ? { _createdReferences: created } : {}) });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
}

/** The current lines with one tax code on every sales line (sub-total lines are recomputed by QuickBooks). */
function retaxedLines(current: IDataObject, taxCodeId: string): IDataObject[] {
	return ((current.Line ?? []) as IDataObject[])
		.filter((line) => line.DetailType !== 'SubTotalLineDetail')
		.map((line) => {
			if (line.DetailType !== 'SalesItemLineDetail') return line;
			const detail = { ...(line.SalesItemLineDetail as IDataObject), TaxCodeRef: { value: taxCodeId } };
			return { ...line, SalesItemLineDetail: detail };
		});
}
