import type { TestEmulator } from '../../support/emulator';

export type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Writes to the emulated QuickBooks through its public REST API with a bearer token, as any app
 * would (so the change goes through the same path as real traffic: CDC, webhooks).
 */
export class QboRest {
	private readonly token: string;

	constructor(
		private readonly qbo: TestEmulator,
		private readonly realmId: string,
	) {
		this.token = qbo.emulator.issueTokens(realmId).access_token;
	}

	/** POST /v3/company/<realm>/<entity>; returns the created record. */
	async create(entity: string, body: Row): Promise<Row> {
		const response = await fetch(`${this.qbo.url}/v3/company/${this.realmId}/${entity.toLowerCase()}?minorversion=75`, {
			method: 'POST',
			headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const answer = (await response.json()) as Row;
		if (!response.ok) throw new Error(`create ${entity}: HTTP ${response.status} ${JSON.stringify(answer)}`);
		return answer[entity] as Row;
	}
}
