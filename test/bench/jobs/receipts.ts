import type { RunningEmulator } from '../../../emulator/src';
import { runWorkflowJob } from '../n8n/run-webhook';
import { node, splitOutNode, webhookNode, workflow } from '../n8n/workflow';
import { builtIn, builtInCustomerLookup, builtInLoop, ifFound, retrying } from './builtin-nodes';
import { receiptJobData, type CrmPayment, type ReceiptJobData, type ReceiptJobSizes } from './data';
import type { BenchJob, JobContext, JobRun, Verification } from './job';
import { receiptJobMinimum } from './minimum';
import { allRecords, seedCustomers, seedItems } from './qbo-state';

/** (a): Webhook → Split Out → QuickBooks Sync (Sales Receipt → Create: customer by email, create if missing; skip if DocNumber exists). */
function workflowA(ctx: JobContext, path: string) {
	const sync = node(
		'QuickBooks Sync',
		ctx.nodeTypes.sync,
		1,
		[500, 300],
		{
			resource: 'salesReceipt',
			operation: 'create',
			customer: { __rl: true, mode: 'email', value: '={{ $json.email }}' },
			createCustomerIfMissing: true,
			newCustomerFields: { DisplayName: '={{ $json.name }}', PrimaryEmailAddr: '={{ $json.email }}' },
			docNumber: '={{ $json.id }}',
			ifExists: 'skip',
			lines: {
				line: [
					{
						lineType: 'item',
						itemBy: 'name',
						itemName: '={{ $json.plan }}',
						description: '={{ $json.plan }} subscription',
						quantity: 1,
						rate: '={{ $json.amount }}',
					},
				],
			},
		},
		{ credentials: { quickBooksSyncOAuth2Api: { id: ctx.credentials.sync, name: 'QuickBooks Sync (bench)' } } },
	);
	return workflow(`bench receipts (a) ${path}`, [webhookNode(path), splitOutNode('body.payments', [250, 300]), sync], [
		['Webhook', 'Split Out'],
		['Split Out', 'QuickBooks Sync'],
	]);
}

/**
 * (b): the built-in node has no Sales Receipt resource, so its users post the receipt with the HTTP
 * Request node on the same QuickBooks credential (predefined credential type). Plans (items) are
 * read once; each payment then goes through find customer by email → IF → create → post receipt.
 */
function workflowB(ctx: JobContext, path: string) {
	const loopItem = "$('Loop Over Items').item.json";
	const receiptBody = `={{ JSON.stringify({
		CustomerRef: { value: $json.Id },
		DocNumber: ${loopItem}.id,
		Line: [{
			DetailType: 'SalesItemLineDetail',
			Amount: ${loopItem}.amount,
			Description: ${loopItem}.plan + ' subscription',
			SalesItemLineDetail: {
				ItemRef: { value: $('Get Plans').all().find((item) => item.json.Name === ${loopItem}.plan).json.Id },
				Qty: 1,
				UnitPrice: ${loopItem}.amount,
			},
		}],
	}) }}`;
	const postReceipt = retrying(
		node(
			'Create Sales Receipt',
			'n8n-nodes-base.httpRequest',
			4.2,
			[1500, 400],
			{
				method: 'POST',
				url: `https://quickbooks.api.intuit.com/v3/company/${ctx.realmId}/salesreceipt?minorversion=75`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'quickBooksOAuth2Api',
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Accept', value: 'application/json' }] },
				sendBody: true,
				specifyBody: 'json',
				jsonBody: receiptBody,
				options: {},
			},
			{ credentials: { quickBooksOAuth2Api: { id: ctx.credentials.builtIn, name: 'QuickBooks (built-in, bench)' } } },
		),
	);
	return workflow(
		`bench receipts (b) ${path}`,
		[
			webhookNode(path),
			builtIn(ctx, 'Get Plans', [250, 100], { resource: 'item', operation: 'getAll', returnAll: true, filters: {} }),
			splitOutNode('body.payments', [250, 400]),
			builtInLoop([500, 400]),
			builtInCustomerLookup(ctx, 'Find Customer', [750, 400], "PrimaryEmailAddr = '{{ $json.email.replace(/'/g, \"\\\\'\") }}'"),
			ifFound([1000, 400]),
			builtIn(ctx, 'Create Customer', [1250, 550], {
				resource: 'customer',
				operation: 'create',
				displayName: `={{ ${loopItem}.name }}`,
				additionalFields: { PrimaryEmailAddr: `={{ ${loopItem}.email }}` },
			}),
			postReceipt,
		],
		[
			['Webhook', 'Get Plans'],
			['Webhook', 'Split Out'],
			['Split Out', 'Loop Over Items'],
			['Loop Over Items', 'Find Customer', 1],
			['Find Customer', 'Found?'],
			['Found?', 'Create Sales Receipt', 0],
			['Found?', 'Create Customer', 1],
			['Create Customer', 'Create Sales Receipt'],
			['Create Sales Receipt', 'Loop Over Items'],
		],
	);
}

/** One sales receipt per payment, for the customer with that email, with the plan and amount. */
export function verifyReceipts(emulator: RunningEmulator, realmId: string, payments: CrmPayment[]): Verification {
	const emails = new Map(
		allRecords(emulator, realmId, 'Customer').map((c) => [String(c.Id), String((c.PrimaryEmailAddr as { Address?: string })?.Address ?? '')]),
	);
	const items = new Map(allRecords(emulator, realmId, 'Item').map((i) => [String(i.Id), String(i.Name)]));
	const byDocNumber = new Map<string, Record<string, unknown>[]>();
	for (const receipt of allRecords(emulator, realmId, 'SalesReceipt')) {
		const key = String(receipt.DocNumber ?? '');
		byDocNumber.set(key, [...(byDocNumber.get(key) ?? []), receipt]);
	}
	const result: Verification = { expected: payments.length, correct: 0, duplicates: 0, lost: 0, mismatched: 0, notes: [] };
	const expectedKeys = new Set(payments.map((p) => p.id));
	for (const payment of payments) {
		const found = byDocNumber.get(payment.id) ?? [];
		if (found.length === 0) {
			result.lost++;
			continue;
		}
		result.duplicates += found.length - 1;
		const receipt = found[0];
		const email = emails.get(String((receipt.CustomerRef as { value?: string })?.value));
		const line = ((receipt.Line as Record<string, unknown>[]) ?? []).find((l) => l.DetailType === 'SalesItemLineDetail');
		const item = items.get(String((line?.SalesItemLineDetail as { ItemRef?: { value?: string } })?.ItemRef?.value));
		const problem =
			email !== payment.email
				? `customer email ${email} instead of ${payment.email}`
				: item !== payment.plan
					? `item ${item} instead of ${payment.plan}`
					: Number(receipt.TotalAmt).toFixed(2) !== payment.amount.toFixed(2)
						? `total ${receipt.TotalAmt} instead of ${payment.amount}`
						: undefined;
		if (problem) {
			result.mismatched++;
			if (result.notes.length < 5) result.notes.push(`${payment.id}: ${problem}`);
		} else if (found.length === 1) {
			result.correct++;
		}
	}
	for (const [key, receipts] of byDocNumber) if (!expectedKeys.has(key)) result.duplicates += receipts.length;
	return result;
}

/** Sales-receipt job: CRM payments → sales receipts, customers matched by email (created when new). */
export function receiptJob(options: { sizes?: ReceiptJobSizes; timeScale: number; timeoutMs: number }): BenchJob & { data: ReceiptJobData } {
	const data = receiptJobData(undefined, options.sizes);
	const { sizes } = data;
	return {
		id: 'salesReceipts',
		title: `${sizes.payments} CRM payments → sales receipts (customers by email: ${sizes.customers}, ${sizes.customers - sizes.existingCustomers} new; ${sizes.plans} plans)`,
		timeScale: options.timeScale,
		timeoutMs: options.timeoutMs,
		data,
		minimum: () => receiptJobMinimum(sizes),
		seed(emulator, realmId) {
			seedItems(emulator, realmId, data.items);
			seedCustomers(emulator, realmId, data.existingCustomers);
		},
		async run(ctx): Promise<JobRun> {
			const path = `bench-receipts-${ctx.variant}-${Date.now()}`;
			const wf = ctx.variant === 'a' ? workflowA(ctx, path) : workflowB(ctx, path);
			return await runWorkflowJob(ctx, wf, path, { payments: data.payments });
		},
		verify: (emulator, realmId) => verifyReceipts(emulator, realmId, data.payments),
	};
}
