import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { qboRecordsIn } from './api';
import { normaliseName } from './cache';
import type { NamedWant } from './findOrCreate';

/**
 * Names are QuickBooks' own lock: a second Customer (or Vendor, Employee) with a taken DisplayName,
 * or a second Item with a taken Name, is always refused with 6240. So when two executions find or
 * create the same new name at the same moment, exactly one create wins and the others get 6240.
 * For those, the 6240 is not a clash but the answer: the holder, when it is the same kind of record
 * with the wanted name (and email, when matched by email), IS the record they were looking for.
 * Only a holder of another kind (a vendor or employee for a customer) or an inactive one is a real
 * clash, left to nameClash.ts. Holds across n8n processes and credentials: nothing here is in memory.
 *
 * The losers of a run are settled together: one `Id IN (…)` query (per 1,000) for the holders the
 * 6240s name, then one name `IN (…)` query for those the Id did not settle, so two executions that
 * race for a thousand new customers spend two queries on it, not a thousand reads.
 * Answers one winner (or undefined: a real clash) per loser, in order.
 */
export async function raceWinners(
	ctx: IExecuteFunctions,
	entity: 'Customer' | 'Item',
	losers: Array<{ want: NamedWant; error: NodeApiError }>,
): Promise<Array<IDataObject | undefined>> {
	const nameField = entity === 'Item' ? 'Name' : 'DisplayName';
	const nameOf = (want: NamedWant) => String(want.create?.[nameField] ?? want.value).trim();
	const isWanted = (record: IDataObject | undefined, want: NamedWant): boolean => !!record && sameRecord(record, entity, nameOf(want), want);
	const winners: Array<IDataObject | undefined> = losers.map(() => undefined);

	// "The name supplied already exists. : Id=NNN" names the holder; it may be a vendor's or employee's
	// Id (another table), which the name look-up then settles.
	const holderIds = losers.map(({ error }) => holderIdOf(error));
	const ids = holderIds.filter((id): id is string => id !== undefined);
	const byId = new Map<string, IDataObject>();
	if (ids.length > 0) for (const record of await qboRecordsIn.call(ctx, entity, 'Id', ids)) byId.set(String(record.Id), record);
	losers.forEach(({ want }, index) => {
		const holder = holderIds[index] === undefined ? undefined : byId.get(holderIds[index]!);
		if (isWanted(holder, want)) winners[index] = holder;
	});

	const unsettled = losers.flatMap(({ want }, index) => (winners[index] ? [] : [{ want, index }]));
	if (unsettled.length === 0) return winners;
	const byName = await qboRecordsIn.call(ctx, entity, nameField, unsettled.map(({ want }) => nameOf(want)));
	for (const { want, index } of unsettled) winners[index] = byName.find((record) => isWanted(record, want));
	return winners;
}

/** The holder's Id from a 6240 Detail, when QuickBooks gave it. */
export function holderIdOf(error: NodeApiError): string | undefined {
	const errors = ((error.context ?? {}) as IDataObject).qboErrors as IDataObject[] | undefined;
	const text = [...(errors ?? []).map((entry) => `${String(entry.Detail ?? '')} ${String(entry.Message ?? '')}`), error.description ?? ''].join(' ');
	return /\bId\s*=\s*(\d+)/i.exec(text)?.[1];
}

/** An active record of the wanted kind, with the wanted name (and the wanted email when matched by email). */
function sameRecord(record: IDataObject, entity: 'Customer' | 'Item', name: string, want: NamedWant): boolean {
	if (record.Active === false) return false;
	const held = String((entity === 'Item' ? record.Name : record.DisplayName) ?? '');
	if (normaliseName(held) !== normaliseName(name)) return false;
	if (want.field !== 'PrimaryEmailAddr') return true;
	const email = String((record.PrimaryEmailAddr as IDataObject | undefined)?.Address ?? '');
	return normaliseName(email) === normaliseName(want.value);
}
