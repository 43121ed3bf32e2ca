import { createHmac, timingSafeEqual } from 'crypto';

/** What Intuit sends in `intuit-signature`: base64(HMAC-SHA256(key = verifier token, message = raw body)). */
export function intuitSignature(verifierToken: string, rawBody: Buffer | string): string {
	return createHmac('sha256', verifierToken).update(rawBody).digest('base64');
}

/**
 * True when the header is the signature of exactly these bytes under this token. Compared in
 * constant time; lengths are checked first because timingSafeEqual throws on unequal lengths.
 * A blank token verifies nothing (every request is refused until the credential has one): a key of
 * spaces is one anybody could guess.
 */
export function isValidSignature(verifierToken: string, rawBody: Buffer | string, header: unknown): boolean {
	if (verifierToken.trim() === '' || typeof header !== 'string' || header.trim() === '') return false;
	const expected = Buffer.from(intuitSignature(verifierToken, rawBody), 'utf8');
	const received = Buffer.from(header.trim(), 'utf8');
	if (received.length !== expected.length) return false;
	return timingSafeEqual(received, expected);
}
