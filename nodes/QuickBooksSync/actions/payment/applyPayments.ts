import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { qboBatchWrite, qboRecordsIn } from '../../sync/api';
import { ref } from '../../sync/bodies';
import { faultCode } from '../../sync/nameClash';
import { addMoney, roundToCents, subtractMoney } from '../../sync/money';
import type { RunResults } from '../common/results';
import { inputError } from '../common/validation';
import type { WrittenPayment } from './paymentTwins';
import type { PaymentKeyField } from './paymentFields';
import { deleteTwin, paymentKey, paymentsOnInvoices, settleTwins } from './paymentTwins';

/** One payment wanted by an input item: which invoices, how much (undefined: their open balance). */
export interface PaymentRequest {
	itemIndex: number;
	invoiceKeys: string[];
	matchBy: 'Id' | 'DocNumber';
	amount?: number;
	header: IDataObject;
	/** The field holding the source system's payment ID (Reference Number unless the user chose Private Note). */
	keyField: PaymentKeyField;
}

/**
 * Payments already applied to the run's invoices, by business key: a payment given a Reference
 * Number (or a Private Note chosen as its key), e.g. the source system's payment ID, is recorded
 * once, however often it is replayed. One grouped query, only when some request has a key.
 */
async function paymentsByKey(
	ctx: IExecuteFunctions,
	requests: PaymentRequest[],
	invoices: Map<string, IDataObject>,
): Promise<Map<string, IDataObject>> {
	const byKey = new Map<string, IDataObject>();
	const fields = new Set(requests.filter((request) => keyOf(request)).map((request) => request.keyField));
	if (fields.size === 0) return byKey;
	const payments = await paymentsOnInvoices(ctx, [...invoices.values()]);
	// The oldest payment of a key is the one that counts (see paymentTwins.ts): it is set last.
	for (const payment of payments.sort((a, b) => Number(b.Id) - Number(a.Id))) {
		for (const field of fields) {
			const key = paymentKey(payment, field);
			if (key) byKey.set(`${field}:${key}`, payment);
		}
	}
	return byKey;
}

/** A request's business key as looked up, or '' when it has none. */
function keyOf(request: PaymentRequest): string {
	const key = paymentKey(request.header, request.keyField);
	return key ? `${request.keyField}:${key}` : '';
}

/**
 * A refusal that a concurrent payment can cause: QuickBooks answers 6000 when a line applies more
 * than the invoice still has open — which happens when another execution paid it between our read
 * and our write. Such a request is read and planned again (at most this many rounds in all).
 */
const ROUNDS = 3;

/**
 * Records the run's payments: every invoice of the run read with grouped IN queries, amounts
 * applied to the open balances in the order given, the payments created through the batch endpoint.
 * Exactly once under concurrency: a payment with a business key is settled against its twins
 * after writing (paymentTwins.ts), and a write refused because another execution paid the invoice
 * first (6000) is read and planned again — it then finds that payment, or the invoice paid.
 */
export async function applyPayments(ctx: IExecuteFunctions, requests: PaymentRequest[], results: RunResults): Promise<void> {
	let pending = requests;
	for (let round = 1; pending.length > 0; round++) {
		pending = await applyRound(ctx, pending, results, round);
	}
}

/** One round: read, plan, write, settle; returns the requests refused in a way worth another round. */
async function applyRound(ctx: IExecuteFunctions, requests: PaymentRequest[], results: RunResults, round: number): Promise<PaymentRequest[]> {
	const mayRetry = round < ROUNDS;
	const invoices = new Map<string, IDataObject>();
	for (const matchBy of ['Id', 'DocNumber'] as const) {
		const keys = requests.filter((request) => request.matchBy === matchBy).flatMap((request) => request.invoiceKeys);
		if (keys.length === 0) continue;
		const found: IDataObject[] = await qboRecordsIn.call(ctx, 'Invoice', matchBy, keys);
		for (const invoice of found) {
			invoices.set(`${matchBy}:${String(invoice[matchBy]).toLowerCase()}`, invoice);
		}
	}

	const recorded = await paymentsByKey(ctx, requests, invoices);

	// Balances as this run will leave them, so two items paying one invoice never overpay it.
	const balances = new Map<string, number>();
	const writes: Array<{ request: PaymentRequest; body: IDataObject; invoices: IDataObject[] }> = [];
	for (const request of requests) {
		try {
			const found = request.invoiceKeys.map((key) => {
				const invoice = invoices.get(`${request.matchBy}:${key.toLowerCase()}`);
				if (!invoice) throw inputError(ctx, request.itemIndex, 'invoices', `No invoice with ${request.matchBy === 'Id' ? 'ID' : 'Document Number'} "${key}"`);
				return invoice;
			});
			const earlier = keyOf(request) ? recorded.get(keyOf(request)) : undefined;
			if (earlier) {
				// Replay of a payment already recorded against these invoices: return it, pay nothing.
				results.succeed(request.itemIndex, { ...earlier, _action: 'skipped' });
				continue;
			}
			const customers = new Set(found.map((invoice) => String((invoice.CustomerRef as IDataObject).value)));
			if (customers.size > 1) throw inputError(ctx, request.itemIndex, 'invoices', 'The invoices belong to different customers; one payment has one customer');
			const open = found.map((invoice) => balances.get(String(invoice.Id)) ?? Number(invoice.Balance ?? 0));
			const totalOpen = addMoney(open);
			if (totalOpen <= 0) {
				// Nothing open: a payment here would only be an unapplied credit, i.e. the same money counted twice.
				results.succeed(request.itemIndex, found.map((invoice) => ({ ...invoice, _action: 'alreadyPaid' })));
				continue;
			}
			const amount = request.amount ?? totalOpen;
			let left = amount;
			const lines: IDataObject[] = [];
			found.forEach((invoice, index) => {
				const applied = roundToCents(Math.min(left, open[index]));
				if (applied <= 0) return;
				left = subtractMoney(left, applied);
				balances.set(String(invoice.Id), subtractMoney(open[index], applied));
				lines.push({ Amount: applied, LinkedTxn: [{ TxnId: String(invoice.Id), TxnType: 'Invoice' }] });
			});
			const body: IDataObject = { ...request.header, CustomerRef: ref([...customers][0]), TotalAmt: roundToCents(amount), Line: lines };
			writes.push({ request, body, invoices: found });
		} catch (error) {
			results.fail(request.itemIndex, error);
		}
	}

	const answers = await qboBatchWrite.call(
		ctx,
		writes.map(({ request, body }) => ({ entity: 'Payment', operation: 'create', body, itemIndex: request.itemIndex })),
		// A later round may send the very body the first sent: its own requestid, so it is tried, not replayed.
		{ idempotencyKey: round > 1 ? `payments-round-${round}` : undefined },
	);
	const again: PaymentRequest[] = [];
	const withKey: WrittenPayment[] = [];
	writes.forEach(({ request, invoices: paid }, index) => {
		const answer = answers[index];
		if (answer instanceof NodeApiError) {
			if (mayRetry && faultCode(answer) === '6000') again.push(request);
			else results.fail(request.itemIndex, answer);
			return;
		}
		results.noteWrite(request.itemIndex, `created Payment ${String(answer.Id)}`);
		if (keyOf(request)) {
			withKey.push({ itemIndex: request.itemIndex, keyField: request.keyField, payment: answer, invoiceIds: paid.map((invoice) => String(invoice.Id)) });
		}
		else results.succeed(request.itemIndex, { ...answer, _action: 'created' });
	});

	const verdicts = await settleTwins(ctx, withKey);
	for (let index = 0; index < withKey.length; index++) {
		const { itemIndex, payment, keyField } = withKey[index];
		const verdict = verdicts[index];
		if (verdict.kept) {
			results.succeed(itemIndex, { ...payment, _action: 'created' });
			continue;
		}
		try {
			await deleteTwin(ctx, payment, itemIndex);
			results.noteWrite(itemIndex, `deleted Payment ${String(payment.Id)} again (a twin of Payment ${String(verdict.winner.Id)})`);
			results.succeed(itemIndex, { ...verdict.winner, _action: 'skipped' });
		} catch (error) {
			results.fail(itemIndex, twinNotDeleted(ctx, payment, verdict.winner, keyField, itemIndex, error));
		}
	}
	return again;
}

/** A twin that could not be deleted is a duplicate a person must remove: say which. */
function twinNotDeleted(
	ctx: IExecuteFunctions,
	payment: IDataObject,
	winner: IDataObject,
	keyField: PaymentKeyField,
	itemIndex: number,
	cause: unknown,
): NodeApiError {
	const reason = cause instanceof Error ? cause.message : String(cause);
	const label = keyField === 'PrivateNote' ? 'Private Note' : 'Reference Number';
	return new NodeApiError(ctx.getNode(), {}, {
		message: `Payment ${String(payment.Id)} duplicates Payment ${String(winner.Id)} (${label} "${String(payment[keyField])}") and could not be deleted`,
		description: `Another execution recorded the same payment at the same moment. Delete Payment ${String(payment.Id)} in QuickBooks. Cause: ${reason}`,
		itemIndex,
	});
}
