import { createHash } from 'node:crypto';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

/**
 * "Idempotency Key": the caller's name for ONE business event (the triggers' `eventKey`, a source
 * system's message id, …). It is not a mechanism of its own: it is turned into the business key the
 * exactly-once machinery already settles races on (see README "Exactly once"), so two executions of
 * one event — also on two n8n processes at the same moment — have one effect in QuickBooks:
 *   - document Create: when no Document Number is given, the DocNumber becomes a digest of the key;
 *   - payment Create / Mark Invoice Paid: when the payment's key field (Reference Number, or Private
 *     Note) is empty, it gets the digest (reference numbers hold 21 characters) or the key itself.
 * A value the user gives wins over the derived one: it is already a business key.
 */

/** Longest Idempotency Key accepted (QuickBooks never sees it whole, only in a Private Note). */
export const MAX_IDEMPOTENCY_KEY = 1000;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * 21 characters, QuickBooks' limit for DocNumber and PaymentRefNum: 'K' then 20 base32 characters
 * (100 bits) of SHA-256 of the key. Case never matters (QuickBooks compares numbers without case).
 */
export function keyDigest(key: string): string {
	const bytes = createHash('sha256').update(key, 'utf8').digest();
	let bits = '';
	for (const byte of bytes.subarray(0, 13)) bits += byte.toString(2).padStart(8, '0');
	let out = 'K';
	for (let index = 0; index < 20; index++) out += BASE32[parseInt(bits.slice(index * 5, index * 5 + 5), 2)];
	return out;
}

const KEY_HINT =
	'Names the business event this write belongs to, e.g. {{ $json.eventKey }} from a QuickBooks Sync trigger. Executions that run the same key — at once or later, on any n8n process — have one effect in QuickBooks.';

/** The top-level parameter of document Create. */
export function idempotencyKeyField(show: INodeProperties['displayOptions']): INodeProperties {
	return {
		displayName: 'Idempotency Key',
		name: 'idempotencyKey',
		type: 'string',
		default: '',
		placeholder: 'e.g. {{ $json.eventKey }}',
		description: `${KEY_HINT} Used when Document Number is empty: the number becomes K + 20 characters derived from the key`,
		displayOptions: show,
	};
}

/** The option inside the payment's Additional Fields. */
export const paymentIdempotencyKeyOption: INodeProperties = {
	displayName: 'Idempotency Key',
	name: 'idempotencyKey',
	type: 'string',
	default: '',
	description: `${KEY_HINT} Used when the key field is empty: the Reference Number becomes K + 20 characters derived from the key, or the Private Note the key itself`,
};

/** Reads a key: trimmed text, or undefined when empty; too long or not text fails naming the parameter. */
export function readIdempotencyKey(value: unknown, fail: (message: string) => Error): string | undefined {
	if (value === undefined || value === null) return undefined;
	if (typeof value !== 'string' && typeof value !== 'number') throw fail('The Idempotency Key must be text');
	const key = String(value).trim();
	if (!key) return undefined;
	if (key.length > MAX_IDEMPOTENCY_KEY) throw fail(`The Idempotency Key is ${key.length} characters long; at most ${MAX_IDEMPOTENCY_KEY}`);
	return key;
}

/** The Document Number derived from the key (only used when the user gave none). */
export function docNumberFromKey(key: string | undefined): string | undefined {
	return key === undefined ? undefined : keyDigest(key);
}

/** Fills the payment's empty key field from the key; a value the user gave is kept. */
export function applyPaymentKey(header: IDataObject, keyField: 'PaymentRefNum' | 'PrivateNote', key: string | undefined): void {
	if (key === undefined || header[keyField]) return;
	header[keyField] = keyField === 'PaymentRefNum' ? keyDigest(key) : key;
}
