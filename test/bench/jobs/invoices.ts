import type { RunningEmulator } from '../../../emulator/src';
import { runWorkflowJob } from '../n8n/run-webhook';
import { node, splitOutNode, webhookNode, workflow } from '../n8n/workflow';
import { invoiceJobData, type InvoiceJobData, type InvoiceJobSizes, type WorkOrder } from './data';
import { builtIn, builtInCustomerLookup, builtInLoop, ifFound } from './builtin-nodes';
import type { BenchJob, JobContext, JobRun, Verification } from './job';
import { invoiceJobMinimum } from './minimum';
import { allRecords, seedCustomers, seedItems } from './qbo-state';

const LINE_INDEXES = [0, 1, 2];

/** (a): Webhook → Split Out → QuickBooks Sync (Invoice → Create: customer by name, create if missing; lines by item name; skip if DocNumber exists). */
export function workflowA(ctx: Pick<JobContext, 'nodeTypes' | 'credentials'>, path: string, linesPerOrder: number, options: { simplify?: boolean } = {}) {
	const sync = node(
		'QuickBooks Sync',
		ctx.nodeTypes.sync,
		1,
		[500, 300],
		{
			resource: 'invoice',
			operation: 'create',
			customer: { __rl: true, mode: 'name', value: '={{ $json.customer.name }}' },
			createCustomerIfMissing: true,
			newCustomerFields: { PrimaryEmailAddr: '={{ $json.customer.email }}' },
			docNumber: '={{ $json.id }}',
			ifExists: 'skip',
			lines: {
				line: LINE_INDEXES.slice(0, linesPerOrder).map((i) => ({
					lineType: 'item',
					itemBy: 'name',
					itemName: `={{ $json.lines[${i}].item }}`,
					description: `={{ $json.lines[${i}].description }}`,
					quantity: `={{ $json.lines[${i}].quantity }}`,
					rate: `={{ $json.lines[${i}].rate }}`,
					amount: `={{ $json.lines[${i}].amount }}`,
				})),
			},
			...(options.simplify ? { simplify: true } : {}),
		},
		{ credentials: { quickBooksSyncOAuth2Api: { id: ctx.credentials.sync, name: 'QuickBooks Sync (bench)' } } },
	);
	return workflow(`bench invoices (a) ${path}`, [webhookNode(path), splitOutNode('body.workOrders', [250, 300]), sync], [
		['Webhook', 'Split Out'],
		['Split Out', 'QuickBooks Sync'],
	]);
}

/**
 * (b): the built-in node the way its users wire it. Items are read once (Get Many, all) in a branch
 * that runs first; each work order then goes through a loop of one: find the customer by display
 * name → IF found → else create it → create the invoice with the three lines mapped to item ids.
 * Retry On Fail (5 tries, 5 s apart) is on for every QuickBooks node, as users do against 429s.
 */
function workflowB(ctx: JobContext, path: string, linesPerOrder: number) {
	const loopItem = "$('Loop Over Items').item.json";
	const getItems = builtIn(ctx, 'Get Items', [250, 100], { resource: 'item', operation: 'getAll', returnAll: true, filters: {} });
	const createCustomer = builtIn(ctx, 'Create Customer', [1250, 550], {
		resource: 'customer',
		operation: 'create',
		displayName: `={{ ${loopItem}.customer.name }}`,
		additionalFields: { PrimaryEmailAddr: `={{ ${loopItem}.customer.email }}` },
	});
	const createInvoice = builtIn(ctx, 'Create Invoice', [1500, 400], {
		resource: 'invoice',
		operation: 'create',
		CustomerRef: '={{ $json.Id }}',
		Line: LINE_INDEXES.slice(0, linesPerOrder).map((i) => ({
			DetailType: 'SalesItemLineDetail',
			itemId: `={{ $('Get Items').all().find((item) => item.json.Name === ${loopItem}.lines[${i}].item).json.Id }}`,
			Amount: `={{ ${loopItem}.lines[${i}].amount }}`,
			Description: `={{ ${loopItem}.lines[${i}].description }}`,
			Qty: `={{ ${loopItem}.lines[${i}].quantity }}`,
		})),
		additionalFields: { DocNumber: `={{ ${loopItem}.id }}` },
	});
	return workflow(
		`bench invoices (b) ${path}`,
		[
			webhookNode(path),
			getItems,
			splitOutNode('body.workOrders', [250, 400]),
			builtInLoop([500, 400]),
			builtInCustomerLookup(ctx, 'Find Customer', [750, 400], "DisplayName = '{{ $json.customer.name.replace(/'/g, \"\\\\'\") }}'"),
			ifFound([1000, 400]),
			createCustomer,
			createInvoice,
		],
		[
			['Webhook', 'Get Items'],
			['Webhook', 'Split Out'],
			['Split Out', 'Loop Over Items'],
			['Loop Over Items', 'Find Customer', 1],
			['Find Customer', 'Found?'],
			['Found?', 'Create Invoice', 0],
			['Found?', 'Create Customer', 1],
			['Create Customer', 'Create Invoice'],
			['Create Invoice', 'Loop Over Items'],
		],
	);
}

/** Compares QuickBooks' invoices with the work orders: one invoice per work order, right customer, lines and total. */
export function verifyInvoices(emulator: RunningEmulator, realmId: string, workOrders: WorkOrder[]): Verification {
	const customers = new Map(allRecords(emulator, realmId, 'Customer').map((c) => [String(c.Id), String(c.DisplayName)]));
	const items = new Map(allRecords(emulator, realmId, 'Item').map((i) => [String(i.Id), String(i.Name)]));
	const byDocNumber = new Map<string, Record<string, unknown>[]>();
	for (const invoice of allRecords(emulator, realmId, 'Invoice')) {
		const key = String(invoice.DocNumber ?? '');
		byDocNumber.set(key, [...(byDocNumber.get(key) ?? []), invoice]);
	}
	const result: Verification = { expected: workOrders.length, correct: 0, duplicates: 0, lost: 0, mismatched: 0, notes: [] };
	const expectedKeys = new Set(workOrders.map((w) => w.id));
	for (const order of workOrders) {
		const found = byDocNumber.get(order.id) ?? [];
		if (found.length === 0) {
			result.lost++;
			continue;
		}
		result.duplicates += found.length - 1;
		const problem = invoiceProblem(found[0], order, customers, items);
		if (problem) {
			result.mismatched++;
			if (result.notes.length < 5) result.notes.push(`${order.id}: ${problem}`);
		} else if (found.length === 1) {
			result.correct++;
		}
	}
	for (const [key, invoices] of byDocNumber) if (!expectedKeys.has(key)) result.duplicates += invoices.length;
	return result;
}

function invoiceProblem(
	invoice: Record<string, unknown>,
	order: WorkOrder,
	customers: Map<string, string>,
	items: Map<string, string>,
): string | undefined {
	const customerName = customers.get(String((invoice.CustomerRef as { value?: string })?.value));
	if (customerName !== order.customer.name) return `customer ${customerName} instead of ${order.customer.name}`;
	const lines = ((invoice.Line as Record<string, unknown>[]) ?? []).filter((line) => line.DetailType === 'SalesItemLineDetail');
	const got = lines.map((line) => {
		const detail = line.SalesItemLineDetail as { ItemRef?: { value?: string }; Qty?: number };
		return `${items.get(String(detail.ItemRef?.value))}|${detail.Qty}|${Number(line.Amount).toFixed(2)}`;
	});
	const want = order.lines.map((line) => `${line.item}|${line.quantity}|${line.amount.toFixed(2)}`);
	if (got.join(';') !== want.join(';')) return `lines ${got.join(';')} instead of ${want.join(';')}`;
	return undefined;
}

/** Invoice job: work orders → invoices, customers found or created, items pre-created. */
export function invoiceJob(options: { sizes?: InvoiceJobSizes; timeScale: number; timeoutMs: number }): BenchJob & { data: InvoiceJobData } {
	const data = invoiceJobData(undefined, options.sizes);
	const { sizes } = data;
	return {
		id: 'invoices',
		title: `${sizes.orders} work orders → invoices (${sizes.customers} customers, ${sizes.customers - sizes.existingCustomers} new; ${sizes.items} items; ${sizes.linesPerOrder} lines each)`,
		timeScale: options.timeScale,
		timeoutMs: options.timeoutMs,
		data,
		minimum: () => invoiceJobMinimum(sizes),
		seed(emulator, realmId) {
			seedItems(emulator, realmId, data.items);
			seedCustomers(emulator, realmId, data.existingCustomers);
		},
		async run(ctx): Promise<JobRun> {
			const path = `bench-invoices-${ctx.variant}-${Date.now()}`;
			const wf = ctx.variant === 'a' ? workflowA(ctx, path, sizes.linesPerOrder) : workflowB(ctx, path, sizes.linesPerOrder);
			return await runWorkflowJob(ctx, wf, path, { workOrders: data.workOrders });
		},
		verify: (emulator, realmId) => verifyInvoices(emulator, realmId, data.workOrders),
	};
}
