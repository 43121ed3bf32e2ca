import type { IncomingMessage, ServerResponse } from 'node:http';
import { QboFault, type AccountingService, type Clock, type WebhookConfig, type WebhookService } from '../contracts';
import type { OAuth } from '../oauth';
import { INTUIT_LIMITS, type DuplicateDocNumbers, type Limits, type ServerSettings } from './config';
import { renderAdminUi } from './admin-ui';
import { asFault } from './faults';
import type { InjectedFaults } from './injected-faults';
import type { RateLimiter } from './rate-limiter';
import { faultReply, responseTime, sendReply } from './reply';
import type { RequestIdStore } from './request-ids';
import type { Stats } from './stats';

/** Everything the admin API can look at or change. */
export interface AdminDeps {
	clock: Clock;
	accounting: AccountingService;
	oauth: OAuth;
	webhooks: WebhookService;
	settings: ServerSettings;
	limiter: RateLimiter;
	requestIds: RequestIdStore;
	stats: Stats;
	faults: InjectedFaults;
	/** Called after any admin call that changed persisted state. */
	changed: () => void;
}

type AdminResult = { status?: number; body: unknown };

/**
 * The test/operator API under /__admin/ (documented in emulator/README.md). Not rate-limited,
 * not counted in stats, no authentication: the emulator listens on loopback by default.
 */
export function handleAdmin(deps: AdminDeps, req: IncomingMessage, res: ServerResponse, url: URL, rawBody: Buffer): void {
	const method = (req.method ?? 'GET').toUpperCase();
	const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
	try {
		if (route === 'GET /__admin/ui') {
			const html = renderAdminUi(deps.accounting, url.searchParams.get('realmId'));
			sendReply(res, { status: 200, contentType: 'text/html;charset=UTF-8', body: html });
			return;
		}
		const result = dispatch(deps, route, url, rawBody);
		const body = JSON.stringify(result.body ?? {});
		sendReply(res, { status: result.status ?? 200, contentType: 'application/json;charset=UTF-8', body });
	} catch (error) {
		sendReply(res, faultReply(asFault(error), responseTime(deps.clock)));
	}
}

function dispatch(deps: AdminDeps, route: string, url: URL, rawBody: Buffer): AdminResult {
	const { accounting, oauth, webhooks, clock, stats, faults, limiter, requestIds, settings } = deps;
	const body = () => parseBody(rawBody);
	switch (route) {
		case 'GET /__admin/health':
			return { body: { ok: true, time: clock.nowIso(), realms: accounting.realmIds() } };
		case 'POST /__admin/reset': {
			const options = body();
			accounting.reset();
			requestIds.reset();
			limiter.reset();
			faults.clear();
			webhooks.reset();
			if (options.tokens === true) oauth.reset();
			if (options.stats === true) stats.reset();
			deps.changed();
			return { body: { ok: true } };
		}
		case 'GET /__admin/state': {
			const snapshot = accounting.snapshot();
			const realmId = url.searchParams.get('realmId');
			if (!realmId) return { body: snapshot };
			if (!accounting.hasRealm(realmId)) throw badRequest(`Unknown realmId ${realmId}`);
			return { body: pickRealm(snapshot, realmId) };
		}
		case 'GET /__admin/stats':
			return { body: stats.snapshot() };
		case 'POST /__admin/stats/reset':
			stats.reset();
			return { body: { ok: true } };
		case 'GET /__admin/faults':
			return { body: { faults: faults.list() } };
		case 'POST /__admin/faults':
			return { body: { armed: faults.add(body()), faults: faults.list() } };
		case 'DELETE /__admin/faults':
			faults.clear();
			return { body: { ok: true } };
		case 'GET /__admin/webhooks':
			return { body: { config: webhooks.config() ?? null } };
		case 'POST /__admin/webhooks': {
			const config = body();
			if (config.url === undefined || config.url === null) {
				webhooks.configure(undefined);
				return { body: { config: null } };
			}
			if (typeof config.url !== 'string' || typeof config.verifierToken !== 'string') {
				throw badRequest('webhooks: url and verifierToken are required strings');
			}
			const format = config.format ?? 'legacy';
			if (format !== 'legacy' && format !== 'cloudevents') throw badRequest('webhooks: format must be legacy or cloudevents');
			webhooks.configure({ ...config, format } as unknown as WebhookConfig);
			return { body: { config: webhooks.config() ?? null } };
		}
		case 'GET /__admin/webhooks/deliveries':
			return { body: { deliveries: webhooks.deliveries() } };
		case 'POST /__admin/clock/advance': {
			const ms = Number(body().ms);
			if (!Number.isFinite(ms) || ms < 0) throw badRequest('clock/advance: ms must be a number >= 0');
			clock.advance(ms);
			return { body: { now: clock.nowIso() } };
		}
		case 'GET /__admin/clock':
			return { body: { now: clock.nowIso(), timeScale: clock.timeScale } };
		case 'POST /__admin/tokens': {
			const { realmId, clientId } = body();
			if (typeof realmId !== 'string' || !accounting.hasRealm(realmId)) throw badRequest(`tokens: unknown realmId ${String(realmId)}`);
			const tokens = oauth.issueTokens(realmId, typeof clientId === 'string' ? clientId : undefined);
			deps.changed();
			return { body: { ...tokens, realmId } };
		}
		case 'GET /__admin/config':
			return { body: publicSettings(settings) };
		case 'POST /__admin/config':
			applyConfig(deps, body());
			return { body: publicSettings(settings) };
		default:
			throw new QboFault(404, 'ValidationFault', [{ Message: 'Unsupported Operation', Detail: `Admin route ${route.slice(0, 80)} does not exist.`, code: '500' }]);
	}
}

/** POST /__admin/config: limits (false = off, object = merged over the current ones), token lifetimes, batch cap, Retry-After. */
function applyConfig(deps: AdminDeps, input: Record<string, unknown>): void {
	const { settings, limiter, oauth, requestIds } = deps;
	if ('limits' in input) {
		const limits = input.limits;
		if (limits === false || limits === null) settings.limits = undefined;
		else if (limits && typeof limits === 'object') settings.limits = { ...(settings.limits ?? INTUIT_LIMITS), ...numbers(limits as Partial<Limits>) };
		else throw badRequest('config: limits must be false or an object');
		limiter.configure(settings.limits);
	}
	for (const key of ['batchMaxItems', 'requestTimeoutMs', 'maxBodyBytes', 'requestIdCacheSize'] as const) {
		if (key in input) {
			const value = Number(input[key]);
			if (!(value > 0)) throw badRequest(`config: ${key} must be a positive number`);
			settings[key] = value;
		}
	}
	requestIds.setCapacity(settings.requestIdCacheSize);
	if ('writeLatencyMs' in input) {
		const value = Number(input.writeLatencyMs);
		if (!(value >= 0 && value <= 60_000)) throw badRequest('config: writeLatencyMs must be a number from 0 to 60000');
		settings.writeLatencyMs = value;
	}
	if ('duplicateDocNumbers' in input) applyDuplicateDocNumbers(deps, input.duplicateDocNumbers);
	if ('retryAfter' in input) settings.retryAfter = input.retryAfter === true;
	const tokenOptions: Record<string, unknown> = {};
	for (const key of ['accessTokenTtlSec', 'refreshTokenTtlSec', 'rotateRefreshTokens'] as const) {
		if (key in input) tokenOptions[key] = input[key];
	}
	if (Object.keys(tokenOptions).length > 0) oauth.configure(tokenOptions);
}

/** duplicateDocNumbers: 'refuse' | 'allow' for every company (per-company choices dropped), or { realmId: 'refuse' | 'allow' }. */
function applyDuplicateDocNumbers(deps: AdminDeps, value: unknown): void {
	const { settings, accounting } = deps;
	const valid = (v: unknown): v is DuplicateDocNumbers => v === 'refuse' || v === 'allow';
	if (valid(value)) {
		settings.duplicateDocNumbers = value;
		settings.companyDuplicateDocNumbers = {};
		return;
	}
	if (!value || typeof value !== 'object' || Array.isArray(value)) throw badRequest('config: duplicateDocNumbers must be "refuse", "allow" or { realmId: "refuse" | "allow" }');
	for (const [realmId, choice] of Object.entries(value)) {
		if (!accounting.hasRealm(realmId)) throw badRequest(`config: duplicateDocNumbers: unknown realmId ${realmId.slice(0, 40)}`);
		if (!valid(choice)) throw badRequest(`config: duplicateDocNumbers.${realmId} must be "refuse" or "allow"`);
	}
	Object.assign(settings.companyDuplicateDocNumbers, value);
}

function publicSettings(settings: ServerSettings): Record<string, unknown> {
	return { ...settings, limits: settings.limits ?? false };
}

function numbers(input: Partial<Limits>): Partial<Limits> {
	const out: Partial<Limits> = {};
	for (const [key, value] of Object.entries(input)) {
		const number = Number(value);
		if (!(number > 0)) throw badRequest(`config: limits.${key} must be a positive number`);
		out[key as keyof Limits] = number;
	}
	return out;
}

/** The part of an accounting snapshot that belongs to one realm (an entry of `realms` with that realmId). */
function pickRealm(snapshot: unknown, realmId: string): unknown {
	const realms = (snapshot as { realms?: unknown } | undefined)?.realms;
	if (Array.isArray(realms)) return realms.find((realm) => (realm as { realmId?: string })?.realmId === realmId) ?? null;
	if (realms && typeof realms === 'object') return (realms as Record<string, unknown>)[realmId] ?? null;
	return snapshot;
}

function parseBody(rawBody: Buffer): Record<string, unknown> {
	if (rawBody.length === 0) return {};
	try {
		const parsed = JSON.parse(rawBody.toString('utf8'));
		if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
	} catch {
		// fall through
	}
	throw badRequest('admin: body must be a JSON object');
}

function badRequest(detail: string): QboFault {
	return QboFault.validation('2010', 'Request has invalid or unsupported property', detail);
}
