import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { declaredCustomFields } from '../sync/customFields';
import { QboQuery, qboQueryAll, qboRequest } from '../../shared/transport';

/** Options from a query, sorted by name. */
async function optionsOf(
	ctx: ILoadOptionsFunctions,
	query: QboQuery,
	label: (record: IDataObject) => string = (record) => String(record.FullyQualifiedName ?? record.Name),
): Promise<INodePropertyOptions[]> {
	const rows = (await qboQueryAll.call(ctx, query)) as IDataObject[];
	return rows
		.map((record) => ({ name: label(record), value: String(record.Id) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Income accounts (for new products/services). */
export async function getIncomeAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, QboQuery.from('Account').where('AccountType', '=', 'Income'));
}

/** Cost of goods sold accounts (inventory items). */
export async function getExpenseAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, QboQuery.from('Account').where('AccountType', '=', 'Cost of Goods Sold'));
}

/** Other current asset accounts (inventory asset). */
export async function getAssetAccounts(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, QboQuery.from('Account').where('AccountType', '=', 'Other Current Asset'));
}

/** Sales tax codes of the company (e.g. TAX/NON in the US, HST ON in Canada). */
export async function getTaxCodes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, QboQuery.from('TaxCode'), (code) =>
		code.Description ? `${String(code.Name)} — ${String(code.Description)}` : String(code.Name),
	);
}

/** Payment terms (Net 30, …). */
export async function getTerms(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, QboQuery.from('Term'));
}

/** Payment methods (Cash, Check, …). */
export async function getPaymentMethods(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, QboQuery.from('PaymentMethod'));
}

/** Classes (class tracking). */
export async function getClasses(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	return await optionsOf(this, QboQuery.from('Class'));
}

/** Products/services, for line items picked from a list. */
export async function getItems(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	// Categories (and group bundles) cannot stand on a sales line: QuickBooks refuses them (6000).
	return await optionsOf(this, QboQuery.from('Item').whereIn('Type', ['Service', 'NonInventory', 'Inventory']));
}

/** The sales-form custom fields declared in the company's preferences (by name: what lines map to). */
export async function getCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const response = (await qboRequest.call(this, { method: 'GET', path: '/preferences' })) as IDataObject;
	return declaredCustomFields(response).map((field) => ({ name: field.name, value: field.name }));
}
