/** The real-n8n end-to-end harness: start a pinned n8n with this package (or lease the run's shared one), drive it, stop it. */
export { startN8n, NODE_TYPE_PREFIX, CUSTOM_NODE_PREFIX } from './n8n-instance';
export { useSharedN8n, SHARED_N8N_ENV } from './shared-n8n';
export { waitForQuiet } from './quiet';
export type {
	CredentialImport,
	ExecutionFilter,
	ExecutionSummary,
	N8nInstance,
	StartN8nOptions,
	WorkflowJson,
} from './n8n-instance';
export { e2eVersions } from './versions';
export { readManifest, ensurePackageBuilt } from './build-package';
export { N8nHttpClient, N8nHttpError } from './http-client';
export { OWNER } from './owner-session';
export { N8N_VERSIONS, type N8nVersion } from '../../../scripts/n8n/versions';
