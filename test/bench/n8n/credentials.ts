import type { RunningEmulator } from '../../../emulator/src';
import type { CredentialImport } from '../../e2e/harness';

const INTUIT_AUTHORIZE_URL = 'https://appcenter.intuit.com/connect/oauth2';
const INTUIT_TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';

/**
 * The two credentials as n8n stores them after a finished consent, both for Intuit's PRODUCTION
 * hosts: the benchmark's n8n process reaches the emulator through the host redirect, so the
 * built-in node runs unmodified and this package's node takes the very same path.
 */
export function benchCredentials(emulator: RunningEmulator, realmId: string): { builtIn: CredentialImport; sync: CredentialImport } {
	const oauth = () => ({
		grantType: 'authorizationCode',
		authUrl: INTUIT_AUTHORIZE_URL,
		accessTokenUrl: INTUIT_TOKEN_URL,
		clientId: emulator.demoClient.clientId,
		clientSecret: emulator.demoClient.clientSecret,
		scope: 'com.intuit.quickbooks.accounting',
		authQueryParameters: '',
		authentication: 'header',
		oauthTokenData: { ...emulator.issueTokens(realmId), callbackQueryString: { realmId } },
	});
	return {
		builtIn: { name: 'QuickBooks (built-in, bench)', type: 'quickBooksOAuth2Api', data: { ...oauth(), environment: 'production' } },
		sync: {
			name: 'QuickBooks Sync (bench)',
			type: 'quickBooksSyncOAuth2Api',
			data: { ...oauth(), environment: 'production', minorVersion: 75, webhookVerifierToken: '' },
		},
	};
}
