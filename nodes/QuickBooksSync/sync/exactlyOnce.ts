import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { asNodeError } from '../../shared/transport/nodeError';
import { qboRead, qboRecordsIn, qboWrite } from './api';
import type { ResolvedDocument } from './drafts';
import { faultCode } from './nameClash';

/**
 * Exactly once for documents when the same business event runs in several executions AT THE SAME
 * TIME (README "Exactly once"). Nothing here lives in the n8n process: every decision is taken from
 * what QuickBooks holds, so it holds across processes and workers.
 *
 * A document has a business key (its DocNumber; for Convert to Invoice, the estimates it bills).
 * After a create, the run reads back every document holding the key. The oldest (lowest Id) is the
 * winner; a run whose own document is not the winner deletes it and answers "already exists" with the
 * winner. A create that QuickBooks refused (6140 where the company checks numbers, 6000 for a closed
 * estimate …) while a holder of the key exists lost the same race and answers the same way.
 */

/** How the documents holding each document's business key are found. */
export interface DocumentKey {
	/** Whether the document has a key at all (without one, no twin can be recognised). */
	has(doc: ResolvedDocument): boolean;
	/**
	 * The stored documents holding each document's key, by item index (oldest first). `readBack`: the
	 * documents were just created by this run, so every key is held at least once.
	 */
	holders(ctx: IExecuteFunctions, entity: string, docs: ResolvedDocument[], options?: { readBack?: boolean }): Promise<Map<number, IDataObject[]>>;
}

/**
 * Numbers per `DocNumber IN (…)` list when reading back what the run created. Each number holds the
 * run's own document, so a list of 1,000 always fills a page of 1,000 (QuickBooks' MAXRESULTS cap), and
 * a full page cannot tell "the last" from "more follow" (DocNumber is not unique where a company allows
 * duplicates, and Intuit documents no order of Ids to stop on): the transport would ask one more page,
 * empty in all but a race. A list of 999 answers fewer than 1,000 rows unless a twin exists, so its one
 * page settles it, and a twin still makes the transport page on. Look-ups of numbers that may not exist
 * (before the creates) keep lists of 1,000: mostly new, their pages are short.
 */
export const READ_BACK_CHUNK = 999;

const byId = (a: IDataObject, b: IDataObject) => Number(a.Id) - Number(b.Id);

/** The key of Create: the Document Number, unique per document type where the company checks it. */
export const byDocNumber: DocumentKey = {
	has: (doc) => Boolean(doc.draft.docNumber),
	async holders(ctx, entity, docs, options = {}) {
		const keyed = docs.filter((doc) => doc.draft.docNumber);
		const out = new Map<number, IDataObject[]>();
		if (keyed.length === 0) return out;
		const numbers = [...new Set(keyed.map((doc) => doc.draft.docNumber!))];
		const rows: IDataObject[] = await qboRecordsIn.call(ctx, entity, 'DocNumber', numbers, options.readBack ? READ_BACK_CHUNK : undefined);
		// Grouped once by number: matching each document against every row costs N × rows (10⁸ for 10,000 invoices).
		const byNumber = new Map<string, IDataObject[]>();
		for (const row of rows) {
			const number = String(row.DocNumber).toLowerCase();
			const group = byNumber.get(number);
			if (group) group.push(row);
			else byNumber.set(number, [row]);
		}
		for (const group of byNumber.values()) group.sort(byId);
		for (const doc of keyed) out.set(doc.draft.itemIndex, [...(byNumber.get(doc.draft.docNumber!.toLowerCase()) ?? [])]);
		return out;
	},
};

/** The oldest record (lowest Id): the winner of a race. */
export function oldest(records: IDataObject[]): IDataObject | undefined {
	return [...records].sort(byId)[0];
}

/** What became of one raced create. */
export type RaceOutcome = { won: IDataObject } | { lost: IDataObject } | { failed: unknown };

/**
 * Settles the creates of a run that have a business key: each answer (a record or its fault) becomes
 * won, lost (with the winner; our twin, if any, deleted) or failed. One grouped read for the run.
 */
export async function settleCreates(
	ctx: IExecuteFunctions,
	entity: string,
	creates: Array<{ doc: ResolvedDocument; answer: IDataObject | NodeApiError }>,
	key: DocumentKey,
): Promise<RaceOutcome[]> {
	if (creates.length === 0) return [];
	const held = await key.holders(ctx, entity, creates.map(({ doc }) => doc), { readBack: true });
	const outcomes: RaceOutcome[] = [];
	for (const { doc, answer } of creates) {
		const holders = held.get(doc.draft.itemIndex) ?? [];
		if (answer instanceof NodeApiError) {
			const winner = oldest(holders);
			outcomes.push(winner ? { lost: winner } : { failed: answer });
			continue;
		}
		const winner = oldest([...holders.filter((row) => String(row.Id) !== String(answer.Id)), answer]) as IDataObject;
		if (String(winner.Id) === String(answer.Id)) {
			outcomes.push({ won: answer });
			continue;
		}
		try {
			// Our twin: only the run that created a document ever deletes it.
			await qboWrite.call(ctx, entity, { Id: answer.Id, SyncToken: answer.SyncToken }, { operation: 'delete', itemIndex: doc.draft.itemIndex, itemLabel: doc.draft.docNumber });
			outcomes.push({ lost: winner });
		} catch (error) {
			outcomes.push({ failed: error });
		}
	}
	return outcomes;
}

/** QuickBooks' answer to an update whose SyncToken is no longer the current one. */
const STALE = '5010';

/** Whether `stored` already holds every value of `wanted` (objects by key, arrays element by element, numbers by value). */
export function holds(stored: unknown, wanted: unknown): boolean {
	if (Array.isArray(wanted)) {
		if (!Array.isArray(stored)) return false;
		const rows = stored.filter((row) => (row as IDataObject)?.DetailType !== 'SubTotalLineDetail');
		return wanted.every((want) => rows.some((row) => holds(row, want)));
	}
	if (wanted && typeof wanted === 'object') {
		if (!stored || typeof stored !== 'object') return false;
		return Object.entries(wanted).every(([field, value]) => value === undefined || holds((stored as IDataObject)[field], value));
	}
	if (typeof wanted === 'number' || typeof stored === 'number') return Number(stored) === Number(wanted);
	return stored === wanted;
}

const SYSTEM_FIELDS = new Set(['Id', 'SyncToken', 'sparse']);

/** Whether a sparse update body is already in the stored document. */
export function updateApplied(stored: IDataObject, body: IDataObject): boolean {
	return Object.entries(body).every(([field, value]) => SYSTEM_FIELDS.has(field) || holds(stored[field], value));
}

/**
 * A sparse update, exactly once under concurrency: when another execution wrote the document since we
 * read it (5010), the document is read again; if it already holds our change (the same event, written
 * by the winner) it is the answer and nothing is written again; otherwise our change is applied on the
 * fresh version (another event's change is kept; ours goes on top, as a sparse update means).
 */
export async function sparseUpdateOnce(
	ctx: IExecuteFunctions,
	entity: string,
	body: IDataObject,
	options: { itemIndex: number; itemLabel?: string },
	firstAnswer?: IDataObject | NodeApiError,
): Promise<IDataObject> {
	let answer = firstAnswer;
	for (let attempt = 0; ; attempt++) {
		if (answer === undefined) {
			try {
				answer = await qboWrite.call(ctx, entity, body, options);
			} catch (error) {
				if (!(error instanceof NodeApiError)) throw asNodeError(ctx.getNode(), error, options.itemIndex);
				answer = error;
			}
		}
		if (!(answer instanceof NodeApiError)) return answer;
		if (faultCode(answer) !== STALE || attempt >= 3) throw answer;
		const current = await qboRead.call(ctx, entity, String(body.Id), options.itemIndex);
		if (updateApplied(current, body)) return current;
		body = { ...body, SyncToken: current.SyncToken };
		answer = undefined;
	}
}

const NOT_FOUND = '610';

/** QuickBooks' marks of a voided transaction: the note "Voided" and every amount 0. */
export function isVoided(document: IDataObject): boolean {
	return String(document.PrivateNote ?? '').startsWith('Voided') && Number(document.TotalAmt ?? 0) === 0;
}

/** One state-changing write on a read document (delete, void), and how to see that it is already done. */
export interface OnceStep {
	write(current: IDataObject): Promise<IDataObject>;
	/** The document already shows the write (e.g. voided). */
	done?(current: IDataObject): boolean;
	/** A document that can no longer be read counts as done (a delete). */
	goneIsDone?: boolean;
}

/**
 * A delete or void, exactly once under concurrency: a twin execution that finds the work already done
 * (the document gone, or voided) answers with that instead of failing on the stale SyncToken (5010) or
 * the missing object (610) the first execution left behind. `already` says the work was another's.
 */
export async function writeStepOnce(
	ctx: IExecuteFunctions,
	entity: string,
	id: string,
	itemIndex: number,
	step: OnceStep,
): Promise<{ answer: IDataObject; already: boolean }> {
	for (let attempt = 0; ; attempt++) {
		let current: IDataObject;
		try {
			current = await qboRead.call(ctx, entity, id, itemIndex);
		} catch (error) {
			// QuickBooks reads a deleted document as 610, like one that never existed: either way it is gone.
			if (step.goneIsDone && error instanceof NodeApiError && faultCode(error) === NOT_FOUND) return { answer: { Id: id, status: 'Deleted' }, already: true };
			throw asNodeError(ctx.getNode(), error, itemIndex);
		}
		if (step.done?.(current)) return { answer: current, already: true };
		try {
			return { answer: await step.write(current), already: false };
		} catch (error) {
			const code = error instanceof NodeApiError ? faultCode(error) : undefined;
			if ((code !== STALE && code !== NOT_FOUND) || attempt >= 3) throw asNodeError(ctx.getNode(), error, itemIndex);
		}
	}
}

/** Delete or void of a document through QuickBooks' `operation=` (writeStepOnce). */
export async function deleteOrVoidOnce(
	ctx: IExecuteFunctions,
	entity: string,
	id: string,
	operation: 'delete' | 'void',
	itemIndex: number,
): Promise<{ answer: IDataObject; already: boolean }> {
	return await writeStepOnce(ctx, entity, id, itemIndex, {
		write: async (current) => await qboWrite.call(ctx, entity, { Id: id, SyncToken: current.SyncToken }, { operation, itemIndex }),
		done: operation === 'void' ? isVoided : undefined,
		goneIsDone: operation === 'delete',
	});
}
