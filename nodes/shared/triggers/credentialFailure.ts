import { NodeApiError, type INode } from 'n8n-workflow';

/**
 * True when QuickBooks refused the credential itself (expired or revoked refresh token, missing
 * access): retrying cannot help until someone reconnects the credential.
 */
export function isCredentialFailure(error: unknown): boolean {
	const details = error as { httpCode?: string; message?: string; description?: string; context?: Record<string, unknown> };
	const status = Number(details?.context?.httpStatus ?? NaN);
	const type = String(details?.context?.qboFaultType ?? '');
	const text = `${details?.message ?? ''} ${details?.description ?? ''}`;
	return (
		status === 401 ||
		status === 403 ||
		type === 'AuthenticationFault' ||
		type === 'AuthorizationFault' ||
		/invalid_grant|refresh token|unauthori[sz]ed|authentication failed/i.test(text)
	);
}

/** The error shown when the credential no longer works, with what to do about it. */
export function credentialError(node: INode, cause: unknown): NodeApiError {
	const original = cause as { message?: string; description?: string };
	return new NodeApiError(
		node,
		{ message: String(original?.message ?? cause) },
		{
			message: 'QuickBooks refused the credential: it has expired or was revoked',
			description:
				'Open the QuickBooks Sync credential and click "Reconnect", then pick the same company. ' +
				`QuickBooks said: ${[original?.message, original?.description].filter(Boolean).join(' — ')}`,
		},
	);
}
