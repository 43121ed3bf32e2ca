import { createAccounting } from './accounting';
import { createClock } from './clock';
import type { AccountingService, Clock, WebhookService } from './contracts';
import { createOAuth, DEMO_CLIENT, type OAuth, type TokenResponse } from './oauth';
import { DEFAULT_SETTINGS, duplicateDocNumbersOf, resolveLimits, type DuplicateDocNumbers, type Limits, type ServerSettings } from './server/config';
import { Persistence } from './server/persistence';
import { createEmulatorServer } from './server/server';
import type { StatsSnapshot } from './server/stats';
import { createWebhooks } from './webhooks';

export type * from './contracts';
export { QboFault } from './contracts';
export { createClock } from './clock';
export { INTUIT_LIMITS, type DuplicateDocNumbers, type Limits, type ServerSettings } from './server/config';
export type { InjectedFaultSpec, InjectedFaultMode } from './server/injected-faults';
export type { StatsSnapshot } from './server/stats';
export type { TokenResponse } from './oauth';

export interface EmulatorOptions {
	/** 0 (default) = any free port. */
	port?: number;
	/** Default 127.0.0.1. */
	host?: string;
	/** Emulated time runs this many times faster than real time (default 1). */
	timeScale?: number;
	/** Intuit's throttles by default; a partial object changes some; false turns throttling off. */
	limits?: Partial<Limits> | false;
	accessTokenTtlSec?: number;
	refreshTokenTtlSec?: number;
	rotateRefreshTokens?: boolean;
	/** Items allowed per batch (default 30). */
	batchMaxItems?: number;
	/** Send Retry-After on 429s (default false, like QuickBooks). */
	retryAfter?: boolean;
	/**
	 * Duplicate sales-document numbers: 'refuse' (default, 6140) or 'allow' (stored silently, as in a
	 * company whose duplicate-number warning is off) for every company, or per realm id.
	 */
	duplicateDocNumbers?: DuplicateDocNumbers | Record<string, DuplicateDocNumbers>;
	/** Real ms every write waits before it is checked and applied (default 0), so that races in tests overlap. */
	writeLatencyMs?: number;
	/** Keep state in this JSON file: loaded on start, saved after changes and on stop. */
	dataFile?: string;
	/** No warnings on the console. */
	quiet?: boolean;
}

export interface RunningEmulator {
	/** Base URL, e.g. http://127.0.0.1:5757 — the API is under /v3/company/{realmId}/. */
	url: string;
	port: number;
	clock: Clock;
	accounting: AccountingService;
	oauth: OAuth;
	webhooks: WebhookService;
	/** The seeded companies' realm ids. */
	realms: { us: string; ca: string };
	demoClient: { clientId: string; clientSecret: string };
	/** Server settings, changeable at run time. */
	settings: ServerSettings;
	/** A fresh token pair for a realm, as a finished OAuth consent would give. */
	issueTokens(realmId: string): TokenResponse;
	stats(): StatsSnapshot;
	stop(): Promise<void>;
}

/** Starts a QuickBooks Online emulator on loopback (two seeded companies: US and CA). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const clock = createClock(options.timeScale ?? 1);
	// Read at write time: the settings object is made below and changes at run time (admin config).
	let current: ServerSettings | undefined;
	const accounting = createAccounting({ clock, allowsDuplicateDocNumbers: (realmId) => (current ? duplicateDocNumbersOf(current, realmId) === 'allow' : false) });
	const realms = { us: String(accounting.realms.us), ca: String(accounting.realms.ca) };
	const webhooks = createWebhooks({ clock });
	const oauth = createOAuth({
		clock,
		realmIds: () => accounting.realmIds(),
		defaultRealmId: realms.us,
		realmAliases: () => realms,
		accessTokenTtlSec: options.accessTokenTtlSec,
		refreshTokenTtlSec: options.refreshTokenTtlSec,
		rotateRefreshTokens: options.rotateRefreshTokens,
	});
	const warn = (message: string) => {
		if (!options.quiet) console.warn(`[qbo-emulator] ${message}`);
	};

	const persistence = options.dataFile
		? new Persistence(options.dataFile, accounting, oauth, (error) => warn(`could not save ${options.dataFile}: ${error.message}`))
		: undefined;
	persistence?.load();
	const persist = () => persistence?.changed();

	accounting.onChange((event) => {
		try {
			webhooks.notify(event);
		} catch (error) {
			warn(`webhook notify failed: ${(error as Error).message}`);
		}
		persist();
	});

	const settings: ServerSettings = {
		...DEFAULT_SETTINGS,
		limits: resolveLimits(options.limits),
		...(options.batchMaxItems ? { batchMaxItems: options.batchMaxItems } : {}),
		...(options.retryAfter !== undefined ? { retryAfter: options.retryAfter } : {}),
		...(options.writeLatencyMs !== undefined ? { writeLatencyMs: options.writeLatencyMs } : {}),
		...(typeof options.duplicateDocNumbers === 'string' ? { duplicateDocNumbers: options.duplicateDocNumbers } : {}),
		companyDuplicateDocNumbers: typeof options.duplicateDocNumbers === 'object' ? { ...options.duplicateDocNumbers } : {},
	};
	current = settings;
	const emulator = createEmulatorServer({ clock, accounting, oauth, webhooks }, settings, persist);
	const host = options.host ?? '127.0.0.1';
	const port = await emulator.listen(options.port ?? 0, host);
	const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

	let stopped: Promise<void> | undefined;
	return {
		url,
		port,
		clock,
		accounting,
		oauth,
		webhooks,
		realms,
		demoClient: { clientId: DEMO_CLIENT.clientId, clientSecret: DEMO_CLIENT.clientSecret },
		settings,
		issueTokens: (realmId) => {
			const tokens = oauth.issueTokens(realmId);
			persist();
			return tokens;
		},
		stats: () => emulator.stats.snapshot(),
		stop() {
			stopped ??= emulator.close().then(() => persistence?.flush());
			return stopped;
		},
	};
}
