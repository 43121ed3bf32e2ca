import type { NamedResult, NamedWant } from '../../sync/findOrCreate';
import { wantKey } from '../../sync/findOrCreate';
import type { RunResults } from './results';

/**
 * Pairs every item of a Find or Create with its record. Several items may name the same new record:
 * only the first reports `_created: true` (and the write), the others found what it created.
 */
export function reportFoundOrCreated(
	results: RunResults,
	entity: 'Customer' | 'Item',
	wants: Map<number, NamedWant>,
	answers: Map<string, NamedResult>,
): void {
	const reported = new Set<string>();
	for (const [itemIndex, want] of wants) {
		const key = wantKey(want);
		const answer = answers.get(key)!;
		if (answer instanceof Error) {
			results.fail(itemIndex, answer);
			continue;
		}
		const created = answer.created && !reported.has(key);
		reported.add(key);
		if (created) results.noteWrite(itemIndex, `created ${entity} ${String(answer.record.Id)}`);
		results.succeed(itemIndex, { ...answer.record, _created: created, ...(answer.nameTakenBy ? { _nameTakenBy: answer.nameTakenBy } : {}) });
	}
}
