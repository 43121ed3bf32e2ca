import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { qboBatchWrite, qboFindIn } from './api';
import type { SyncCache } from './cache';
import { normaliseName } from './cache';
import { explainNameClash } from './nameClash';

/** One record wanted by an input item: found by `field` = `value`, created from `create` when missing. */
export interface NamedWant {
	field: NamedField;
	value: string;
	/** Body to create when nothing matches; undefined means "must exist". */
	create?: IDataObject;
}

export type NamedField = 'DisplayName' | 'PrimaryEmailAddr' | 'Name';

export interface NamedOutcome {
	record: IDataObject;
	created: boolean;
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

	const outcomes = await qboBatchWrite(
		ctx,
		creatable.map(([, want]) => ({ entity, operation: 'create' as const, body: want.create! })),
	);
	for (let index = 0; index < creatable.length; index++) {
		const [key, want] = creatable[index];
		const outcome = outcomes[index];
		if (outcome instanceof NodeApiError) {
			answers.set(key, await explainNameClash(ctx, entity, want, outcome));
			continue;
		}
		remember(cache, entity, outcome);
		answers.set(key, { record: outcome, created: true });
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
		const records = await qboFindIn(ctx, entity, field, fieldWants.map((want) => want.value.trim()));
		for (const record of records) remember(cache, entity, record);
		for (const want of fieldWants) {
			const match = pickMatch(records, field, want.value);
			if (match) answers.set(wantKey(want), { record: match, created: false });
		}
	}
}

/** Exact spelling first, then QuickBooks' case-insensitive equality. */
function pickMatch(records: IDataObject[], field: NamedField, value: string): IDataObject | undefined {
	const exact = records.find((record) => valueOf(record, field) === value.trim());
	return exact ?? records.find((record) => normaliseName(valueOf(record, field) ?? '') === normaliseName(value));
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
