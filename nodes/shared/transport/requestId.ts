import { createHash, randomUUID } from 'node:crypto';
import type { IDataObject, INode } from 'n8n-workflow';

/**
 * QuickBooks' `requestid` makes a write idempotent: a second request with the same id returns the
 * ORIGINAL answer instead of writing again. We derive it, rather than drawing a random one, from:
 *   - the execution (n8n's execution id): a retry — ours after a dropped connection, or n8n's own
 *     "Retry On Fail" — happens inside the same execution, so it sends the same id and cannot
 *     duplicate; a genuinely new execution has a new id, so a new run can still create;
 *   - the node (id, else name): two nodes of one workflow writing the same body stay independent;
 *   - the request itself (method, path, query string, body): different writes get different ids;
 *   - the caller's idempotencyKey (e.g. the item index or the document number): lets a node say that
 *     two identical bodies in one run are meant as two writes — or, with a business key, as one.
 * When a context has no execution id (load options, some test harnesses) a random nonce bound to that
 * context object stands in for it: stable across our retries, fresh for the next context.
 * Limits: ≤ 50 characters, ≤ 36 on /batch (whose bIds then add ≤ 10). Hex keeps it URL-safe.
 */
export const REQUEST_ID_MAX = 50;
export const BATCH_REQUEST_ID_MAX = 36;

const contextNonces = new WeakMap<object, string>();

/** The part of the requestid that changes from one execution to the next. */
export function executionScope(context: object & { getExecutionId?: () => string }): string {
	let executionId = '';
	try {
		executionId = String(context.getExecutionId?.() ?? '');
	} catch {
		executionId = '';
	}
	if (executionId && executionId !== 'undefined') return `exec:${executionId}`;
	let nonce = contextNonces.get(context);
	if (!nonce) {
		nonce = randomUUID();
		contextNonces.set(context, nonce);
	}
	return `ctx:${nonce}`;
}

export interface RequestIdParts {
	scope: string;
	node: Pick<INode, 'id' | 'name'>;
	realmId: string;
	method: string;
	path: string;
	qs?: IDataObject;
	body?: unknown;
	idempotencyKey?: string;
}

/** JSON with object keys sorted, so the hash does not depend on property order. */
export function stableStringify(value: unknown): string {
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
	if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (Buffer.isBuffer(value)) return JSON.stringify(value.toString('base64'));
	const entries = Object.keys(value as object)
		.filter((key) => (value as Record<string, unknown>)[key] !== undefined)
		.sort()
		.map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`);
	return `{${entries.join(',')}}`;
}

/** The deterministic requestid for one write, at most `maxLength` characters. */
export function deterministicRequestId(parts: RequestIdParts, maxLength: number = REQUEST_ID_MAX): string {
	// The requestid itself and the minor version do not identify the write.
	const qs: IDataObject = { ...parts.qs };
	delete qs.requestid;
	delete qs.minorversion;
	const material = stableStringify({
		scope: parts.scope,
		node: parts.node.id || parts.node.name,
		realm: parts.realmId,
		method: parts.method.toUpperCase(),
		path: parts.path.toLowerCase(),
		qs,
		body: parts.body,
		key: parts.idempotencyKey ?? null,
	});
	const prefix = 'n8n-';
	const digest = createHash('sha256').update(material).digest('hex');
	return prefix + digest.slice(0, Math.max(8, maxLength - prefix.length));
}
