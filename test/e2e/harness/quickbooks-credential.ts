import type { CredentialImport } from './n8n-instance';

/** The credential type this package defines. */
export const QUICKBOOKS_CREDENTIAL_TYPE = 'quickBooksSyncOAuth2Api';

/** Token fields as Intuit's (and the emulator's) token endpoint returns them. */
export interface OAuthTokens {
	access_token: string;
	refresh_token: string;
	token_type?: string;
	expires_in?: number;
	x_refresh_token_expires_in?: number;
	x_refresh_token_hard_expires_in?: number;
}

/**
 * A "QuickBooks Sync OAuth2 API" credential already connected to a company of the emulator, as n8n
 * stores one after the OAuth dance: the token response plus `callbackQueryString.realmId`.
 * Tokens come from the emulator (`issueTokens(realmId)` or `POST /__admin/tokens`).
 */
export function connectedQuickBooksCredential(options: {
	name?: string;
	emulatorUrl: string;
	clientId: string;
	clientSecret: string;
	realmId: string;
	tokens: OAuthTokens;
}): CredentialImport {
	return {
		name: options.name ?? 'QuickBooks Sync (emulator)',
		type: QUICKBOOKS_CREDENTIAL_TYPE,
		data: {
			environment: 'custom',
			customOAuthBaseUrl: options.emulatorUrl,
			customApiBaseUrl: options.emulatorUrl,
			clientId: options.clientId,
			clientSecret: options.clientSecret,
			oauthTokenData: { ...options.tokens, callbackQueryString: { realmId: options.realmId } },
		},
	};
}
