import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { SyncCache } from '../sync/cache';
import { asNodeError } from '../../shared/transport';
import { simplifyOutput } from './common/simplify';
import type { OperationModule, RunContext } from './types';
import { RunResults } from './common/results';
import * as company from './company';
import * as customer from './customer';
import * as estimate from './estimate';
import * as invoice from './invoice';
import * as item from './item';
import * as other from './other';
import * as payment from './payment';
import * as salesReceipt from './salesReceipt';

/** Every resource and the operations it offers; the keys are the parameter values. */
export const resources = {
	company: { getInfo: company.getInfo, getPreferences: company.getPreferences },
	customer: {
		create: customer.create,
		find: customer.find,
		findOrCreate: customer.findOrCreate,
		get: customer.get,
		getAll: customer.getAll,
		makeInactive: customer.makeInactive,
		update: customer.update,
	},
	estimate: {
		accept: estimate.accept,
		close: estimate.close,
		convertToInvoice: estimate.convertToInvoice,
		create: estimate.create,
		delete: estimate.deleteEstimate,
		downloadPdf: estimate.downloadPdf,
		get: estimate.get,
		getAll: estimate.getAll,
		reject: estimate.reject,
		send: estimate.send,
		update: estimate.update,
	},
	invoice: {
		create: invoice.create,
		delete: invoice.deleteInvoice,
		downloadPdf: invoice.downloadPdf,
		get: invoice.get,
		getAll: invoice.getAll,
		send: invoice.send,
		update: invoice.update,
		void: invoice.voidInvoice,
	},
	item: {
		create: item.create,
		find: item.find,
		findOrCreate: item.findOrCreate,
		get: item.get,
		getAll: item.getAll,
		update: item.update,
	},
	other: { apiRequest: other.apiRequest, query: other.query },
	payment: {
		create: payment.create,
		delete: payment.deletePayment,
		get: payment.get,
		getAll: payment.getAll,
		markInvoicePaid: payment.markInvoicePaid,
		void: payment.voidPayment,
	},
	salesReceipt: {
		create: salesReceipt.create,
		delete: salesReceipt.deleteSalesReceipt,
		downloadPdf: salesReceipt.downloadPdf,
		get: salesReceipt.get,
		getAll: salesReceipt.getAll,
		send: salesReceipt.send,
		update: salesReceipt.update,
		void: salesReceipt.voidSalesReceipt,
	},
} satisfies Record<string, Record<string, OperationModule>>;

export type Resource = keyof typeof resources;

/** Hands the whole run to the chosen operation; every operation returns one result per item. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as Resource;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = resources[resource] as Record<string, OperationModule> | undefined;
	const chosen = operations?.[operation];
	if (!chosen) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const run: RunContext = { cache: new SyncCache() };
	let output: INodeExecutionData[];
	try {
		output = await chosen.execute.call(this, items, run);
	} catch (error) {
		// A failure of the whole run (e.g. the credential revoked while the company's tax codes are read):
		// with Continue On Fail, n8n would pass the input items on as if they had succeeded, so each item
		// gets the error instead.
		if (!this.continueOnFail()) throw asNodeError(this.getNode(), error);
		const results = new RunResults(this, items.length);
		items.forEach((_item, itemIndex) => results.fail(itemIndex, error));
		return [results.toOutput()];
	}
	return [simplifyOutput(this, resource, operation, output)];
}
