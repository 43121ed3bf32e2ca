import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { HTTPS_RULE, isSecureOrLoopback } from './secureUrl';

/** Every n8n context the pack calls QuickBooks from. */
export type QboFunctions = IExecuteFunctions | IPollFunctions | IWebhookFunctions | ILoadOptionsFunctions | IHookFunctions;

export const CREDENTIAL_TYPE = 'quickBooksSyncOAuth2Api';

/** The company a credential is connected to, and where its API lives. */
export interface QboCompany {
	realmId: string;
	apiBaseUrl: string;
	minorVersion: number;
}

export const API_BASE_URLS: Record<string, string> = {
	production: 'https://quickbooks.api.intuit.com',
	sandbox: 'https://sandbox-quickbooks.api.intuit.com',
};

export const DEFAULT_MINOR_VERSION = 75;

/** Reads base URL, realmId and minor version from the node's QuickBooks credential. */
export async function getCompany(this: QboFunctions): Promise<QboCompany> {
	const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	return companyFromCredentials(this, credentials);
}

/** Pure part of getCompany, so it can be tested without a context. */
export function companyFromCredentials(
	context: Pick<QboFunctions, 'getNode'>,
	credentials: ICredentialDataDecryptedObject,
): QboCompany {
	const environment = String(credentials.environment ?? 'production');
	let apiBaseUrl = API_BASE_URLS[environment];
	if (environment === 'custom') {
		apiBaseUrl = String(credentials.customApiBaseUrl ?? '').trim();
		refuseInsecure(context, 'API Base URL', apiBaseUrl);
		// n8n refreshes tokens at the OAuth URLs (sending the refresh token and the client secret).
		refuseInsecure(context, 'OAuth Base URL', String(credentials.customOAuthBaseUrl ?? '').trim());
	}
	if (!apiBaseUrl) {
		throw new NodeOperationError(context.getNode(), `Unknown QuickBooks environment "${environment}" in the credential`);
	}
	// The URLs n8n resolved from the credential's expressions, whatever the environment says.
	for (const [field, label] of [
		['accessTokenUrl', 'Access Token URL'],
		['authUrl', 'Authorization URL'],
	] as const) {
		if (typeof credentials[field] === 'string' && credentials[field] !== '') refuseInsecure(context, label, credentials[field]);
	}

	const tokenData = (credentials.oauthTokenData ?? {}) as IDataObject;
	const callback = (tokenData.callbackQueryString ?? {}) as IDataObject;
	// n8n keeps the redirect's query string; some set-ups (manual token entry) put realmId at the top level.
	const realmId = String(callback.realmId ?? tokenData.realmId ?? '').trim();
	if (!/^\d+$/.test(realmId)) {
		throw new NodeOperationError(context.getNode(), 'The QuickBooks credential is not connected to a company (no realmId)', {
			description: 'Open the credential and click "Connect my account" again, then pick the QuickBooks company.',
		});
	}

	const minor = Number(credentials.minorVersion);
	const minorVersion = Number.isFinite(minor) && minor >= DEFAULT_MINOR_VERSION ? Math.floor(minor) : DEFAULT_MINOR_VERSION;

	return { realmId, apiBaseUrl: apiBaseUrl.replace(/\/+$/, ''), minorVersion };
}

/** Stops before any request when a credential URL could expose a token or secret on a network. */
function refuseInsecure(context: Pick<QboFunctions, 'getNode'>, label: string, url: string): void {
	if (isSecureOrLoopback(url)) return;
	throw new NodeOperationError(
		context.getNode(),
		`The QuickBooks credential's ${label} "${url}" is refused: it must be an https URL (${HTTPS_RULE})`,
		{ description: `Open the credential and set ${label} to the https address of your QuickBooks proxy, or http://localhost:5757 for the local emulator.` },
	);
}
