import { randomUUID } from 'node:crypto';
import type { ChangeEvent, Clock, WebhookConfig, WebhookService } from '../contracts';
import { cloudEventsBody, legacyBody } from './payloads';
import { post, type PendingPost } from './post';
import { DEFAULT_MAX_RETRIES, retryDelayMs } from './retrySchedule';
import { intuitSignature } from './signature';

export { cloudEventType } from './payloads';
export { intuitSignature } from './signature';
export { DEFAULT_MAX_RETRIES, retryDelayMs } from './retrySchedule';

export interface WebhooksOptions {
	clock: Clock;
	/** Emulated ms the receiver has to answer 200 (Intuit: 3 s). Real wait = this ÷ timeScale, at least minRealTimeoutMs. */
	timeoutMs?: number;
	/** Floor for the real wait (default 250 ms), so a large time scale does not fail every receiver on a busy machine. */
	minRealTimeoutMs?: number;
	/** Retries after the first attempt before a notification is given up. */
	maxRetries?: number;
	/** Deliveries kept in the log (oldest dropped first). */
	logLimit?: number;
}

/** One line of the delivery log. */
export interface DeliveryRecord {
	/** The notification's id; duplicates and retries of one notification share it. */
	id: string;
	attempt: number;
	status: number | 'error';
	at: string;
	body: string;
	/** Which forced duplicate this was (1 = the original). */
	copy: number;
	/** Why an attempt failed without an HTTP status (timeout, refused connection). */
	error?: string;
}

/** At most this many events travel in one delivery (Intuit's CloudEvents limit; applied to both formats). */
export const MAX_EVENTS_PER_DELIVERY = 100;

/** The WebhookService of contracts.ts, with the richer log lines above. */
export type Webhooks = Omit<WebhookService, 'deliveries'> & { deliveries(): DeliveryRecord[] };

interface Delivery {
	id: string;
	copy: number;
	config: WebhookConfig;
	body: string;
	signature: string;
	attempt: number;
	retryTimer?: NodeJS.Timeout;
	inFlight?: PendingPost;
}

/** Signed webhook notifications out, with Intuit's batching, retry schedule and forced duplicates. */
export function createWebhooks(options: WebhooksOptions): Webhooks {
	const { clock } = options;
	const timeoutMs = options.timeoutMs ?? 3000;
	const minRealTimeoutMs = options.minRealTimeoutMs ?? 250;
	const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
	const logLimit = options.logLimit ?? 1000;

	let config: WebhookConfig | undefined;
	let stopped = false;
	let buffer: ChangeEvent[] = [];
	let batchTimer: NodeJS.Timeout | undefined;
	const active = new Set<Delivery>();
	let log: DeliveryRecord[] = [];
	let idleWaiters: (() => void)[] = [];

	const isIdle = () => active.size === 0 && buffer.length === 0;
	function settleIdle(): void {
		if (!isIdle()) return;
		const waiters = idleWaiters;
		idleWaiters = [];
		for (const resolve of waiters) resolve();
	}

	function record(entry: DeliveryRecord): void {
		log.push(entry);
		if (log.length > logLimit) log = log.slice(log.length - logLimit);
	}

	function flush(): void {
		if (batchTimer) clearTimeout(batchTimer);
		batchTimer = undefined;
		const events = buffer;
		buffer = [];
		for (let i = 0; i < events.length; i += MAX_EVENTS_PER_DELIVERY) dispatch(events.slice(i, i + MAX_EVENTS_PER_DELIVERY));
		settleIdle();
	}

	function dispatch(events: ChangeEvent[]): void {
		const current = config;
		if (!current || events.length === 0) return;
		const body = current.format === 'cloudevents' ? cloudEventsBody(events) : legacyBody(events);
		const signature = intuitSignature(body, current.verifierToken);
		const id = randomUUID();
		const copies = Math.max(1, Math.floor(current.duplicates ?? 1));
		for (let copy = 1; copy <= copies; copy++) {
			const delivery: Delivery = { id, copy, config: current, body, signature, attempt: 0 };
			active.add(delivery);
			void attempt(delivery);
		}
	}

	async function attempt(delivery: Delivery): Promise<void> {
		delivery.retryTimer = undefined;
		delivery.attempt += 1;
		const at = clock.nowIso();
		const realTimeout = Math.max(minRealTimeoutMs, timeoutMs / clock.timeScale);
		delivery.inFlight = post(
			delivery.config.url,
			delivery.body,
			{ 'Content-Type': 'application/json', 'intuit-signature': delivery.signature, 'User-Agent': 'qbo-emulator-webhooks' },
			realTimeout,
		);
		const outcome = await delivery.inFlight.result;
		delivery.inFlight = undefined;
		if (!active.has(delivery)) return; // stopped or reset meanwhile
		const status = 'status' in outcome ? outcome.status : 'error';
		record({
			id: delivery.id,
			attempt: delivery.attempt,
			status,
			at,
			body: delivery.body,
			copy: delivery.copy,
			...('error' in outcome ? { error: outcome.error } : {}),
		});
		// Intuit counts only a 200 as delivered.
		if (status !== 200 && delivery.attempt <= maxRetries) {
			delivery.retryTimer = clock.setTimeout(() => void attempt(delivery), retryDelayMs(delivery.attempt));
			return;
		}
		active.delete(delivery);
		settleIdle();
	}

	function cancelAll(): void {
		if (batchTimer) clearTimeout(batchTimer);
		batchTimer = undefined;
		buffer = [];
		for (const delivery of active) {
			if (delivery.retryTimer) clearTimeout(delivery.retryTimer);
			delivery.inFlight?.cancel();
		}
		active.clear();
		settleIdle();
	}

	return {
		configure(next) {
			config = next ? { ...next } : undefined;
		},
		config: () => (config ? { ...config } : undefined),
		notify(event) {
			if (stopped || !config) return;
			if (config.realmIds && !config.realmIds.includes(event.realmId)) return;
			const delay = config.batchDelayMs ?? 0;
			if (delay <= 0) return dispatch([event]);
			buffer.push(event);
			if (buffer.length >= MAX_EVENTS_PER_DELIVERY) flush();
			else batchTimer ??= clock.setTimeout(flush, delay);
		},
		deliveries: () => log.map((entry) => ({ ...entry })),
		idle: () => (isIdle() ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
		stop() {
			stopped = true;
			cancelAll();
		},
		reset() {
			cancelAll();
			log = [];
		},
	};
}
