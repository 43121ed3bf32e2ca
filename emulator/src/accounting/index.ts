/**
 * The emulator's accounting core: companies, entities and QuickBooks' business rules, synchronous and in
 * memory, no HTTP. Map of the folder:
 *   service.ts        create/read/update/delete/void/send/pdf/query/changedSince/snapshot — the engine
 *   store.ts          a company's tables, uniqueness index, CDC times, tombstones, snapshots
 *   entities.ts       which rules serve which entity; URL segment → entity
 *   names.ts items.ts lists.ts                     customers/vendors/employees, items, simple lists
 *   preferences.ts    the company's Preferences (updated section by section)
 *   behaviour.ts      create defaults, "(deleted)" renaming, sparse no-op — read from query/entity-fields.ts
 *   sales.ts lines.ts tax.ts doc-numbers.ts custom-fields.ts sales-effects.ts stock.ts   sales documents
 *   payments.ts bills.ts                            payments applied to invoices; bills
 *   faults.ts         QuickBooks' fault codes and texts;  schema-fields.ts  properties Intuit's schema allows
 *   seeds.ts          the US and Canadian demo companies;  pdf.ts  a minimal PDF writer
 */
import type { AccountingService, Clock } from '../contracts';
import { executeQuery, parseQuery } from '../query';
import { CA_REALM, US_REALM } from './seeds';
import { createAccountingService } from './service';

export { CA_REALM, US_REALM } from './seeds';
export { SANDBOX_EMAILS_PER_DAY } from './service';
export { writePdf } from './pdf';

/** The accounting core for the emulator: two seeded companies (US and Canada), QuickBooks' rules, no HTTP. */
export function createAccounting(options: {
	clock: Clock;
	/** Whether a company stores a second sales document with a number already used (its duplicate check off). */
	allowsDuplicateDocNumbers?: (realmId: string) => boolean;
}): AccountingService & { realms: { us: string; ca: string } } {
	const service = createAccountingService({
		clock: options.clock,
		allowsDuplicateDocNumbers: options.allowsDuplicateDocNumbers,
		query(rowsOf, text) {
			const parsed = parseQuery(text);
			return executeQuery(parsed, rowsOf(parsed.entity));
		},
	});
	return Object.assign(service, { realms: { us: US_REALM, ca: CA_REALM } });
}
