/** Intuit's OpenID discovery document, pointing at the emulator's own endpoints. */
export function discoveryDocument(origin: string): Record<string, unknown> {
	return {
		issuer: `${origin}/op/v1`,
		authorization_endpoint: `${origin}/connect/oauth2`,
		token_endpoint: `${origin}/oauth2/v1/tokens/bearer`,
		userinfo_endpoint: `${origin}/v1/openid_connect/userinfo`,
		revocation_endpoint: `${origin}/v2/oauth2/tokens/revoke`,
		jwks_uri: `${origin}/op/v1/jwks`,
		response_types_supported: ['code'],
		subject_types_supported: ['public'],
		id_token_signing_alg_values_supported: ['RS256'],
		scopes_supported: ['openid', 'email', 'profile', 'address', 'phone'],
		token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
		claims_supported: ['aud', 'exp', 'iat', 'iss', 'realmid', 'sub'],
	};
}
