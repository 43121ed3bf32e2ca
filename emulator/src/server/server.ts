import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccountingService, Clock, QboFault, WebhookService } from '../contracts';
import { intuitAuthFaultResponse, OAUTH_PATHS, type OAuth } from '../oauth';
import { handleAdmin } from './admin';
import { endpointKind, handleApi } from './api';
import type { ServerSettings } from './config';
import {
	asFault,
	bodyTooLargeFault,
	gatewayTimeoutFault,
	systemFault,
	throttleFault,
	unknownRealmFault,
	unsupportedOperationFault,
} from './faults';
import { InjectedFaults, type InjectedFaultSpec } from './injected-faults';
import { RateLimiter } from './rate-limiter';
import { BodyTooLargeError, faultReply, readBody, responseTime, sendReply, type Reply } from './reply';
import { RequestIdStore } from './request-ids';
import { Stats } from './stats';

/** The parts the HTTP server mounts. */
export interface ServerParts {
	clock: Clock;
	accounting: AccountingService;
	oauth: OAuth;
	webhooks: WebhookService;
}

/** The HTTP server and the state it keeps (limits, requestids, stats, armed faults). */
export interface EmulatorServer {
	readonly server: Server;
	readonly settings: ServerSettings;
	readonly stats: Stats;
	readonly faults: InjectedFaults;
	readonly limiter: RateLimiter;
	readonly requestIds: RequestIdStore;
	listen(port: number, host: string): Promise<number>;
	close(): Promise<void>;
}

const API_PREFIX = '/v3/company/';
const ADMIN_PREFIX = '/__admin/';

/**
 * Builds the emulator's HTTP server: OAuth paths go to the OAuth part, /v3/company/{realmId}/…
 * is authenticated, throttled and answered from the accounting part, /__admin/ is the test API.
 * `changed` is called after anything that persisted state may have changed.
 */
export function createEmulatorServer(parts: ServerParts, settings: ServerSettings, changed: () => void): EmulatorServer {
	const { clock, accounting, oauth, webhooks } = parts;
	const stats = new Stats(() => clock.nowIso());
	const faults = new InjectedFaults();
	const limiter = new RateLimiter(clock, settings.limits);
	const requestIds = new RequestIdStore(settings.requestIdCacheSize);
	const delayWrite = () => new Promise<void>((resolve) => (settings.writeLatencyMs > 0 ? setTimeout(resolve, settings.writeLatencyMs) : resolve()));
	const apiContext = { accounting, clock, settings, requestIds, delayWrite };
	const adminDeps = { ...parts, settings, limiter, requestIds, stats, faults, changed };

	accounting.onChange((event) => stats.recordWrite(event.entity));

	const server = createServer((req, res) => {
		handleRequest(req, res).catch((error) => {
			// Last line of defence: whatever happened, answer and keep serving.
			if (!res.headersSent && !res.destroyed) sendReply(res, faultReply(asFault(error), responseTime(clock)));
			else res.destroy();
		});
	});
	server.keepAliveTimeout = 5_000;
	server.on('clientError', (_error, socket) => {
		if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
		else socket.destroy();
	});

	async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const method = (req.method ?? 'GET').toUpperCase();
		let url: URL;
		try {
			url = new URL(req.url ?? '/', 'http://emulator.invalid');
		} catch {
			return sendReply(res, faultReply(unsupportedOperationFault('(unparseable URL)'), responseTime(clock)));
		}
		const path = url.pathname;

		if (path.startsWith(ADMIN_PREFIX)) {
			const body = await readBodyOrFault(req, res);
			if (body) handleAdmin(adminDeps, req, res, url, body);
			return;
		}

		const isApi = path.startsWith(API_PREFIX);
		const segments = isApi ? decodeSegments(path.slice(API_PREFIX.length)) : undefined;
		const endpoint = isApi
			? segments ? endpointKind(method, segments.slice(1), accounting) : `${method} /{unknown}`
			: `${method} ${isOAuthPath(path) ? path.replace(/\/+$/, '') : '{unknown}'}`;
		trackRequest(res, () => endpoint, method !== 'GET');

		const body = await readBodyOrFault(req, res);
		if (!body) return;

		if (!isApi) {
			const injected = faults.isEmpty() ? undefined : faults.take(method, path);
			if (injected && !applyInjectedFault(injected, res)) return;
			await delayIfAsked(injected);
			if (!oauth.handle(req, res, url, body)) {
				sendReply(res, { ...faultReply(unsupportedOperationFault(`${method} ${path.slice(0, 80)}`), responseTime(clock)), status: 404 });
			}
			return;
		}

		if (!segments || segments.length < 2 || segments[0] === '') {
			return sendReply(res, faultReply(unsupportedOperationFault(`${method} ${path.slice(0, 80)}`), responseTime(clock)));
		}
		const realmId = segments[0];
		const authFault = oauth.authenticate(req.headers.authorization, realmId);
		if (authFault) return sendReply(res, authReply(authFault));
		if (!accounting.hasRealm(realmId)) return sendReply(res, faultReply(unknownRealmFault(), responseTime(clock)));

		const isBatch = segments[1].toLowerCase() === 'batch' && segments.length === 2;
		const admission = limiter.admit(realmId, isBatch);
		if (!admission.ok) return sendReply(res, throttleReply(admission.retryAfterMs));
		res.once('close', admission.release);

		const injected = faults.isEmpty() ? undefined : faults.take(method, path);
		if (injected && !applyInjectedFault(injected, res)) return;
		await delayIfAsked(injected);
		if (res.destroyed) return;

		const reply = await handleApi(apiContext, { method, realmId, segments: segments.slice(1), params: url.searchParams, headers: req.headers, body });
		// The client may have gone, or the gateway timeout answered, while the write waited.
		if (res.destroyed || res.headersSent) return;
		sendReply(res, reply);
	}

	/** 401s in Intuit's lower-case `fault` envelope with WWW-Authenticate; other auth faults (403) as QboFaults. */
	function authReply(fault: QboFault): Reply {
		if (fault.status !== 401) return faultReply(fault, responseTime(clock));
		const answer = intuitAuthFaultResponse(fault, clock.now());
		return { status: answer.status, contentType: 'application/json;charset=UTF-8', body: JSON.stringify(answer.body), headers: answer.headers };
	}

	/** Counts the request once it is answered or dropped, and cuts it after the gateway timeout. */
	function trackRequest(res: ServerResponse, endpoint: () => string, mayChangeState: boolean): void {
		const timer = clock.setTimeout(() => {
			if (!res.headersSent && !res.destroyed) sendReply(res, faultReply(gatewayTimeoutFault(), responseTime(clock)));
			else if (!res.writableEnded) res.destroy();
		}, settings.requestTimeoutMs);
		res.once('close', () => {
			clearTimeout(timer);
			stats.record(endpoint(), res.writableFinished ? res.statusCode : undefined);
			if (mayChangeState) changed();
		});
	}

	/** 'fail' answers now, 'hang' never answers, 'drop' lets the work happen and then kills the socket. Returns whether to go on. */
	function applyInjectedFault(spec: InjectedFaultSpec, res: ServerResponse): boolean {
		switch (spec.mode) {
			case 'fail':
				sendReply(res, injectedFailure(spec.status ?? 500));
				return false;
			case 'hang':
				return false;
			case 'drop':
				dropInsteadOfAnswering(res);
				return true;
			case 'delay':
				return true;
		}
	}

	function delayIfAsked(spec: InjectedFaultSpec | undefined): Promise<void> | void {
		if (spec?.mode !== 'delay' || !spec.delayMs) return;
		return new Promise((resolve) => clock.setTimeout(resolve, spec.delayMs ?? 0));
	}

	function injectedFailure(status: number): Reply {
		if (status === 429) return throttleReply(1000);
		if (status === 500) return faultReply(systemFault(), responseTime(clock));
		// Gateways in front of QuickBooks answer 502/503/504 with HTML, not with a Fault.
		const text = { 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout' }[status] ?? 'Error';
		return { status, contentType: 'text/html', body: `<html><body><h1>${status} ${text}</h1></body></html>` };
	}

	function throttleReply(retryAfterMs: number): Reply {
		const reply = faultReply(throttleFault(), responseTime(clock));
		if (!settings.retryAfter) return reply;
		const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000 / clock.timeScale));
		return { ...reply, headers: { 'Retry-After': String(seconds) } };
	}

	async function readBodyOrFault(req: IncomingMessage, res: ServerResponse): Promise<Buffer | undefined> {
		if (req.method === 'GET' || req.method === 'HEAD') {
			req.resume();
			return EMPTY;
		}
		try {
			return await readBody(req, settings.maxBodyBytes);
		} catch (error) {
			if (error instanceof BodyTooLargeError) {
				sendReply(res, { ...faultReply(bodyTooLargeFault(settings.maxBodyBytes), responseTime(clock)), headers: { Connection: 'close' } });
			} else {
				res.destroy();
			}
			return undefined;
		}
	}

	return {
		server,
		settings,
		stats,
		faults,
		limiter,
		requestIds,
		listen(port, host) {
			return new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					resolve((server.address() as AddressInfo).port);
				});
			});
		},
		close() {
			webhooks.stop();
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
}

const EMPTY = Buffer.alloc(0);
const OAUTH_PATH_LIST: string[] = Object.values(OAUTH_PATHS).flat();

/** Paths the OAuth part serves (statistics name them; anything else is '{unknown}'). */
function isOAuthPath(path: string): boolean {
	return OAUTH_PATH_LIST.includes(path.replace(/\/+$/, ''));
}

/** The realm part and the rest, URL-decoded; undefined when a segment is not valid percent-encoding. */
function decodeSegments(rest: string): string[] | undefined {
	try {
		return rest.split('/').filter((segment, i) => i === 0 || segment !== '').map(decodeURIComponent);
	} catch {
		return undefined;
	}
}

/** Replace writeHead/end so that the work completes but the client never hears back. */
function dropInsteadOfAnswering(res: ServerResponse): void {
	const destroy = () => {
		res.socket?.destroy();
		res.destroy();
		return res;
	};
	(res as unknown as { writeHead: () => ServerResponse }).writeHead = destroy;
	(res as unknown as { end: () => ServerResponse }).end = destroy;
}
