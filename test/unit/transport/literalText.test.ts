import { likeMatcher } from '../../../emulator/src/query/filter';
import { literalSearch, type TextMatch } from '../../../nodes/shared/transport';

/** Every string over `alphabet` of length 0..max. */
function strings(alphabet: string[], max: number): string[] {
	let level = [''];
	const all = [''];
	for (let length = 1; length <= max; length++) {
		level = level.flatMap((prefix) => alphabet.map((c) => prefix + c));
		all.push(...level);
	}
	return all;
}

const MODES: TextMatch[] = ['contains', 'startsWith', 'endsWith'];

describe('literalSearch', () => {
	it('matches the text literally, ignoring case', () => {
		expect(literalSearch('contains', '50%').matches('50% Off')).toBe(true);
		expect(literalSearch('contains', '50%').matches('50 Cent')).toBe(false);
		expect(literalSearch('startsWith', '%').matches('%First')).toBe(true);
		expect(literalSearch('startsWith', '%').matches('Anything')).toBe(false);
		expect(literalSearch('endsWith', '% PURE').matches('Deal 100% pure')).toBe(true);
		expect(literalSearch('contains', 'a_b').matches('AxB')).toBe(false);
		expect(literalSearch('contains', 'x').matches(undefined)).toBe(false);
	});

	it('widens to a pattern without %, _ or \\ (or to no LIKE at all)', () => {
		expect(literalSearch('contains', '50%').pattern).toBe('%50%');
		expect(literalSearch('startsWith', '50%').pattern).toBe('50%');
		expect(literalSearch('startsWith', '%x').pattern).toBe('%x%');
		expect(literalSearch('endsWith', '%x').pattern).toBe('%x');
		expect(literalSearch('contains', 'ab_cde\\f').pattern).toBe('%cde%');
		expect(literalSearch('contains', '%').pattern).toBeUndefined();
		expect(literalSearch('startsWith', '_%\\').pattern).toBeUndefined();
	});

	it('never loses a literal match: the LIKE pattern (as QuickBooks reads it) accepts every value the exact test accepts', () => {
		const values = strings(['a', 'B', '%', '_', '\\'], 4);
		const texts = strings(['a', 'b', '%', '_', '\\'], 3).filter((text) => text !== '');
		let checked = 0;
		for (const mode of MODES) {
			for (const text of texts) {
				const search = literalSearch(mode, text);
				const like = search.pattern === undefined ? () => true : likeMatcher(search.pattern);
				for (const value of values) {
					if (!search.matches(value)) continue;
					checked++;
					if (!like(value.toLowerCase())) throw new Error(`${mode} ${JSON.stringify(text)}: pattern ${search.pattern} loses ${JSON.stringify(value)}`);
				}
			}
		}
		expect(checked).toBeGreaterThan(1000);
	});
});
