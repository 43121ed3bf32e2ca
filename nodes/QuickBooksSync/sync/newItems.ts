import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { qboQueryRecords } from './api';
import { QboQuery } from '../../shared/transport';
import type { SyncCache } from './cache';
import type { NamedWant } from './findOrCreate';

/** Income account placeholder of a new item, filled in once the run's default account is known. */
export const DEFAULT_INCOME_ACCOUNT = '__default__';

/** The first active income account, the default when the user picked none; loaded once per run. */
export async function defaultIncomeAccountId(ctx: IExecuteFunctions, cache: SyncCache): Promise<string> {
	return await cache.once('defaultIncomeAccount', async () => {
		const accounts = await qboQueryRecords.call(ctx, QboQuery.from('Account').where('AccountType', '=', 'Income').orderBy('Id'), { limit: 1 });
		if (!accounts[0]) {
			throw new NodeOperationError(ctx.getNode(), 'The company has no active income account for new products/services', {
				description: 'Pick an Income Account under New Item Settings, or create an income account in QuickBooks.',
			});
		}
		return String(accounts[0].Id);
	});
}

/** Items created without a chosen income account get the company's first income account. */
export async function fillDefaultAccount(ctx: IExecuteFunctions, cache: SyncCache, creating: NamedWant[]): Promise<void> {
	const waiting = creating.filter((want) => (want.create?.IncomeAccountRef as IDataObject | undefined)?.value === DEFAULT_INCOME_ACCOUNT);
	if (waiting.length === 0) return;
	const account = await defaultIncomeAccountId(ctx, cache);
	for (const want of waiting) (want.create!.IncomeAccountRef as IDataObject).value = account;
}
