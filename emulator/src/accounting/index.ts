import type { AccountingService, Clock } from '../contracts';
import { executeQuery, parseQuery } from '../query';
import { CA_REALM, US_REALM } from './seeds';
import { createAccountingService } from './service';

export { CA_REALM, US_REALM } from './seeds';
export { SANDBOX_EMAILS_PER_DAY } from './service';
export { writePdf } from './pdf';

/** The accounting core for the emulator: two seeded companies (US and Canada), QuickBooks' rules, no HTTP. */
export function createAccounting(options: { clock: Clock }): AccountingService & { realms: { us: string; ca: string } } {
	const service = createAccountingService({
		clock: options.clock,
		query(rowsOf, text) {
			const parsed = parseQuery(text);
			return executeQuery(parsed, rowsOf(parsed.entity));
		},
	});
	return Object.assign(service, { realms: { us: US_REALM, ca: CA_REALM } });
}
