// One jest config, several projects: the README's test command runs them all; each can run alone
// with `npx jest --selectProjects <name>`.
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }];
const TZ_TESTS = '\\.tz\\.test\\.ts$';
const common = { transform: { '^.+\\.ts$': swc }, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
// `npm run test:unit` runs 4 files at a time (most of their time is spent waiting on the emulator's write
// latency and the transport's pacing, not on the CPU), so on 2 cores a CPU-heavy test takes longer than
// alone: 30 s instead of jest's default 5 s per test. A test that must be quick says so itself.
const inProcess = { ...common, testTimeout: 30_000 };
// The published nodes never read the environment; in the suites that run them in-process, the QBO_SYNC_*
// variables still tune the transport (retry waits, pacing) through this setup file.
const tunedByEnv = { setupFiles: ['<rootDir>/test/support/transport-tuning-env.ts'] };

module.exports = {
	// Jest's own ordering; `--shard` cuts the e2e files into lanes balanced by their measured times (scripts/e2e/run-lines.ts).
	testSequencer: '<rootDir>/test/e2e/lanes.js',
	projects: [
		{ ...inProcess, ...tunedByEnv, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'], testPathIgnorePatterns: [TZ_TESTS] },
		{ ...inProcess, displayName: 'emulator', testMatch: ['<rootDir>/emulator/test/**/*.test.ts'] },
		{ ...inProcess, ...tunedByEnv, displayName: 'transport', testMatch: ['<rootDir>/test/transport-http/**/*.test.ts'] },
		{ ...inProcess, ...tunedByEnv, displayName: 'node', testMatch: ['<rootDir>/test/node/**/*.test.ts'], testPathIgnorePatterns: [TZ_TESTS] },
		// Date tests (`*.tz.test.ts`): `npm run test:timezones` runs them under a zone east and one west of UTC.
		{ ...inProcess, ...tunedByEnv, displayName: 'timezones', testMatch: ['<rootDir>/test/**/*.tz.test.ts'] },
		{
			...common,
			displayName: 'e2e',
			testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
			// Installs the pinned n8n lines into the cache (minutes, once) before any test timeout starts.
			globalSetup: '<rootDir>/test/e2e/global-setup.ts',
			globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
			// n8n starts take 40–120 s on a loaded 2-core machine.
			testTimeout: 300_000,
		},
	],
};
