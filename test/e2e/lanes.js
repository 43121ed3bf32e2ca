/**
 * How `npm run test:e2e` splits one n8n line's e2e files into lanes: jest processes that run side by side,
 * each with its own shared n8n (scripts/e2e/run-lines.ts starts `jest --shard=<lane>/<lanes>` per lane).
 * Inside a lane the files still take turns (`--runInBand`); two lanes never share an n8n, an emulator or a port.
 *
 * The split balances the files' measured wall times (seconds on one line, from the session-6 runs on this
 * 2-core machine, `/tmp/jest_0/perf-cache-*`): the longest file goes to the emptiest lane, then the next.
 * A file missing from the table counts as DEFAULT_SECONDS. The figures only balance the lanes; no test reads them.
 * Plain CommonJS: jest loads the sequencer below without a transform.
 */
const path = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const ROOT = path.resolve(__dirname, '..', '..');

/** Seconds one file took on one line (queue-mode starts its own cluster; triggers its own n8n). */
const SECONDS = {
	'test/e2e/queue-mode/queue-mode.test.ts': 415,
	// 200 s before the in-editor navigation (support-canvas/canvas-pages.ts); 163 s -> 116 s measured back to back.
	'test/e2e/canvas.test.ts': 140,
	'test/e2e/templates/F5-finalized-invoices.test.ts': 134,
	'test/e2e/templates/F4-field-service-to-quickbooks.test.ts': 116,
	'test/e2e/templates/F3-crm-to-quickbooks.test.ts': 104,
	'test/e2e/templates/F1-posted-at-once.test.ts': 98,
	'test/e2e/triggers.test.ts': 91,
	'test/e2e/templates/F1b-bill-open-estimates.test.ts': 85,
	'test/e2e/templates/F1-work-orders-to-invoices.test.ts': 84,
	'test/e2e/templates/F2-copy-or-send-invoice.test.ts': 81,
	'test/e2e/templates/F1b-work-orders-to-estimates.test.ts': 81,
	'test/e2e/templates/F4-quickbooks-to-field-service.test.ts': 38,
	'test/e2e/oauth-connect.test.ts': 36,
	'test/e2e/templates/F3-quickbooks-to-crm.test.ts': 18,
	'test/e2e/templates/F2-payments-to-help-desk.test.ts': 15,
	'test/e2e/templates/F5-payments-and-lookup.test.ts': 12,
};
const DEFAULT_SECONDS = 10;

/** A file's weight: its measured seconds, or DEFAULT_SECONDS. */
function secondsOf(file) {
	const relative = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
	return SECONDS[relative] ?? DEFAULT_SECONDS;
}

/**
 * Splits files into `count` lanes, longest first into the lane with the least time so far (ties: the lower
 * lane, then the path, so every lane process computes the same split). Returns the lanes' files.
 */
function splitIntoLanes(files, count) {
	const lanes = Array.from({ length: count }, () => ({ seconds: 0, files: [] }));
	const ordered = [...files].sort((a, b) => secondsOf(b) - secondsOf(a) || (a < b ? -1 : a > b ? 1 : 0));
	for (const file of ordered) {
		const emptiest = lanes.reduce((best, lane) => (lane.seconds < best.seconds ? lane : best), lanes[0]);
		emptiest.files.push(file);
		emptiest.seconds += secondsOf(file);
	}
	return lanes.map((lane) => lane.files);
}

/** Jest's own sequencer (order by past failures and durations), with `--shard` cut by the weights above. */
class LaneSequencer extends Sequencer {
	shard(tests, { shardIndex, shardCount }) {
		const mine = new Set(splitIntoLanes(tests.map((test) => test.path), shardCount)[shardIndex - 1]);
		return tests.filter((test) => mine.has(test.path));
	}
}

module.exports = LaneSequencer;
module.exports.splitIntoLanes = splitIntoLanes;
module.exports.secondsOf = secondsOf;
