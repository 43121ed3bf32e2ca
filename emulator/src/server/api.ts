import type { IncomingHttpHeaders } from 'node:http';
import type { AccountingService, Clock, WriteOptions } from '../contracts';
import { runBatch } from './batch';
import { runCdc } from './cdc';
import type { ServerSettings } from './config';
import {
	asFault,
	invalidMinorVersionFault,
	malformedJsonFault,
	mediaTypeFault,
	requestIdTooLongFault,
	unsupportedOperationFault,
} from './faults';
import { faultReply, jsonReply, responseTime, type Reply } from './reply';
import type { RequestIdStore } from './request-ids';

/** What the API routes need. */
export interface ApiContext {
	accounting: AccountingService;
	clock: Clock;
	settings: ServerSettings;
	requestIds: RequestIdStore;
	/** Waits the configured write latency (real ms) before a write is checked and applied. */
	delayWrite?: () => Promise<void>;
}

/** One authenticated, admitted request under /v3/company/{realmId}/. */
export interface ApiRequest {
	method: string;
	realmId: string;
	/** Path segments after the realm id, URL-decoded: ['customer', '12']. */
	segments: string[];
	params: URLSearchParams;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** Longest requestid QuickBooks accepts on a single write and on a batch. */
const REQUEST_ID_MAX = 50;
const BATCH_REQUEST_ID_MAX = 36;

/**
 * Answers one API request; never rejects (every failure becomes a fault reply). A write waits the
 * write latency first. A requestid is looked up when the request ARRIVES: a repeat of a write that has
 * finished gets the original answer; two requests with one requestid in flight at the same moment are
 * both processed (QuickBooks documents nothing here; this is the stricter choice, see qbo-api.md), and
 * the answer of the first to finish is the one remembered.
 */
export async function handleApi(ctx: ApiContext, req: ApiRequest): Promise<Reply> {
	let requestId: string | undefined;
	try {
		checkMinorVersion(req.params.get('minorversion'));
		checkAcceptable(req);
		requestId = writeRequestId(req);
	} catch (error) {
		return faultReply(asFault(error), responseTime(ctx.clock));
	}
	const remembered = requestId === undefined ? undefined : ctx.requestIds.get(req.realmId, requestId);
	if (remembered) return remembered;
	if (ctx.delayWrite && isWrite(req)) await ctx.delayWrite();
	const reply = routeSafely(ctx, req);
	// A validation fault is an answer like any other and is replayed; a server error is not,
	// so that the retry gets a real chance.
	if (requestId !== undefined && reply.status < 500) ctx.requestIds.rememberFirst(req.realmId, requestId, reply);
	return reply;
}

/** A POST that may change data: everything but a query (a batch counts, it may hold writes). */
function isWrite(req: ApiRequest): boolean {
	return req.method === 'POST' && (req.segments[0] ?? '').toLowerCase() !== 'query';
}

function routeSafely(ctx: ApiContext, req: ApiRequest): Reply {
	try {
		return route(ctx, req);
	} catch (error) {
		return faultReply(asFault(error), responseTime(ctx.clock));
	}
}

/** The endpoint kind for statistics: 'POST /customer', 'GET /customer/{id}', 'GET /query'. */
export function endpointKind(method: string, segments: string[], accounting: AccountingService): string {
	const first = (segments[0] ?? '').toLowerCase();
	const known = ['query', 'cdc', 'batch', 'companyinfo', 'preferences'].includes(first) || accounting.entityForPath(first) !== undefined;
	const head = known ? first : '{unknown}';
	// Only known words become keys, so random paths cannot grow the statistics without bound.
	const tail = segments.slice(1, 3).map((segment, i) => (i === 0 ? '{id}' : ['send', 'pdf'].includes(segment.toLowerCase()) ? segment.toLowerCase() : '{other}'));
	return `${method} /${[head, ...tail].join('/')}`;
}

function route(ctx: ApiContext, req: ApiRequest): Reply {
	const { accounting, clock } = ctx;
	const time = responseTime(clock);
	const [first = '', second, third, ...rest] = req.segments;
	const resource = first.toLowerCase();
	const unsupported = () => unsupportedOperationFault(`${req.method} /${req.segments.join('/').slice(0, 80)}`);
	if (rest.length > 0) throw unsupported();

	if (resource === 'query' && second === undefined) {
		return jsonReply(200, { QueryResponse: accounting.query(req.realmId, queryText(req)) }, time);
	}
	if (resource === 'cdc' && second === undefined && req.method === 'GET') {
		return jsonReply(200, { CDCResponse: [runCdc(accounting, clock, req.realmId, req.params.get('entities'), req.params.get('changedSince'))] }, time);
	}
	if (resource === 'batch' && second === undefined && req.method === 'POST') {
		return runBatch(ctx, req.realmId, jsonBody(req), Boolean(req.params.get('requestid')));
	}
	if (resource === 'preferences' && second === undefined && req.method === 'GET') {
		// Preferences is a singleton: GET /preferences has no id.
		return jsonReply(200, { Preferences: accounting.read(req.realmId, 'Preferences', '1') }, time);
	}

	const entity = accounting.entityForPath(resource);
	if (!entity) throw unsupported();

	if (second === undefined) {
		if (req.method !== 'POST') throw unsupported();
		return jsonReply(200, { [entity]: write(accounting, req, entity, jsonBody(req)) }, time);
	}
	if (third === undefined) {
		if (req.method !== 'GET') throw unsupported();
		return jsonReply(200, { [entity]: accounting.read(req.realmId, entity, second) }, time);
	}
	const action = third.toLowerCase();
	if (action === 'send' && req.method === 'POST') {
		const sendTo = req.params.get('sendTo') ?? req.params.get('sendto') ?? undefined;
		return jsonReply(200, { [entity]: accounting.send(req.realmId, entity, second, sendTo) }, time);
	}
	if (action === 'pdf' && req.method === 'GET') {
		return { status: 200, contentType: 'application/pdf', body: accounting.pdf(req.realmId, entity, second) };
	}
	throw unsupported();
}

/** POST /{entity}: create, update, delete or void, as `operation` and the body's Id say. */
function write(accounting: AccountingService, req: ApiRequest, entity: string, body: Record<string, unknown>): Record<string, unknown> {
	const operation = req.params.get('operation')?.toLowerCase() ?? undefined;
	const include = (req.params.get('include') ?? '').split(',').map((value) => value.trim().toLowerCase()).filter(Boolean);
	const options: WriteOptions = {
		allowDuplicateDocNumber: include.includes('allowduplicatedocnum'),
		include: include.filter((value) => value !== 'allowduplicatedocnum'),
		...(operation ? { operation } : {}),
	};
	switch (operation) {
		case 'delete':
			return accounting.delete(req.realmId, entity, body);
		case 'void':
			return accounting.void(req.realmId, entity, body);
		case 'update':
			return accounting.update(req.realmId, entity, body, options);
		case 'create':
			return accounting.create(req.realmId, entity, body, options);
		case undefined:
			return body.Id !== undefined && body.Id !== null && body.Id !== ''
				? accounting.update(req.realmId, entity, body, options)
				: accounting.create(req.realmId, entity, body, options);
		default:
			throw unsupportedOperationFault(`operation=${operation.slice(0, 40)}`);
	}
}

/** The query of GET ?query= or of a POST with Content-Type application/text. */
function queryText(req: ApiRequest): string {
	if (req.method === 'GET') return req.params.get('query') ?? '';
	if (req.method !== 'POST') throw unsupportedOperationFault(`${req.method} /query`);
	const contentType = (req.headers['content-type'] ?? '').toLowerCase();
	if (!contentType.startsWith('application/text') && !contentType.startsWith('text/plain')) {
		throw mediaTypeFault(415, `Content-Type ${contentType.slice(0, 60) || '(none)'} is not supported for a query; send application/text.`);
	}
	return req.body.toString('utf8');
}

/** The JSON object in the body; QuickBooks-shaped faults for anything else. */
export function jsonBody(req: Pick<ApiRequest, 'headers' | 'body'>): Record<string, unknown> {
	const contentType = (req.headers['content-type'] ?? '').toLowerCase();
	if (!contentType.includes('json')) {
		throw mediaTypeFault(415, `Content-Type ${contentType.slice(0, 60) || '(none)'} is not supported; send application/json.`);
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse(req.body.toString('utf8'));
	} catch {
		throw malformedJsonFault();
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw malformedJsonFault();
	return parsed as Record<string, unknown>;
}

/** Missing or below 75 means 75 (Intuit ignores 1–74 since 2025-08-01); anything not a number is refused. */
function checkMinorVersion(value: string | null): void {
	if (value === null) return;
	if (!/^\d{1,9}$/.test(value.trim())) throw invalidMinorVersionFault(value);
}

/** The emulator speaks JSON only: a client that accepts only XML gets 406. */
function checkAcceptable(req: ApiRequest): void {
	const format = req.params.get('format');
	if (format && format.toLowerCase() !== 'json') throw mediaTypeFault(406, `format=${format.slice(0, 20)} is not supported; the emulator answers JSON only.`);
	const accept = (req.headers.accept ?? '').toLowerCase();
	if (!accept || accept.includes('json') || accept.includes('*/*') || accept.includes('application/pdf')) return;
	if (accept.includes('xml')) throw mediaTypeFault(406, 'XML is not supported by the emulator; send Accept: application/json.');
}

/** The requestid of a write (POST other than a query), checked for length; undefined when none applies. */
function writeRequestId(req: ApiRequest): string | undefined {
	if (req.method !== 'POST') return undefined;
	const resource = (req.segments[0] ?? '').toLowerCase();
	if (resource === 'query') return undefined;
	const requestId = req.params.get('requestid');
	// QuickBooks treats an empty `requestid=` as no requestid at all.
	if (requestId === null || requestId === '') return undefined;
	const max = resource === 'batch' ? BATCH_REQUEST_ID_MAX : REQUEST_ID_MAX;
	if (requestId.length > max) throw requestIdTooLongFault(requestId, max);
	return requestId;
}
