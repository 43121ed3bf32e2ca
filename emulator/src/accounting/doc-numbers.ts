import { duplicateDocNumber } from './faults';
import type { WriteContext } from './types';
import { maxLen, str, type Obj } from './values';

/** DocNumber: automatic numbering per document type and QuickBooks' duplicate check (6140). */

/** Uniqueness key of a document number within its entity (case-folded). */
export function docKey(entity: string, docNumber: string): string {
	return `doc:${entity}:${docNumber.toLowerCase()}`;
}

/** The next free automatic DocNumber (not yet reserved: the counter moves only once the write succeeds). */
function nextDocNumber(ctx: WriteContext, entity: string): string {
	let n = ctx.realm.docCounters.get(entity) ?? 1001;
	for (let guard = 0; guard < 100_000 && ctx.holder(docKey(entity, String(n))); guard++) n++;
	return String(n);
}

/** The DocNumber to store: as sent (checked), kept on update, or the next automatic one. */
export function docNumber(ctx: WriteContext, entity: string, input: Obj, prev: Obj | undefined): string | undefined {
	const given = str(input.DocNumber);
	if (given !== undefined) {
		maxLen(given, 21, 'DocNumber');
		const holder = ctx.holder(docKey(entity, given));
		if (holder && holder.id !== prev?.Id && !ctx.opts.allowDuplicateDocNumber) throw duplicateDocNumber(given, entity, holder.id);
		return given;
	}
	if (prev?.DocNumber !== undefined) return prev.DocNumber as string;
	const custom = (ctx.prefs().SalesFormsPrefs as Obj | undefined)?.CustomTxnNumbers === true;
	return custom ? undefined : nextDocNumber(ctx, entity);
}

/** Reserves the automatic DocNumber sequence past a number just used. */
export function advanceDocCounter(ctx: WriteContext, entity: string, doc: Obj): void {
	const n = Number(doc.DocNumber);
	if (Number.isInteger(n) && n >= (ctx.realm.docCounters.get(entity) ?? 1001)) ctx.realm.docCounters.set(entity, n + 1);
}
