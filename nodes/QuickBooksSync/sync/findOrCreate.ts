import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { qboBatchWrite, qboRecordsIn } from './api';
import type { SyncCache } from './cache';
import { normaliseName } from './cache';
import { describeHolder, explainNameClash, faultCode } from './nameClash';
import { raceWinners } from './nameRace';

/** One record wanted by an input item: found by `field` = `value`, created from `create` when missing. */
export interface NamedWant {
	field: NamedField;
	value: string;
	/** Body to create when nothing matches; undefined means "must exist". */
	create?: IDataObject;
	/** When a vendor/employee holds the name (6240), use name + suffix instead (found or created). */
	clashSuffix?: string;
}

export type NamedField = 'DisplayName' | 'PrimaryEmailAddr' | 'Name';

export interface NamedOutcome {
	record: IDataObject;
	created: boolean;
	/** Set when the wanted name was taken and the suffixed one was used: who holds the name. */
	nameTakenBy?: string;
}

export type NamedResult = NamedOutcome | NodeApiError | NodeOperationError;

/** Where a field's value sits in a QuickBooks record. */
function valueOf(record: IDataObject, field: NamedField): string | undefined {
	if (field === 'PrimaryEmailAddr') return (record.PrimaryEmailAddr as IDataObject | undefined)?.Address as string | undefined;
	return record[field] as string | undefined;
}

/** The key under which a want is answered: field + normalised value. */
export function wantKey(want: Pick<NamedWant, 'field' | 'value'>): string {
	return `${want.field}\u0000${normaliseName(want.value)}`;
}

/**
 * Resolves every wanted Customer/Item of a whole run: one grouped IN query per field (the
 * transport splits long lists), then the missing ones created through the batch endpoint (≤ 30
 * per request), each distinct name once. Answers by `wantKey`.
 */
export async function findOrCreateNamed(
	ctx: IExecuteFunctions,
	cache: SyncCache,
	entity: 'Customer' | 'Item',
	wants: NamedWant[],
	beforeCreate?: (creating: NamedWant[]) => Promise<void>,
): Promise<Map<string, NamedResult>> {
	const answers = new Map<string, NamedResult>();
	const distinct = new Map<string, NamedWant>();
	for (const want of wants) {
		const key = wantKey(want);
		const cached = cache.get(entity, want.field, want.value);
		if (cached) answers.set(key, { record: cached, created: false });
		else if (!distinct.has(key)) distinct.set(key, want);
		// The first want that can create decides the body; later ones may only find.
		else if (want.create && !distinct.get(key)!.create) distinct.set(key, want);
	}

	await findExisting(ctx, cache, entity, [...distinct.values()], answers);

	const toCreate = [...distinct.entries()].filter(([key]) => !answers.has(key));
	const creatable = toCreate.filter(([, want]) => want.create);
	for (const [key, want] of toCreate) {
		if (!want.create) answers.set(key, notFound(ctx, entity, want));
	}
	if (creatable.length === 0) return answers;
	// Only now is it known that something will be created (e.g. load the default income account).
	if (beforeCreate) await beforeCreate(creatable.map(([, want]) => want));

	const outcomes = await qboBatchWrite.call(
		ctx,
		creatable.map(([, want]) => ({ entity, operation: 'create' as const, body: want.create! })),
	);
	// Lost races for a name (6240): the winners' records are the ones these items wanted (nameRace.ts),
	// read for the whole run at once.
	const lost = creatable.flatMap(([key, want], index) => {
		const outcome = outcomes[index];
		return outcome instanceof NodeApiError && faultCode(outcome) === '6240' ? [{ key, want, error: outcome }] : [];
	});
	const winners = lost.length > 0 ? await raceWinners(ctx, entity, lost) : [];
	const winnerOf = new Map(lost.map(({ key }, index) => [key, winners[index]]));

	const retries: Array<[string, NamedWant]> = [];
	for (let index = 0; index < creatable.length; index++) {
		const [key, want] = creatable[index];
		const outcome = outcomes[index];
		if (outcome instanceof NodeApiError) {
			const winner = winnerOf.get(key);
			if (winner) {
				remember(cache, entity, winner);
				answers.set(key, { record: winner, created: false });
				continue;
			}
			if (want.clashSuffix && entity === 'Customer' && faultCode(outcome) === '6240') retries.push([key, want]);
			else answers.set(key, await explainNameClash(ctx, entity, want, outcome));
			continue;
		}
		remember(cache, entity, outcome);
		answers.set(key, { record: outcome, created: true });
	}
	if (retries.length > 0) {
		// One more grouped round for the suffixed names (no suffix on the retry: it cannot loop).
		const renamed: NamedWant[] = retries.map(([, want]) => {
			const name = `${String(want.create!.DisplayName ?? want.value).trim()}${want.clashSuffix}`;
			// Found by email, the customer keeps its email key; found by name, it is now known by the new name.
			return { field: want.field, value: want.field === 'DisplayName' ? name : want.value, create: { ...want.create, DisplayName: name } };
		});
		const second = await findOrCreateNamed(ctx, cache, entity, renamed, beforeCreate);
		for (let index = 0; index < retries.length; index++) {
			const [key, want] = retries[index];
			const answer = second.get(wantKey(renamed[index]))!;
			const takenName = String(want.create!.DisplayName ?? want.value).trim();
			// The run reports who holds the name, so a person can see why the customer has the suffix.
			answers.set(key, answer instanceof Error ? answer : { ...answer, nameTakenBy: await describeHolder(ctx, entity, takenName) });
		}
	}
	return answers;
}

/** One IN query per field for the names this execution has not seen yet. */
async function findExisting(
	ctx: IExecuteFunctions,
	cache: SyncCache,
	entity: string,
	wants: NamedWant[],
	answers: Map<string, NamedResult>,
): Promise<void> {
	const byField = new Map<NamedField, NamedWant[]>();
	for (const want of wants) byField.set(want.field, [...(byField.get(want.field) ?? []), want]);

	for (const [field, fieldWants] of byField) {
		const values = fieldWants.flatMap((want) => [want.value.trim(), ...(suffixed(want) ? [suffixed(want)!] : [])]);
		const records = await qboRecordsIn.call(ctx, entity, field, values);
		for (const record of records) remember(cache, entity, record);
		const index = new RecordIndex(records, field);
		for (const want of fieldWants) {
			// A customer created earlier under the suffixed name is found again, never re-created.
			const match = index.pick(want.value) ?? (suffixed(want) ? index.pick(suffixed(want)!) : undefined);
			if (match) answers.set(wantKey(want), { record: match, created: false });
		}
	}
}

/** The name to use when the wanted one is taken by another kind of record. */
function suffixed(want: NamedWant): string | undefined {
	return want.clashSuffix && want.field === 'DisplayName' ? `${want.value.trim()}${want.clashSuffix}` : undefined;
}

/**
 * The records of a look-up by their field's value, built once (matching each want against every record
 * costs wants × records: 4 million comparisons for 2,000 customers). Picks the exact spelling first, then
 * QuickBooks' case-insensitive equality; among equals, the first record QuickBooks returned.
 */
class RecordIndex {
	private readonly exact = new Map<string, IDataObject>();

	private readonly normalised = new Map<string, IDataObject>();

	constructor(records: IDataObject[], field: NamedField) {
		for (const record of records) {
			const found = valueOf(record, field);
			if (found === undefined || found === null) continue;
			const value = String(found);
			if (!this.exact.has(value)) this.exact.set(value, record);
			const key = normaliseName(value);
			if (!this.normalised.has(key)) this.normalised.set(key, record);
		}
	}

	pick(value: string): IDataObject | undefined {
		return this.exact.get(value.trim()) ?? this.normalised.get(normaliseName(value));
	}
}

/** Caches a record under every key it can be asked by. */
function remember(cache: SyncCache, entity: string, record: IDataObject): void {
	for (const field of ['DisplayName', 'PrimaryEmailAddr', 'Name'] as NamedField[]) {
		const value = valueOf(record, field);
		if (value) cache.set(entity, field, value, record);
	}
}

function notFound(ctx: IExecuteFunctions, entity: string, want: NamedWant): NodeOperationError {
	const label = want.field === 'PrimaryEmailAddr' ? 'email' : want.field === 'Name' ? 'name' : 'display name';
	return new NodeOperationError(ctx.getNode(), `No active ${entity.toLowerCase()} has the ${label} "${want.value}"`, {
		description: `Turn on "Create ${entity} If Missing", or create the ${entity.toLowerCase()} in QuickBooks first.`,
	});
}
