import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { qboRead, qboRecordsIn } from './api';
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
 */
export async function raceWinner(
	ctx: IExecuteFunctions,
	entity: 'Customer' | 'Item',
	want: NamedWant,
	error: NodeApiError,
): Promise<IDataObject | undefined> {
	const nameField = entity === 'Item' ? 'Name' : 'DisplayName';
	const name = String(want.create?.[nameField] ?? want.value).trim();
	const isWanted = (record: IDataObject | undefined): boolean => !!record && sameRecord(record, entity, name, want);

	// "The name supplied already exists. : Id=NNN" names the holder: one read, when it is ours.
	const holderId = holderIdOf(error);
	if (holderId) {
		try {
			const holder = await qboRead.call(ctx, entity, holderId);
			if (isWanted(holder)) return holder;
		} catch {
			// The Id may be a vendor's or employee's (another table): look the name up instead.
		}
	}
	const byName = await qboRecordsIn.call(ctx, entity, nameField, [name]);
	return byName.find(isWanted);
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
