import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { literalSearch, QboQuery, qboQueryPage } from '../../shared/transport';

const PAGE = 100;

/**
 * One page of a searchable list: the filter matched literally on `field` (LIKE on a wildcard-free
 * fragment, then an exact test), paginated with STARTPOSITION over the rows QuickBooks returned.
 */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	entity: string,
	field: string,
	label: (record: IDataObject) => string,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const start = Number(paginationToken ?? 1) || 1;
	const query = QboQuery.from(entity);
	const search = filter ? literalSearch('contains', filter) : undefined;
	if (search?.pattern !== undefined) query.where(field, 'LIKE', search.pattern);
	query.orderBy(field === 'DocNumber' ? 'MetaData.LastUpdatedTime' : field, field === 'DocNumber' ? 'DESC' : 'ASC');
	const response = await qboQueryPage.call(ctx, query.toString(start, PAGE));
	const rows = (response[entity] ?? []) as IDataObject[];
	const shown = search ? rows.filter((record) => search.matches(record[field])) : rows;
	return {
		results: shown.map((record) => ({ name: label(record), value: String(record.Id) })),
		paginationToken: rows.length === PAGE ? String(start + PAGE) : undefined,
	};
}

/** Customers by display name. */
export async function searchCustomers(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	return await searchPage(this, 'Customer', 'DisplayName', (c) => String(c.DisplayName), filter, token);
}

/** Products/services by name. */
export async function searchItems(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	return await searchPage(this, 'Item', 'Name', (i) => String(i.Name), filter, token);
}

/** A document's label: number, customer, total. */
function documentLabel(record: IDataObject): string {
	const customer = (record.CustomerRef as IDataObject | undefined)?.name ?? '';
	return `${String(record.DocNumber ?? record.Id)} — ${String(customer)} (${String(record.TotalAmt ?? '')})`;
}

/** Invoices by document number, newest first. */
export async function searchInvoices(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	return await searchPage(this, 'Invoice', 'DocNumber', documentLabel, filter, token);
}

/** Estimates by document number, newest first. */
export async function searchEstimates(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	return await searchPage(this, 'Estimate', 'DocNumber', documentLabel, filter, token);
}

/** Sales receipts by document number, newest first. */
export async function searchSalesReceipts(this: ILoadOptionsFunctions, filter?: string, token?: string): Promise<INodeListSearchResult> {
	return await searchPage(this, 'SalesReceipt', 'DocNumber', documentLabel, filter, token);
}

/** Payments, newest first (payments have no searchable number). */
export async function searchPayments(this: ILoadOptionsFunctions, _filter?: string, token?: string): Promise<INodeListSearchResult> {
	const start = Number(token ?? 1) || 1;
	const response = await qboQueryPage.call(this, QboQuery.from('Payment').orderBy('TxnDate', 'DESC').toString(start, PAGE));
	const rows = (response.Payment ?? []) as IDataObject[];
	return {
		results: rows.map((p) => ({
			name: `${String(p.TxnDate)} — ${String((p.CustomerRef as IDataObject | undefined)?.name ?? '')} (${String(p.TotalAmt)})`,
			value: String(p.Id),
		})),
		paginationToken: rows.length === PAGE ? String(start + PAGE) : undefined,
	};
}
