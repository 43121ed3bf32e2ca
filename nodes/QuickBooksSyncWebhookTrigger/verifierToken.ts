import type { ICredentialDataDecryptedObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/transport';

/** Why every delivery is refused when the credential has no token, for the log and the activation error. */
export const NO_TOKEN_MESSAGE =
	'The QuickBooks Sync credential has no Webhook Verifier Token, so no delivery can be verified and every one is refused';

/**
 * The verifier token as Intuit uses it: pasted text loses surrounding spaces and line breaks. A blank
 * one is no token (an HMAC key of spaces is one anybody could guess): deliveries are then refused.
 */
export function verifierTokenOf(credentials: ICredentialDataDecryptedObject): string {
	return String(credentials.webhookVerifierToken ?? '').trim();
}

/** Activation fails, with the fix, rather than running a trigger that refuses everything. */
export async function requireVerifierToken(context: IHookFunctions): Promise<void> {
	const credentials = await context.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	if (verifierTokenOf(credentials)) return;
	throw new NodeOperationError(context.getNode(), NO_TOKEN_MESSAGE, {
		description: "Copy the Verifier Token from your app's Webhooks page in the Intuit developer portal into the credential's Webhook Verifier Token field.",
	});
}
