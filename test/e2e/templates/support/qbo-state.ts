import type { TestEmulator } from '../../../support/emulator';

export type Row = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Rows of a query run straight on the emulator's accounting layer (the test's view of QuickBooks). */
export function rows(qbo: TestEmulator, realmId: string, text: string): Row[] {
	const response = qbo.emulator.accounting.query(realmId, text) as Record<string, unknown>;
	const found = Object.values(response).find((value) => Array.isArray(value));
	return (found ?? []) as Row[];
}

/** Every record of the entities a flow writes, reduced to identity and version, for "nothing changed" checks. */
export function fingerprint(qbo: TestEmulator, realmId: string, entities: string[]): Record<string, string[]> {
	const out: Record<string, string[]> = {};
	for (const entity of entities) {
		out[entity] = rows(qbo, realmId, `SELECT * FROM ${entity} MAXRESULTS 1000`)
			.map((row) => `${row.Id}@${row.SyncToken}`)
			.sort();
	}
	return out;
}
