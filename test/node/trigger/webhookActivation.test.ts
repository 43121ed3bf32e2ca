/**
 * A QuickBooks delivery that arrives while n8n is activating the workflow. Both n8n lines (1.123.81
 * ActiveWorkflowManager.addWebhooks, 2.41.1 WebhookTriggerRegistrar.register) make the production URL live
 * (storeWebhook) before they run the trigger's create(), and save the workflow's static data only after it;
 * 2.41.1 does all of this after the activation call has answered (its publication outbox). A delivery loads
 * the static data as saved when it arrives, and n8n saves it after webhook() when it changed (last writer
 * wins). Played here with n8n's own observable static data, real contexts and the emulator.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { ObservableObject, type IDataObject } from 'n8n-workflow';

import { QuickBooksSyncWebhookTrigger } from '../../../nodes/QuickBooksSyncWebhookTrigger/QuickBooksSyncWebhookTrigger.node';
import { startEmulatorForTests, type TestEmulator } from '../../support/emulator';
import { runWebhook, runWebhookMethod } from '../../support/n8n-context';

jest.setTimeout(120_000);

const TOKEN = 'verifier-token-for-activation-tests';
/** Template F2's trigger: invoice payments only. */
const parameters = { entities: ['Invoice'], events: [] as string[], statusEvents: ['invoice.paid', 'invoice.partially_paid'] };

let qbo: TestEmulator;
beforeAll(async () => {
	qbo = await startEmulatorForTests({ limits: false });
});
afterAll(async () => await qbo.stop());

const credentials = () => qbo.credentials(qbo.realms.us, { webhookVerifierToken: TOKEN });

/** The workflow row's static data, as n8n loads it (observable) and saves it (only when changed). */
class WorkflowRow {
	staticData = '{}';

	load(): IDataObject {
		return ObservableObject.create(JSON.parse(this.staticData) as IDataObject, undefined, { ignoreEmptyOnFirstChild: true });
	}

	saveIfChanged(data: IDataObject): void {
		if ((data as { __dataChanged?: boolean }).__dataChanged) this.staticData = JSON.stringify(data);
	}
}

function invoice(amount: number): IDataObject {
	const customer = qbo.emulator.accounting.create(qbo.realms.us, 'Customer', { DisplayName: `Activation ${randomUUID()}` }) as IDataObject;
	return qbo.emulator.accounting.create(qbo.realms.us, 'Invoice', {
		CustomerRef: { value: String(customer.Id) },
		Line: [{ DetailType: 'SalesItemLineDetail', Amount: amount, SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: amount } }],
	}) as IDataObject;
}

/** Records a payment of `amount` against the invoice; returns the signed CloudEvents delivery of its update. */
function pay(paid: IDataObject, amount: number): string {
	qbo.emulator.accounting.create(qbo.realms.us, 'Payment', {
		CustomerRef: paid.CustomerRef,
		TotalAmt: amount,
		Line: [{ Amount: amount, LinkedTxn: [{ TxnId: String(paid.Id), TxnType: 'Invoice' }] }],
	});
	return JSON.stringify([
		{
			specversion: '1.0',
			id: randomUUID(),
			source: 'intuit.test',
			type: 'qbo.invoice.updated.v1',
			datacontenttype: 'application/json',
			time: new Date().toISOString(),
			intuitentityid: String(paid.Id),
			intuitaccountid: qbo.realms.us,
		},
	]);
}

/** n8n handling one delivery with the static data it loaded: the answer and the run's items. */
async function deliver(raw: string, staticData: IDataObject): Promise<{ status: number; events: IDataObject[] }> {
	const { result, response } = await runWebhook(QuickBooksSyncWebhookTrigger, {
		credentials: credentials(),
		parameters: parameters as never,
		staticData,
		mode: 'webhook',
		request: { body: JSON.parse(raw), rawBody: raw, headers: { 'intuit-signature': createHmac('sha256', TOKEN).update(raw).digest('base64') } },
	});
	return { status: response.statusCode ?? 200, events: (result.workflowData?.[0] ?? []).map((item) => item.json) };
}

/** n8n activating the trigger: create() on the static data activation loaded. */
async function activate(staticData: IDataObject): Promise<void> {
	await runWebhookMethod(QuickBooksSyncWebhookTrigger, 'create', { credentials: credentials(), parameters: parameters as never, staticData, mode: 'trigger' });
}

const events = (list: IDataObject[]) => list.map((event) => `${String(event.event)}#${String(event.id)}`);

/** Intuit counts only a 200 as delivered: anything else is delivered again (10 s later, then on its schedule). */
async function deliverUntilAccepted(row: WorkflowRow, raw: string, first: { status: number; events: IDataObject[] }): Promise<IDataObject[]> {
	const reported = [...first.events];
	if (first.status === 200) return reported;
	const retry = row.load();
	const again = await deliver(raw, retry);
	row.saveIfChanged(retry);
	expect(again.status).toBe(200);
	return [...reported, ...again.events];
}

/** Paying off an invoice open at activation is reported: activation's memory survived. */
async function expectPaymentReported(row: WorkflowRow, open: IDataObject, balance: number): Promise<void> {
	const later = row.load();
	const paid = await deliver(pay(open, balance), later);
	row.saveIfChanged(later);
	expect(paid.status).toBe(200);
	expect(events(paid.events)).toEqual([`invoice.paid#${String(open.Id)}`]);
}

describe('a delivery while n8n activates the workflow', () => {
	it('a payment after activation read the open invoices, delivered before activation was saved, is reported once', async () => {
		const first = invoice(200);
		const second = invoice(75.5);
		const row = new WorkflowRow();
		const activation = row.load();
		await activate(activation);
		// The URL is live, activation's state is not saved yet: the delivery loads the static data as it was.
		const raw = pay(first, 80);
		const early = row.load();
		const answer = await deliver(raw, early);
		row.saveIfChanged(activation);
		row.saveIfChanged(early);

		expect(events(await deliverUntilAccepted(row, raw, answer))).toEqual([`invoice.partially_paid#${String(first.Id)}`]);
		await expectPaymentReported(row, second, 75.5);
	});

	it('a payment before activation read the open invoices is part of what activation remembers; later payments are reported', async () => {
		const first = invoice(200);
		const second = invoice(75.5);
		const row = new WorkflowRow();
		const activation = row.load();
		const early = row.load();
		const raw = pay(first, 80);
		const answer = await deliver(raw, early);
		await activate(activation);
		row.saveIfChanged(activation);
		row.saveIfChanged(early);

		// Activation read the invoice with 80 paid: that is its starting point, not a change after it.
		expect(events(await deliverUntilAccepted(row, raw, answer))).toEqual([]);
		await expectPaymentReported(row, second, 75.5);
		await expectPaymentReported(row, first, 120);
	});

	it('a trigger activated by an earlier version (no mark, its open invoices saved) keeps receiving after an upgrade', async () => {
		// n8n 2.41.1 does not run create() again for an unchanged trigger when it restarts.
		const open = invoice(40);
		const row = new WorkflowRow();
		const activation = row.load();
		await activate(activation);
		delete (activation['node:QuickBooks Sync Webhook Trigger'] as IDataObject).activatedAt;
		row.saveIfChanged(activation);
		expect(row.staticData).not.toContain('activatedAt');
		await expectPaymentReported(row, open, 40);
	});

	it('a refused delivery leaves the static data untouched, so n8n has nothing to save over activation', async () => {
		const open = invoice(30);
		const row = new WorkflowRow();
		const early = row.load();
		const answer = await deliver(pay(open, 10), early);
		expect(answer).toEqual({ status: 503, events: [] });
		row.saveIfChanged(early);
		expect(row.staticData).toBe('{}');
	});
});
