import { N8N_VERSIONS, isPinnedVersion, type N8nVersion } from '../../../scripts/n8n/versions';

/**
 * The n8n lines this run tests: both pinned lines, or the comma-separated list in QBO_SYNC_E2E_N8N
 * (e.g. `QBO_SYNC_E2E_N8N=2.41.1` for a quicker local run).
 */
export function e2eVersions(): N8nVersion[] {
	const wanted = process.env.QBO_SYNC_E2E_N8N?.split(',').map((v) => v.trim()).filter(Boolean);
	if (!wanted?.length) return [N8N_VERSIONS.current, N8N_VERSIONS.legacy];
	for (const version of wanted) {
		if (!isPinnedVersion(version)) throw new Error(`QBO_SYNC_E2E_N8N names ${version}, which is not a pinned n8n line`);
	}
	return wanted as N8nVersion[];
}
