import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { qboRecordsIn } from '../../sync/api';
import { customFieldsBody, discountLine, headerBody, ref } from '../../sync/bodies';
import type { IfExists } from '../../sync/documents';
import { checkReferences, writeDocuments } from '../../sync/documents';
import { billedEstimatesKey, linkedEstimates } from './estimateKey';
import type { DocumentDraft, ResolvedDocument } from '../../sync/drafts';
import { documentAdditionalFields } from '../documents/documentFields';
import { ifExistsFields } from '../common/ifExists';
import { recordLocator } from '../common/locators';
import type { DocumentType } from '../documents/family';
import { readDocNumber, readHeader } from '../documents/readDocument';
import type { RunResults } from '../common/results';
import { runBatched } from '../common/results';
import { RunParameters } from '../common/runParameters';
import { inputError, toId } from '../common/validation';
import type { OperationModule, RunContext } from '../types';
import { addMoney } from '../../sync/money';

const show = { show: { resource: ['estimate'], operation: ['convertToInvoice'] } };
const OPEN = ['Pending', 'Accepted'];

/** The parameters of Convert to Invoice; the header fields are those of the target type (the invoice). */
function convertDescription(target: DocumentType): INodeProperties[] {
	return [
		{
			displayName: 'Estimates',
			name: 'estimateSource',
			type: 'options',
			default: 'ids',
			description: 'Which estimates go into the ONE invoice made for each input item',
			displayOptions: show,
			options: [
				{ name: 'By IDs', value: 'ids', description: 'One or more estimate IDs' },
				{ name: 'All Open Estimates of a Customer', value: 'customer', description: 'Every pending or accepted estimate of the customer' },
			],
		},
		{
			displayName: 'Estimate IDs',
			name: 'estimateIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. 101, 102, 107',
			description: 'Comma-separated IDs (an array from an expression works too)',
			displayOptions: { show: { ...show.show, estimateSource: ['ids'] } },
		},
		recordLocator('estimateCustomerId', 'Customer', 'searchCustomers', { show: { ...show.show, estimateSource: ['customer'] } }),
		{
			displayName: 'When No Estimate Is Open',
			name: 'whenNoneOpen',
			type: 'options',
			default: 'error',
			description:
				'What to do when the customer has no pending or accepted estimate (e.g. a replayed "bill" request after the estimates were invoiced). An invoice with this Document Number that already exists is returned as skipped either way.',
			displayOptions: { show: { ...show.show, estimateSource: ['customer'] } },
			options: [
				{ name: 'Error', value: 'error', description: 'Fail the item' },
				{
					name: 'Output a "Nothing to Invoice" Item',
					value: 'output',
					description: 'Output {"_action": "nothingToInvoice", "customerId", "message"} and go on',
				},
			],
		},
		{
			displayName: 'Add a Line Naming Each Estimate',
			name: 'headingLines',
			type: 'boolean',
			default: true,
			description: "Whether each estimate's lines are preceded by a description line with its number and memo",
			displayOptions: show,
		},
		...ifExistsFields(show),
		documentAdditionalFields(target, show),
	];
}

/** Reads the estimate IDs of one item from a comma-separated string or an array. */
function readIds(ctx: IExecuteFunctions, itemIndex: number): string[] {
	const raw = ctx.getNodeParameter('estimateIds', itemIndex, '') as string | Array<string | number>;
	const list = Array.isArray(raw) ? raw.map(String) : String(raw).split(',');
	const ids = list.map((id) => id.trim()).filter(Boolean);
	if (ids.length === 0) throw inputError(ctx, itemIndex, 'estimateIds', 'No estimate ID was given');
	return [...new Set(ids.map((id) => toId(ctx, itemIndex, 'estimateIds', id)))];
}

/** The invoice lines carried over from one estimate: a heading line, then its own lines. */
function linesOf(estimate: IDataObject, heading: boolean): IDataObject[] {
	const lines: IDataObject[] = [];
	if (heading) {
		const memo = (estimate.CustomerMemo as IDataObject | undefined)?.value;
		const text = `Estimate ${String(estimate.DocNumber ?? estimate.Id)}${memo ? `: ${String(memo)}` : ''}`;
		lines.push({ DetailType: 'DescriptionOnly', Description: text, DescriptionLineDetail: {} });
	}
	for (const line of (estimate.Line ?? []) as IDataObject[]) {
		if (line.DetailType === 'SalesItemLineDetail') {
			const detail = { ...(line.SalesItemLineDetail as IDataObject) };
			// A tax-inclusive estimate stores the net; the invoice is sent the gross, as the estimate was.
			const amount = detail.TaxInclusiveAmt ?? line.Amount;
			delete detail.TaxInclusiveAmt;
			lines.push({ DetailType: 'SalesItemLineDetail', Amount: amount, Description: line.Description, SalesItemLineDetail: detail });
		} else if (line.DetailType === 'DescriptionOnly') {
			lines.push({ DetailType: 'DescriptionOnly', Description: line.Description, DescriptionLineDetail: {} });
		}
	}
	return lines;
}

/** Sum of the estimates' discounts, carried as one amount discount (QuickBooks allows one per invoice). */
function discountOf(estimates: IDataObject[]): number {
	const amounts = estimates.flatMap((estimate) =>
		((estimate.Line ?? []) as IDataObject[]).filter((line) => line.DetailType === 'DiscountLineDetail').map((line) => Number(line.Amount ?? 0)),
	);
	return addMoney(amounts);
}

/**
 * Turns one or many estimates into ONE invoice per item: each estimate's lines (after a line naming
 * it), LinkedTxn to every estimate so QuickBooks closes them. Estimates of the whole run are read
 * with grouped IN queries; the invoices are written exactly once, keyed by the estimates they bill (and by
 * Document Number when given), also against executions running at the same moment (estimateKey.ts).
 */
function convertExecute(target: DocumentType) {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[], run: RunContext): Promise<INodeExecutionData[]> {
		const wantedIds = new Map<number, string[]>();
		const wantedCustomers = new Map<number, string>();
		const params = new RunParameters(this, ['docNumber', 'additionalFields']);
		return await runBatched(this, items, {
			read: (itemIndex): DocumentDraft => {
				if (this.getNodeParameter('estimateSource', itemIndex) === 'ids') wantedIds.set(itemIndex, readIds(this, itemIndex));
				else {
					const customer = this.getNodeParameter('estimateCustomerId', itemIndex, '', { extractValue: true });
					wantedCustomers.set(itemIndex, toId(this, itemIndex, 'estimateCustomerId', customer));
				}
				return { itemIndex, lines: [], docNumber: readDocNumber(params, itemIndex), ...readHeader(params, itemIndex, target, 'additionalFields') };
			},
			write: async (drafts, results) => await invoiceEstimates(this, run, drafts, wantedIds, wantedCustomers, results),
		});
	};
}

/** Convert to Invoice, registered by ESTIMATE in catalog.ts: its invoice shows and reads the header fields of target (INVOICE). */
export function convertToInvoice(target: DocumentType): OperationModule {
	return { description: convertDescription(target), execute: convertExecute(target) };
}

/** The run's invoices from the estimates each item names (wantedIds) or its customer's open ones (wantedCustomers). */
async function invoiceEstimates(
	ctx: IExecuteFunctions,
	run: RunContext,
	drafts: DocumentDraft[],
	wantedIds: Map<number, string[]>,
	wantedCustomers: Map<number, string>,
	results: RunResults,
): Promise<void> {
	const byId = new Map<string, IDataObject>();
	const named: IDataObject[] = await qboRecordsIn.call(ctx, 'Estimate', 'Id', [...wantedIds.values()].flat());
	for (const estimate of named) byId.set(String(estimate.Id), estimate);
	const byCustomer = new Map<string, IDataObject[]>();
	const ofCustomers: IDataObject[] = await qboRecordsIn.call(ctx, 'Estimate', 'CustomerRef', [...new Set(wantedCustomers.values())]);
	for (const estimate of ofCustomers) {
		const customerId = String((estimate.CustomerRef as IDataObject).value);
		if (OPEN.includes(String(estimate.TxnStatus ?? 'Pending'))) byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), estimate]);
	}

	const checked = await checkReferences(ctx, run.cache, drafts, results);
	const documents: ResolvedDocument[] = [];
	const noneOpen: DocumentDraft[] = [];
	const closedOnly = new Set<number>();
	for (const draft of checked) {
		const { itemIndex } = draft;
		try {
			const estimates = wantedIds.has(itemIndex) ? pickByIds(ctx, itemIndex, wantedIds.get(itemIndex)!, byId) : byCustomer.get(wantedCustomers.get(itemIndex)!) ?? [];
			if (estimates.length > 0 && estimates.every((estimate) => estimate.TxnStatus === 'Closed')) closedOnly.add(itemIndex);
			if (estimates.length === 0) {
				noneOpen.push(draft);
				continue;
			}
			const customers = new Set(estimates.map((estimate) => String((estimate.CustomerRef as IDataObject).value)));
			if (customers.size > 1) throw inputError(ctx, itemIndex, 'estimateIds', `The estimates belong to ${customers.size} different customers; one invoice has one customer`);
			// Oldest first, so the invoice reads in the order the work was estimated.
			estimates.sort((a, b) => String(a.TxnDate).localeCompare(String(b.TxnDate)) || Number(a.Id) - Number(b.Id));
			const heading = ctx.getNodeParameter('headingLines', itemIndex, true) as boolean;
			const body: IDataObject = { CustomerRef: ref([...customers][0]), Line: estimates.flatMap((estimate) => linesOf(estimate, heading)) };
			const discount = discountOf(estimates);
			if (discount > 0) (body.Line as IDataObject[]).push(discountLine({ amount: discount }));
			body.LinkedTxn = estimates.map((estimate) => ({ TxnId: String(estimate.Id), TxnType: 'Estimate' }));
			if (estimates[0].GlobalTaxCalculation) body.GlobalTaxCalculation = estimates[0].GlobalTaxCalculation;
			Object.assign(body, headerBody(draft.header));
			if (draft.docNumber) body.DocNumber = draft.docNumber;
			if (draft.customFields.length) body.CustomField = customFieldsBody(draft.customFields);
			if (draft.taxCodeForAllLines) {
				for (const line of body.Line as IDataObject[]) {
					if (line.DetailType === 'SalesItemLineDetail') (line.SalesItemLineDetail as IDataObject).TaxCodeRef = ref(draft.taxCodeForAllLines);
				}
			}
			documents.push({ draft, body, created: [] });
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	await settleNoneOpen(ctx, noneOpen, wantedCustomers, results);
	const billable = await withoutUnbilledClosed(ctx, documents, closedOnly, results);
	await writeDocuments(ctx, 'Invoice', billable, (itemIndex) => ctx.getNodeParameter('ifExists', itemIndex) as IfExists, results, billedEstimatesKey);
}

/**
 * Items whose customer has no open estimate left. An invoice already written under the item's
 * Document Number (with "Skip") means a replay: it is returned as skipped. Otherwise the item fails,
 * or says "nothing to invoice" when asked to, so a replayed "bill" request is a visible no-op.
 */
async function settleNoneOpen(ctx: IExecuteFunctions, drafts: DocumentDraft[], customers: Map<number, string>, results: RunResults): Promise<void> {
	const skippable = drafts.filter((draft) => draft.docNumber && ctx.getNodeParameter('ifExists', draft.itemIndex) === 'skip');
	const existing = new Map<string, IDataObject>();
	if (skippable.length > 0) {
		const invoices: IDataObject[] = await qboRecordsIn.call(ctx, 'Invoice', 'DocNumber', skippable.map((draft) => draft.docNumber!));
		for (const invoice of invoices) {
			existing.set(String(invoice.DocNumber).toLowerCase(), invoice);
		}
	}
	for (const draft of drafts) {
		const { itemIndex } = draft;
		const found = skippable.includes(draft) ? existing.get(draft.docNumber!.toLowerCase()) : undefined;
		const customerId = customers.get(itemIndex)!;
		const message = `Customer ${customerId} has no open estimate`;
		if (found) results.succeed(itemIndex, { ...found, _action: 'skipped' });
		else if (ctx.getNodeParameter('whenNoneOpen', itemIndex, 'error') === 'output') {
			results.succeed(itemIndex, { _action: 'nothingToInvoice', customerId, message: `${message}: nothing to invoice` });
		} else results.fail(itemIndex, inputError(ctx, itemIndex, 'estimateCustomerId', message));
	}
}

/**
 * The estimates named by ID, each existing and still open — or all of them Closed, which is how a
 * replay (or a racing execution) finds them once the invoice was made: withoutUnbilledClosed looks for it.
 */
function pickByIds(ctx: IExecuteFunctions, itemIndex: number, ids: string[], byId: Map<string, IDataObject>): IDataObject[] {
	const estimates = ids.map((id) => {
		const estimate = byId.get(id);
		if (!estimate) throw inputError(ctx, itemIndex, 'estimateIds', `Estimate ${id} does not exist`);
		return estimate;
	});
	if (estimates.every((estimate) => estimate.TxnStatus === 'Closed')) return estimates;
	for (const estimate of estimates) {
		const status = String(estimate.TxnStatus ?? 'Pending');
		if (!OPEN.includes(status)) throw closedError(ctx, itemIndex, estimate);
	}
	return estimates;
}

function closedError(ctx: IExecuteFunctions, itemIndex: number, estimate: IDataObject) {
	const status = String(estimate.TxnStatus ?? 'Pending');
	return inputError(ctx, itemIndex, 'estimateIds', `Estimate ${String(estimate.Id)} is ${status}; only pending or accepted estimates can be invoiced`);
}

/**
 * Documents whose estimates are all Closed go on only when one invoice already bills every one of them
 * (then "If It Already Exists" decides); otherwise they were closed by something else and the item fails.
 */
async function withoutUnbilledClosed(ctx: IExecuteFunctions, documents: ResolvedDocument[], closedOnly: Set<number>, results: RunResults): Promise<ResolvedDocument[]> {
	const closed = documents.filter((doc) => closedOnly.has(doc.draft.itemIndex));
	if (closed.length === 0) return documents;
	const held = await billedEstimatesKey.holders(ctx, 'Invoice', closed);
	return documents.filter((doc) => {
		if (!closedOnly.has(doc.draft.itemIndex) || (held.get(doc.draft.itemIndex) ?? []).length > 0) return true;
		const first = linkedEstimates(doc.body)[0];
		results.fail(doc.draft.itemIndex, closedError(ctx, doc.draft.itemIndex, { Id: first, TxnStatus: 'Closed' }));
		return false;
	});
}
