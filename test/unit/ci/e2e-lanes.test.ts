/**
 * The split of a line's e2e files into lanes (test/e2e/lanes.js, used by `npm run test:e2e` through jest --shard):
 * every file runs in exactly one lane, every lane process computes the same split, and the lanes are balanced.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
const { splitIntoLanes, secondsOf } = require('../../e2e/lanes.js') as {
	splitIntoLanes(files: string[], count: number): string[][];
	secondsOf(file: string): number;
};

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The e2e files as jest finds them (test/e2e/**\/*.test.ts), absolute like jest's test paths. */
function e2eFiles(dir = path.join(ROOT, 'test', 'e2e')): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return e2eFiles(full);
		return entry.name.endsWith('.test.ts') ? [full] : [];
	});
}

const total = (files: string[]) => files.reduce((sum, file) => sum + secondsOf(file), 0);

describe('e2e lanes', () => {
	const files = e2eFiles();

	it('knows the weight of the long files and gives the others the default', () => {
		expect(secondsOf(path.join(ROOT, 'test/e2e/queue-mode/queue-mode.test.ts'))).toBeGreaterThan(300);
		expect(secondsOf(path.join(ROOT, 'test/e2e/package-loads.test.ts'))).toBe(10);
	});

	it.each([1, 2, 3])('puts every file in exactly one of %i lanes, none empty', (count) => {
		const lanes = splitIntoLanes(files, count);
		expect(lanes).toHaveLength(count);
		expect(lanes.flat().sort()).toEqual([...files].sort());
		for (const lane of lanes) expect(lane.length).toBeGreaterThan(0);
	});

	it('gives the same split whatever order the files come in (each lane process computes it alone)', () => {
		expect(splitIntoLanes([...files].reverse(), 2)).toEqual(splitIntoLanes(files, 2));
	});

	it('balances the lanes: no lane longer than an even share plus the longest file', () => {
		const longest = Math.max(...files.map(secondsOf));
		for (const count of [2, 3]) {
			const times = splitIntoLanes(files, count).map(total);
			expect(Math.max(...times)).toBeLessThanOrEqual(total(files) / count + longest);
		}
	});
});
