#!/usr/bin/env node
// Runs first in `npm start` and `npm test`: on a fresh clone node_modules is missing, and both commands
// need the dev tooling (tsx, jest, tsc…). Plain Node, no dependencies, so it works before any install.
// Called from the scripts themselves, not as prestart/pretest: .npmrc sets ignore-scripts, which skips pre-scripts.
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const marker = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');

const installed = fs.existsSync(marker);
const lockNewer = installed && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs;
if (!installed || lockNewer) {
	console.log(installed ? '» package-lock.json changed: npm install' : '» first run: npm install (about a minute)');
	execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
