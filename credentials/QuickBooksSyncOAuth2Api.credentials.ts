import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/** Intuit's OAuth endpoints; a Custom environment serves the same paths under its own base URL. */
const INTUIT_AUTHORIZE_URL = 'https://appcenter.intuit.com/connect/oauth2';
const INTUIT_TOKEN_URL = 'https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer';

/**
 * An https URL, or plain http to loopback only (localhost, 127.x.x.x, [::1]), where nothing crosses a
 * network. The node's transport applies the same rule (nodes/shared/transport/secureUrl.ts).
 */
const SECURE_OR_LOOPBACK = String.raw`/^(https:\/\/\S+|http:\/\/(localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(:\d{1,5})?(\/\S*)?)$/i`;

/**
 * What a Custom OAuth URL becomes when it breaks the rule: not an http(s) URL at all, so n8n sends the
 * client secret, a code or a refresh token nowhere (n8n refuses it: "Invalid protocol: https-required:").
 */
const REFUSED = 'https-required:set-an-https-OAuth-Base-URL';

const TRAILING_SLASHES = String.raw`/\/+$/`;

/** The n8n expression of one OAuth endpoint: Intuit's, or the Custom base URL plus `path` when it is safe. */
function oauthEndpoint(path: string, intuitUrl: string): string {
	const base = 'String($self["customOAuthBaseUrl"] || "").trim()';
	return (
		`={{ $self["environment"] !== "custom" ? "${intuitUrl}" : ` +
		`${SECURE_OR_LOOPBACK}.test(${base}) ? ${base}.replace(${TRAILING_SLASHES}, "") + "${path}" : "${REFUSED}" }}`
	);
}

export class QuickBooksSyncOAuth2Api implements ICredentialType {
	name = 'quickBooksSyncOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'QuickBooks Sync OAuth2 API';

	documentationUrl = 'https://developer.intuit.com/app/developer/qbo/docs/develop/authentication-and-authorization/oauth-2.0';

	icon: Icon = { light: 'file:icons/quickbooks.svg', dark: 'file:icons/quickbooks.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: [
				{ name: 'Production', value: 'production', description: 'Live QuickBooks Online companies' },
				{ name: 'Sandbox', value: 'sandbox', description: "Intuit's developer sandbox companies" },
				{
					name: 'Custom',
					value: 'custom',
					description: 'Your own gateway in front of QuickBooks Online, serving the same paths',
				},
			],
			default: 'production',
		},
		{
			displayName: 'OAuth Base URL',
			name: 'customOAuthBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://quickbooks-gateway.example.com',
			description:
				'Serves /connect/oauth2 (authorize) and /oauth2/v1/tokens/bearer (token) the way Intuit does',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'API Base URL',
			name: 'customApiBaseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://quickbooks-gateway.example.com',
			description: 'Serves /v3/company/{realmId}/… the way QuickBooks Online does',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Minor Version',
			name: 'minorVersion',
			type: 'number',
			default: 75,
			typeOptions: { minValue: 75 },
			description:
				'QuickBooks API minor version sent on every call. Since August 2025 versions below 75 are ignored.',
		},
		{
			displayName: 'Webhook Verifier Token',
			name: 'webhookVerifierToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"From your app's Webhooks page in the Intuit developer portal. The webhook trigger uses it to check the intuit-signature header.",
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: oauthEndpoint('/connect/oauth2', INTUIT_AUTHORIZE_URL),
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: oauthEndpoint('/oauth2/v1/tokens/bearer', INTUIT_TOKEN_URL),
			required: true,
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'hidden',
			default: 'com.intuit.quickbooks.accounting',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'header',
		},
	];
}
