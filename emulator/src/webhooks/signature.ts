import { createHmac } from 'node:crypto';

/** The `intuit-signature` header: base64(HMAC-SHA256(key = verifier token, message = raw body bytes)). */
export function intuitSignature(body: string | Buffer, verifierToken: string): string {
	return createHmac('sha256', verifierToken).update(body).digest('base64');
}
