#!/usr/bin/env node
// Part of `npm run build`: records when a build ran, so the e2e harness (test/e2e/harness/build-package.ts)
// reuses a fresh dist/ instead of building a second time. `start` marks the build's start (an edit made while
// tsc runs still counts as newer than the build); `done` turns that mark into the stamp once the build passed.
// tsc's incremental mode leaves unchanged outputs alone, so dist/'s own mtimes cannot say this.
// Plain Node, no dependencies. The stamp stays out of dist/ so it is never published.
const fs = require('node:fs');
const path = require('node:path');

const stamp = path.join(__dirname, '..', 'node_modules', '.cache', 'qbo-sync-e2e-build-stamp');
const pending = `${stamp}.pending`;

const step = process.argv[2];
if (step === 'start') {
	fs.mkdirSync(path.dirname(stamp), { recursive: true });
	fs.writeFileSync(pending, new Date().toISOString());
} else if (step === 'done') {
	// rename keeps the start time as the stamp's mtime
	if (fs.existsSync(pending)) fs.renameSync(pending, stamp);
} else {
	console.error('usage: node scripts/build-stamp.js start|done');
	process.exit(2);
}
