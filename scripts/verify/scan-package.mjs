#!/usr/bin/env node
// n8n's verification scan (@n8n/scan-community-package) on this package, before it is published.
// The scanner's CLI only takes a package already on npm with provenance; after those checks it lints
// two things, and this script runs exactly those two legs with the scanner's own code and rules:
//   1. the PACKED tarball (what `npm publish` would upload): its compiled .js and package.json;
//   2. the sources n8n lints the attested commit with: package.json, nodes/ and credentials/.
// Needs a build (dist/) first; `npm test` runs `npm run build` before it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const scanner = await import(pathToFileURL(require.resolve('@n8n/scan-community-package/scanner/scanner.mjs')).href);
const { version: scannerVersion } = require('@n8n/scan-community-package/package.json');

if (!fs.existsSync(path.join(root, 'dist', 'nodes'))) {
	console.error('scan-package: dist/ is missing; run `npm run build` first');
	process.exit(1);
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'qbo-sync-scan-'));
try {
	// --ignore-scripts: prepack would build again; the build is already there.
	const packed = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: root, encoding: 'utf8' }),
	)[0];
	const unpacked = path.join(work, 'package');
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(work, packed.filename), '-C', unpacked, '--strip-components=1']);

	const legs = [
		{ name: `packed tarball ${packed.filename} (${packed.entryCount} files)`, dir: unpacked, patterns: ['**/*.js', 'package.json'] },
		{ name: 'sources (package.json, nodes/, credentials/)', dir: root, patterns: scanner.SOURCE_FILE_PATTERNS },
	];
	let passed = true;
	for (const leg of legs) {
		const result = await scanner.analyzePackage(leg.dir, leg.patterns);
		console.log(`${result.passed ? '✅' : '❌'} @n8n/scan-community-package ${scannerVersion}: ${leg.name}${result.passed ? '' : `: ${result.message}`}`);
		if (!result.passed) {
			passed = false;
			if (result.details) console.log(result.details);
		}
	}
	process.exitCode = passed ? 0 : 1;
} finally {
	fs.rmSync(work, { recursive: true, force: true });
}
