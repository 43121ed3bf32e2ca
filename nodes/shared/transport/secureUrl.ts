/**
 * Tokens, the refresh token and the client secret travel only over https. Plain http is allowed for
 * loopback alone (localhost, 127.0.0.0/8, [::1]), where the emulator runs and nothing crosses a network.
 *
 * The rule is read from the URL text exactly as the credential's OAuth URL expressions read it
 * (credentials/QuickBooksSyncOAuth2Api.credentials.ts), so both sides agree on every URL: an https
 * URL, or http to a loopback host followed directly by a port, a path or the end.
 */
export const SECURE_OR_LOOPBACK = /^(https:\/\/[^\s]+|http:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?(\/[^\s]*)?)$/i;

/** The https rule in one sentence, for error messages and descriptions. */
export const HTTPS_RULE = 'QuickBooks Sync sends tokens and secrets only over https; plain http is allowed only for localhost, 127.x.x.x and [::1]';

/** True when a request to this base URL cannot expose a token on a network. */
export function isSecureOrLoopback(url: string): boolean {
	const text = url.trim();
	if (!SECURE_OR_LOOPBACK.test(text)) return false;
	try {
		// Also a well-formed URL: "https://" alone, or a bad port, is no base URL.
		return new URL(text).host !== '';
	} catch {
		return false;
	}
}
