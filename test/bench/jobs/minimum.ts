/**
 * The theoretical minimum number of QuickBooks API requests for each job, from Intuit's rules:
 *   - a query returns at most 1,000 rows (MAXRESULTS cap), so one `field IN (…)` query can settle at
 *     most 1,000 keys; sent by POST (`Content-Type: application/text`) its length is not bound by a URL;
 *   - a /batch request carries at most 30 items (the figure on Intuit's limits page);
 *   - a batch item cannot see another item's result, so a document that needs a customer created in
 *     the run waits for the batch that creates it (creates of names and of documents are separate steps);
 *   - idempotency ("if it already exists: skip") needs the existing documents, looked up by DocNumber;
 *   - exactly once across executions running at the same time (README "Exactly once") needs, after the
 *     creates, the documents holding each DocNumber read back (the oldest wins). Every number read back
 *     holds the run's own document, and DocNumber is not unique (a company may allow duplicates), so a
 *     list of 1,000 numbers always fills its page of 1,000 and a full page cannot show it was the last
 *     (Intuit documents no order of Ids to stop on): only a list of at most 999 numbers can be settled by
 *     one page. One more IN query per 999 numbers. Counted for the invoice jobs, whose node settles its
 *     creates that way.
 * OAuth token calls are not API requests and are not counted.
 */
import type { InvoiceJobSizes, ReceiptJobSizes } from './data';

export const QUERY_ROWS = 1000;
/** Numbers per read-back query: one fewer than a page, see above. */
export const READ_BACK_ROWS = 999;
export const BATCH_ITEMS = 30;

export interface MinimumPart {
	label: string;
	/** Batch calls have their own limit (40 a minute), so the floor counts them apart. */
	kind: 'query' | 'batch' | 'cdc';
	formula: string;
	requests: number;
}

export interface Minimum {
	requests: number;
	parts: MinimumPart[];
	/** The whole formula in one line, for the report. */
	formula: string;
}

function minimum(parts: MinimumPart[]): Minimum {
	return {
		requests: parts.reduce((sum, part) => sum + part.requests, 0),
		parts,
		formula: parts.map((part) => part.formula).join(' + '),
	};
}

const lookups = (count: number) => Math.ceil(count / QUERY_ROWS);
const readBacks = (count: number) => Math.ceil(count / READ_BACK_ROWS);
const batches = (count: number) => Math.ceil(count / BATCH_ITEMS);

/** Invoice job: ⌈C/1000⌉ + ⌈I/1000⌉ + ⌈N/1000⌉ + ⌈C_new/30⌉ + ⌈N/30⌉ + ⌈N/999⌉ (C customers, I items, N work orders). */
export function invoiceJobMinimum(sizes: InvoiceJobSizes): Minimum {
	const newCustomers = sizes.customers - sizes.existingCustomers;
	return minimum([
		{ label: 'customer look-up (DisplayName IN …)', kind: 'query', formula: `⌈${sizes.customers}/${QUERY_ROWS}⌉`, requests: lookups(sizes.customers) },
		{ label: 'item look-up (Name IN …)', kind: 'query', formula: `⌈${sizes.items}/${QUERY_ROWS}⌉`, requests: lookups(sizes.items) },
		{ label: 'existing invoices (DocNumber IN …)', kind: 'query', formula: `⌈${sizes.orders}/${QUERY_ROWS}⌉`, requests: lookups(sizes.orders) },
		{ label: 'customer creates (batch)', kind: 'batch', formula: `⌈${newCustomers}/${BATCH_ITEMS}⌉`, requests: batches(newCustomers) },
		{ label: 'invoice creates (batch)', kind: 'batch', formula: `⌈${sizes.orders}/${BATCH_ITEMS}⌉`, requests: batches(sizes.orders) },
		{ label: 'exactly once: holders of each DocNumber read back (DocNumber IN …)', kind: 'query', formula: `⌈${sizes.orders}/${READ_BACK_ROWS}⌉`, requests: readBacks(sizes.orders) },
	]);
}

/**
 * Two executions of the invoice job at once for one company, each with its own share of the orders
 * (`shares`, e.g. 5,000 + 5,000) but the same customers and items: each looks up its own customers,
 * items and numbers, creates and settles its own invoices; a new customer need be created only once.
 */
export function concurrentInvoiceJobMinimum(sizes: InvoiceJobSizes, shares: Array<{ orders: number; customers: number }>): Minimum {
	const newCustomers = sizes.customers - sizes.existingCustomers;
	const each = (label: string, values: (share: { orders: number; customers: number }) => number, kind: MinimumPart['kind'] = 'query', per = lookups, unit = QUERY_ROWS): MinimumPart => ({
		label,
		kind,
		formula: shares.map((share) => `⌈${values(share)}/${unit}⌉`).join(' + '),
		requests: shares.reduce((sum, share) => sum + per(values(share)), 0),
	});
	return minimum([
		each('customer look-ups, per execution (DisplayName IN …)', (share) => share.customers),
		each('item look-ups, per execution (Name IN …)', () => sizes.items),
		each('existing invoices, per execution (DocNumber IN …)', (share) => share.orders),
		{ label: 'customer creates, once (batch)', kind: 'batch', formula: `⌈${newCustomers}/${BATCH_ITEMS}⌉`, requests: batches(newCustomers) },
		each('invoice creates, per execution (batch)', (share) => share.orders, 'batch', batches, BATCH_ITEMS),
		each('exactly once: DocNumber holders read back, per execution', (share) => share.orders, 'query', readBacks, READ_BACK_ROWS),
	]);
}

/** Sales-receipt job: ⌈E/1000⌉ + ⌈P/1000⌉ + ⌈R/1000⌉ + ⌈E_new/30⌉ + ⌈R/30⌉ (E customer emails, P plans, R payments). */
export function receiptJobMinimum(sizes: ReceiptJobSizes): Minimum {
	const newCustomers = sizes.customers - sizes.existingCustomers;
	return minimum([
		{ label: 'customer look-up (PrimaryEmailAddr IN …)', kind: 'query', formula: `⌈${sizes.customers}/${QUERY_ROWS}⌉`, requests: lookups(sizes.customers) },
		{ label: 'item look-up (Name IN …)', kind: 'query', formula: `⌈${sizes.plans}/${QUERY_ROWS}⌉`, requests: lookups(sizes.plans) },
		{ label: 'existing receipts (DocNumber IN …)', kind: 'query', formula: `⌈${sizes.payments}/${QUERY_ROWS}⌉`, requests: lookups(sizes.payments) },
		{ label: 'customer creates (batch)', kind: 'batch', formula: `⌈${newCustomers}/${BATCH_ITEMS}⌉`, requests: batches(newCustomers) },
		{ label: 'sales receipt creates (batch)', kind: 'batch', formula: `⌈${sizes.payments}/${BATCH_ITEMS}⌉`, requests: batches(sizes.payments) },
	]);
}

/** Polling job: one CDC request per poll covers every watched entity (≤ 1,000 changed objects per answer). */
export function pollingJobMinimum(polls: number, changedObjectsPerPoll: number[] = []): Minimum {
	const extra = changedObjectsPerPoll.reduce((sum, n) => sum + Math.max(0, Math.ceil(n / QUERY_ROWS) - 1), 0);
	return minimum([
		{ label: 'CDC per poll (all entities at once), polls while the workflow is active', kind: 'cdc', formula: `${polls} polls × 1`, requests: polls },
		...(extra > 0 ? [{ label: 'polls over 1,000 changes', kind: 'cdc' as const, formula: `${extra}`, requests: extra }] : []),
	]);
}
