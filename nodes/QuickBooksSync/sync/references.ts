import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { qboQueryRecords } from './api';
import { declaredCustomFields } from './customFields';
import { QboQuery, qboRequest } from '../../shared/transport';
import type { SyncCache } from './cache';
import { normaliseName } from './cache';

/** The company's tax codes, loaded once per execution; Ids and names both answer. */
export async function taxCodeIndex(ctx: IExecuteFunctions, cache: SyncCache): Promise<Map<string, string>> {
	return await cache.once('taxCodes', async () => {
		// Inactive codes are refused by QuickBooks, so only active ones are offered.
		const codes = await qboQueryRecords.call(ctx, QboQuery.from('TaxCode'));
		const index = new Map<string, string>();
		for (const code of codes) {
			index.set(String(code.Id), String(code.Id));
			index.set(normaliseName(String(code.Name)), String(code.Id));
		}
		// US companies also accept the pseudo codes TAX and NON on lines.
		for (const pseudo of ['TAX', 'NON']) if (!index.has(normaliseName(pseudo))) index.set(normaliseName(pseudo), pseudo);
		return index;
	});
}

/** The Id of a tax code given by Id or name, or undefined when the company has no such code. */
export function lookupTaxCode(index: Map<string, string>, given: string): string | undefined {
	return index.get(given) ?? index.get(normaliseName(given));
}

/** The sales custom fields the company declares, by normalised name → DefinitionId; loaded once. */
export async function customFieldIndex(ctx: IExecuteFunctions, cache: SyncCache): Promise<Map<string, { name: string; id: string }>> {
	return await cache.once('customFields', async () => {
		const response = await qboRequest.call(ctx, { method: 'GET', path: '/preferences' });
		const index = new Map<string, { name: string; id: string }>();
		for (const field of declaredCustomFields(response as IDataObject)) {
			index.set(normaliseName(field.name), { name: field.name, id: field.definitionId });
			index.set(field.definitionId, { name: field.name, id: field.definitionId });
		}
		return index;
	});
}
