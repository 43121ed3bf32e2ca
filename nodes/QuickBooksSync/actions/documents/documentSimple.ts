import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { entityPath, qboRead } from '../../sync/api';
import { qboRequest } from '../../../shared/transport';
import { deleteOrVoidOnce } from '../../sync/exactlyOnce';
import type { FilterSpec } from '../common/getMany';
import { equalsFilter, getManyExecute, getManyFields, txnDateFilter, UPDATED_SINCE } from '../common/getMany';
import { recordLocator } from '../common/locators';
import { runEachItem } from '../common/results';
import { toId } from '../common/validation';

/** The document locator shared by Get, Delete, Void, Send and Download PDF. */
export function documentIdDescription(resource: string, label: string, searchListMethod: string, operations: string[]): INodeProperties {
	return recordLocator('documentId', label, searchListMethod, { show: { resource: [resource], operation: operations } });
}

function documentId(ctx: IExecuteFunctions, itemIndex: number): string {
	return toId(ctx, itemIndex, 'documentId', ctx.getNodeParameter('documentId', itemIndex, '', { extractValue: true }));
}

/** Get: one document per item. */
export function documentGetExecute(entity: string) {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await runEachItem(this, items, async (itemIndex) => await qboRead.call(this, entity, documentId(this, itemIndex), itemIndex));
	};
}

/** Delete or void: reads the SyncToken, then posts the operation. */
export function documentWriteOperationExecute(entity: string, operation: 'delete' | 'void') {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await runEachItem(this, items, async (itemIndex, results) => {
			const id = documentId(this, itemIndex);
			// Twins of one event at once: the one that finds the work done answers with it (sync/exactlyOnce.ts).
			const { answer, already } = await deleteOrVoidOnce(this, entity, id, operation, itemIndex);
			if (!already) results.noteWrite(itemIndex, `${operation === 'delete' ? 'deleted' : 'voided'} ${entity} ${id}`);
			const done = operation === 'delete' ? { ...answer, Id: id, deleted: true } : answer;
			return already ? { ...done, _action: operation === 'delete' ? 'alreadyDeleted' : 'alreadyVoided' } : done;
		});
	};
}

/** The optional address of Send. */
export function sendDescription(resource: string): INodeProperties[] {
	return [
		{
			displayName: 'Send To',
			name: 'sendTo',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: "Address to send to; empty uses the document's billing email",
			displayOptions: { show: { resource: [resource], operation: ['send'] } },
		},
	];
}

/** Send: QuickBooks emails the document with its own layout. */
export function documentSendExecute(entity: string) {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await runEachItem(this, items, async (itemIndex, results) => {
			const id = documentId(this, itemIndex);
			const sendTo = String(this.getNodeParameter('sendTo', itemIndex, '')).trim();
			const response = (await qboRequest.call(this, {
				method: 'POST',
				path: `${entityPath(entity)}/${id}/send`,
				qs: sendTo ? { sendTo } : {},
				// Intuit's send endpoint expects an empty octet-stream body, as its own SDKs send it.
				body: '',
				contentType: 'application/octet-stream',
				itemIndex,
			})) as IDataObject;
			results.noteWrite(itemIndex, `sent ${entity} ${id}`);
			return (response[entity] ?? response) as IDataObject;
		});
	};
}

/** The binary property of Download PDF. */
export function pdfDescription(resource: string): INodeProperties[] {
	return [
		{
			displayName: 'Put Output File in Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			hint: 'The name of the output binary field to put the PDF in',
			displayOptions: { show: { resource: [resource], operation: ['downloadPdf'] } },
		},
	];
}

/** Download PDF: the document as n8n binary data. */
export function documentPdfExecute(entity: string) {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const output: INodeExecutionData[] = [];
		const results = await runEachItem(this, items, async (itemIndex) => {
			const id = documentId(this, itemIndex);
			const pdf = (await qboRequest.call(this, { method: 'GET', path: `${entityPath(entity)}/${id}/pdf`, binary: true, itemIndex })) as Buffer;
			const property = String(this.getNodeParameter('binaryPropertyName', itemIndex, 'data'));
			const binary = await this.helpers.prepareBinaryData(pdf, `${entity.toLowerCase()}-${id}.pdf`, 'application/pdf');
			output[itemIndex] = { json: { Id: id, entity, fileName: binary.fileName, size: pdf.length }, binary: { [property]: binary }, pairedItem: { item: itemIndex } };
			return { Id: id };
		});
		// Successful items carry their binary; error items (Continue On Fail) pass through as they are.
		return results.map((result) => {
			const index = (result.pairedItem as { item: number }).item;
			return result.json.error === undefined && output[index] ? output[index] : result;
		});
	};
}

/** Get Many filters of a sales document. */
export function documentFilters(): FilterSpec[] {
	return [
		equalsFilter('CustomerRef', 'Customer ID', 'customerId', 'Only documents of this customer'),
		equalsFilter('DocNumber', 'Document Number', 'docNumber', 'Only the document with this number'),
		txnDateFilter('>=', 'Transaction Date From', 'txnDateFrom'),
		txnDateFilter('<=', 'Transaction Date To', 'txnDateTo'),
		UPDATED_SINCE,
	];
}

/** Get Many of a sales document. */
export function documentGetManyDescription(resource: string): INodeProperties[] {
	return getManyFields(resource, documentFilters());
}

/** Get Many of a sales document. */
export function documentGetManyExecute(entity: string) {
	return getManyExecute(entity, documentFilters());
}
