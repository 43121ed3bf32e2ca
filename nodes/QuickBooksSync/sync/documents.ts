import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { qboBatchWrite, qboWrite } from './api';
import { documentBody, lineBody } from './bodies';
import type { SyncCache } from './cache';
import type { DocumentDraft, ResolvedDocument } from './drafts';
import type { DocumentKey } from './exactlyOnce';
import { byDocNumber, oldest, settleCreates, sparseUpdateOnce } from './exactlyOnce';
import type { NamedResult, NamedWant } from './findOrCreate';
import { findOrCreateNamed, wantKey } from './findOrCreate';
import { fillDefaultAccount } from './newItems';
import type { ItemOutcomes } from './outcomes';
import { InputProblem } from './outcomes';
import { customFieldIndex, lookupTaxCode, taxCodeIndex } from './references';

/** QuickBooks keeps at most 31 characters in a sales custom field. */
const CUSTOM_FIELD_MAX = 31;

/**
 * Checks what can be checked before any write, for the whole run: tax codes exist, custom fields
 * are declared. Bad drafts fail their item; the good ones come back.
 */
export async function checkReferences(
	ctx: IExecuteFunctions,
	cache: SyncCache,
	drafts: DocumentDraft[],
	results: ItemOutcomes,
): Promise<DocumentDraft[]> {
	const needsTax = drafts.some((draft) => draft.taxCodeForAllLines || draft.lines.some((line) => line.taxCode));
	const needsFields = drafts.some((draft) => draft.customFields.length > 0);
	const taxCodes = needsTax ? await taxCodeIndex(ctx, cache) : new Map<string, string>();
	const fields = needsFields ? await customFieldIndex(ctx, cache) : new Map<string, { name: string; id: string }>();
	const good: DocumentDraft[] = [];
	for (const draft of drafts) {
		try {
			const unknown = (parameter: string, code: string) =>
				new InputProblem(draft.itemIndex, parameter, `Unknown tax code "${code}"`, `The company's tax codes are: ${[...new Set(taxCodes.values())].join(', ')}.`);
			if (draft.taxCodeForAllLines) {
				const id = lookupTaxCode(taxCodes, draft.taxCodeForAllLines);
				if (!id) throw unknown('additionalFields.taxCodeForAllLines', draft.taxCodeForAllLines);
				draft.taxCodeForAllLines = id;
			}
			draft.lines.forEach((line, index) => {
				if (!line.taxCode) return;
				const id = lookupTaxCode(taxCodes, line.taxCode);
				if (!id) throw unknown(`lines[${index}].taxCodeId`, line.taxCode);
				line.taxCode = id;
			});
			for (const field of draft.customFields) {
				const declared = fields.get(field.name) ?? fields.get(field.name.trim().toLowerCase());
				if (!declared) {
					const names = [...new Set([...fields.values()].map((f) => f.name))].join(', ') || 'none';
					throw new InputProblem(draft.itemIndex, 'additionalFields.customFields', `The company declares no custom field "${field.name}" (declared: ${names})`);
				}
				if ([...field.value].length > CUSTOM_FIELD_MAX) {
					throw new InputProblem(draft.itemIndex, 'additionalFields.customFields', `Custom field "${declared.name}" holds at most ${CUSTOM_FIELD_MAX} characters`);
				}
				field.name = declared.id;
			}
			good.push(draft);
		} catch (error) {
			results.fail(draft.itemIndex, error);
		}
	}
	return good;
}

/**
 * Resolves the customers and items of every draft in the run: grouped IN queries, batch creates,
 * each distinct name once. Drafts whose references fail are failed; the rest become bodies.
 */
export async function resolveDocuments(
	ctx: IExecuteFunctions,
	cache: SyncCache,
	drafts: DocumentDraft[],
	results: ItemOutcomes,
): Promise<ResolvedDocument[]> {
	const customerWants = drafts.flatMap((draft) => (draft.customer && 'want' in draft.customer ? [draft.customer.want] : []));
	const itemWants = drafts.flatMap((draft) => draft.lines.flatMap((line) => (line.itemWant ? [line.itemWant] : [])));
	const customers = customerWants.length ? await findOrCreateNamed(ctx, cache, 'Customer', customerWants) : new Map<string, NamedResult>();
	const items = itemWants.length
		? await findOrCreateNamed(ctx, cache, 'Item', itemWants, async (creating) => await fillDefaultAccount(ctx, cache, creating))
		: new Map<string, NamedResult>();
	const announced = new Set<string>();

	const resolved: ResolvedDocument[] = [];
	for (const draft of drafts) {
		const created: string[] = [];
		const pick = (want: NamedWant, answers: Map<string, NamedResult>, entity: string): IDataObject => {
			const answer = answers.get(wantKey(want));
			if (!answer) throw new NodeOperationError(ctx.getNode(), `No answer for ${entity} "${want.value}"`, { itemIndex: draft.itemIndex });
			if (answer instanceof Error) throw answer;
			const key = `${entity}:${wantKey(want)}`;
			if (answer.created && !announced.has(key)) {
				announced.add(key);
				created.push(`${entity} ${String(answer.record.Id)} "${want.value}"`);
				results.noteWrite(draft.itemIndex, `created ${entity} ${String(answer.record.Id)}`);
			}
			return answer.record;
		};
		try {
			const choice = draft.customer;
			const customerId = !choice ? undefined : 'id' in choice ? choice.id : String(pick(choice.want, customers, 'Customer').Id);
			const lines = draft.lines.map((line) => lineBody(line, line.itemWant ? String(pick(line.itemWant, items, 'Item').Id) : line.itemId, draft));
			resolved.push({ draft, body: documentBody(draft, customerId, lines), created });
		} catch (error) {
			results.fail(draft.itemIndex, error);
		}
	}
	return resolved;
}

export type IfExists = 'skip' | 'update' | 'createAnyway' | 'error';

/** Output of a written document: the document plus what this run did. */
function output(record: IDataObject, action: string, created: string[]): IDataObject {
	return { ...record, _action: action, ...(created.length ? { _createdReferences: created } : {}) };
}

/**
 * Writes the run's documents idempotently: ONE grouped read finds the documents that already hold
 * each business key (DocNumber by default), then "if it exists" decides per item; creates and updates
 * go through the batch endpoint. Creates are then settled against concurrent executions (exactlyOnce.ts).
 */
export async function writeDocuments(
	ctx: IExecuteFunctions,
	entity: string,
	documents: ResolvedDocument[],
	ifExists: (itemIndex: number) => IfExists,
	results: ItemOutcomes,
	key: DocumentKey = byDocNumber,
): Promise<void> {
	const heldBefore = await key.holders(ctx, entity, documents.filter((doc) => key.has(doc)));
	const existing = new Map<string, IDataObject>();

	const batch: Array<{ doc: ResolvedDocument; operation: 'create' | 'update'; body: IDataObject; action: string }> = [];
	const single: Array<{ doc: ResolvedDocument; body: IDataObject }> = [];
	const later: ResolvedDocument[] = [];
	const firstInRun = new Set<string>();
	for (const doc of documents) {
		const { itemIndex, docNumber } = doc.draft;
		const mode = ifExists(itemIndex);
		const numberKey = docNumber?.toLowerCase();
		const found = oldest(heldBefore.get(itemIndex) ?? []);
		if (numberKey && found) existing.set(numberKey, found);
		if (numberKey && !found && firstInRun.has(numberKey) && mode !== 'createAnyway') {
			// The same number twice in one run: wait for the first, then treat it as existing.
			later.push(doc);
			continue;
		}
		if (numberKey) firstInRun.add(numberKey);
		if (!found) {
			batch.push({ doc, operation: 'create', body: doc.body, action: 'created' });
		} else if (mode === 'update') {
			batch.push({ doc, operation: 'update', body: { ...doc.body, Id: found.Id, SyncToken: found.SyncToken, sparse: true }, action: 'updated' });
		} else if (mode === 'createAnyway') {
			single.push({ doc, body: doc.body });
		} else {
			await settleExisting(ctx, entity, doc, found, mode, results);
		}
	}

	const answers = await qboBatchWrite.call(
		ctx,
		batch.map(({ doc, operation, body }) => ({ entity, operation, body, itemIndex: doc.draft.itemIndex, itemLabel: doc.draft.docNumber })),
	);
	const raced: Array<{ doc: ResolvedDocument; answer: IDataObject | NodeApiError }> = [];
	for (const [index, { doc, operation, body, action }] of batch.entries()) {
		const answer = answers[index];
		const { itemIndex, docNumber } = doc.draft;
		if (operation === 'create' && key.has(doc) && ifExists(itemIndex) !== 'createAnyway') {
			raced.push({ doc, answer });
			continue;
		}
		try {
			const record = operation === 'update' ? await sparseUpdateOnce(ctx, entity, body, { itemIndex, itemLabel: docNumber }, answer) : answer;
			settle(results, entity, doc, action, record);
			if (!(record instanceof NodeApiError) && docNumber) existing.set(docNumber.toLowerCase(), record);
		} catch (error) {
			results.fail(itemIndex, error);
		}
	}
	const outcomes = await settleCreates(ctx, entity, raced, key);
	for (const [index, { doc }] of raced.entries()) {
		const outcome = outcomes[index];
		const { itemIndex, docNumber } = doc.draft;
		if ('failed' in outcome) {
			results.fail(itemIndex, outcome.failed);
			continue;
		}
		const record = 'won' in outcome ? outcome.won : outcome.lost;
		if (docNumber) existing.set(docNumber.toLowerCase(), record);
		if ('won' in outcome) settle(results, entity, doc, 'created', record);
		// Another execution created it a moment before us: "already exists", as configured.
		else await settleExisting(ctx, entity, doc, record, ifExists(itemIndex), results);
	}

	for (const { doc, body } of single) {
		try {
			const record = await qboWrite.call(ctx, entity, body, { include: 'allowduplicatedocnum', itemIndex: doc.draft.itemIndex, itemLabel: doc.draft.docNumber });
			settle(results, entity, doc, 'createdDuplicate', record);
		} catch (error) {
			results.fail(doc.draft.itemIndex, error);
		}
	}

	for (const doc of later) {
		const { itemIndex, docNumber } = doc.draft;
		const found = existing.get(docNumber!.toLowerCase());
		if (!found) {
			results.fail(itemIndex, new NodeOperationError(ctx.getNode(), `Document Number "${docNumber}" appears earlier in this run and that document failed`, { itemIndex }));
			continue;
		}
		const record = await settleExisting(ctx, entity, doc, found, ifExists(itemIndex), results);
		if (record) existing.set(docNumber!.toLowerCase(), record);
	}
}

/** An item whose document already exists: skipped, failed, or the existing one updated, as "If It Already Exists" says. */
async function settleExisting(
	ctx: IExecuteFunctions,
	entity: string,
	doc: ResolvedDocument,
	found: IDataObject,
	mode: IfExists,
	results: ItemOutcomes,
): Promise<IDataObject | undefined> {
	const { itemIndex, docNumber } = doc.draft;
	if (mode === 'error') {
		results.fail(itemIndex, existsError(entity, itemIndex, found));
		return undefined;
	}
	if (mode !== 'update') {
		results.succeed(itemIndex, output(found, 'skipped', doc.created));
		return found;
	}
	try {
		const body = { ...doc.body, Id: found.Id, SyncToken: found.SyncToken, sparse: true };
		const record = await sparseUpdateOnce(ctx, entity, body, { itemIndex, itemLabel: docNumber });
		settle(results, entity, doc, 'updated', record);
		return record;
	} catch (error) {
		results.fail(itemIndex, error);
		return undefined;
	}
}

function settle(results: ItemOutcomes, entity: string, doc: ResolvedDocument, action: string, answer: IDataObject | NodeApiError): void {
	if (answer instanceof NodeApiError) {
		results.fail(doc.draft.itemIndex, answer);
		return;
	}
	results.noteWrite(doc.draft.itemIndex, `${action} ${entity} ${String(answer.Id)}`);
	results.succeed(doc.draft.itemIndex, output(answer, action, doc.created));
}

function existsError(entity: string, itemIndex: number, found: IDataObject): InputProblem {
	return new InputProblem(
		itemIndex,
		'docNumber',
		`${entity} ${String(found.DocNumber)} already exists (Id ${String(found.Id)})`,
		'Choose "Skip and Return It" or "Update It" under If It Already Exists to make replays safe.',
	);
}
