/** Direct access to the emulator's books for seeding and checking (in process: never counted as API requests). */
import type { RunningEmulator } from '../../../emulator/src';
import type { CustomerSeed, ItemSeed } from './data';

/** Every record of an entity, 1,000 per page. */
export function allRecords(emulator: RunningEmulator, realmId: string, entity: string): Record<string, unknown>[] {
	const rows: Record<string, unknown>[] = [];
	for (let start = 1; start < 1_000_000; start += 1000) {
		const page = emulator.accounting.query(realmId, `SELECT * FROM ${entity} STARTPOSITION ${start} MAXRESULTS 1000`);
		const batch = (page[entity] as Record<string, unknown>[] | undefined) ?? [];
		rows.push(...batch);
		if (batch.length < 1000) break;
	}
	return rows;
}

/** Service items on the seeded "Services" income account (id 1). */
export function seedItems(emulator: RunningEmulator, realmId: string, items: ItemSeed[]): void {
	for (const item of items) {
		emulator.accounting.create(realmId, 'Item', { Name: item.name, Type: 'Service', UnitPrice: item.unitPrice, IncomeAccountRef: { value: '1' } });
	}
}

export function seedCustomers(emulator: RunningEmulator, realmId: string, customers: CustomerSeed[]): void {
	for (const customer of customers) {
		emulator.accounting.create(realmId, 'Customer', { DisplayName: customer.name, PrimaryEmailAddr: { Address: customer.email } });
	}
}
