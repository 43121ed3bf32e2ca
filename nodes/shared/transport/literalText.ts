/**
 * "Contains / Starts With / Ends With" on the user's literal text. QuickBooks' LIKE reads `%` as a
 * wildcard and has no escape, and it is unknown whether `_` or `\` mean anything special inside a
 * pattern; so the query is widened to a fragment free of all three (or to no LIKE at all) and the
 * rows are then matched exactly here, ignoring case as QuickBooks does.
 */
export type TextMatch = 'contains' | 'startsWith' | 'endsWith';

/** Characters a LIKE pattern may treat as more than themselves. */
const SPECIAL = /[%_\\]/;

/** A LIKE pattern whose matches include every literal match (undefined: no LIKE can narrow it), and the exact test. */
export interface LiteralSearch {
	pattern: string | undefined;
	matches: (value: unknown) => boolean;
}

export function literalSearch(mode: TextMatch, text: string): LiteralSearch {
	const wanted = text.toLowerCase();
	const matches = (value: unknown): boolean => {
		if (value === undefined || value === null) return false;
		const actual = String(value).toLowerCase();
		if (mode === 'startsWith') return actual.startsWith(wanted);
		if (mode === 'endsWith') return actual.endsWith(wanted);
		return actual.includes(wanted);
	};
	return { pattern: widenedPattern(mode, text), matches };
}

function widenedPattern(mode: TextMatch, text: string): string | undefined {
	const fragments = text.split(SPECIAL);
	// Anchored at the start or the end when that end of the text is plain.
	if (mode === 'startsWith' && fragments[0] !== '') return `${fragments[0]}%`;
	if (mode === 'endsWith' && fragments[fragments.length - 1] !== '') return `%${fragments[fragments.length - 1]}`;
	const longest = fragments.reduce((best, fragment) => (fragment.length > best.length ? fragment : best), '');
	return longest === '' ? undefined : `%${longest}%`;
}
