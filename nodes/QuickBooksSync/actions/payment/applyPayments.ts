import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { qboBatchWrite, qboFindIn } from '../../sync/api';
import { ref } from '../../sync/bodies';
import { addMoney, roundToCents, subtractMoney } from '../../sync/money';
import type { RunResults } from '../common/results';
import { inputError } from '../common/validation';

/** One payment wanted by an input item: which invoices, how much (undefined: their open balance). */
export interface PaymentRequest {
	itemIndex: number;
	invoiceKeys: string[];
	matchBy: 'Id' | 'DocNumber';
	amount?: number;
	header: IDataObject;
}

/**
 * Payments already applied to the run's invoices, by reference number: a payment given a Reference
 * Number (e.g. the source system's payment ID) is recorded once, however often it is replayed.
 * One grouped query, only when some request has a reference number.
 */
async function paymentsByReference(
	ctx: IExecuteFunctions,
	requests: PaymentRequest[],
	invoices: Map<string, IDataObject>,
): Promise<Map<string, IDataObject>> {
	const byRef = new Map<string, IDataObject>();
	if (!requests.some((request) => request.header.PaymentRefNum)) return byRef;
	const paymentIds = [...invoices.values()].flatMap((invoice) =>
		((invoice.LinkedTxn ?? []) as IDataObject[]).filter((link) => link.TxnType === 'Payment').map((link) => String(link.TxnId)),
	);
	if (paymentIds.length === 0) return byRef;
	for (const payment of await qboFindIn(ctx, 'Payment', 'Id', paymentIds)) {
		if (payment.PaymentRefNum) byRef.set(String(payment.PaymentRefNum).toLowerCase(), payment);
	}
	return byRef;
}

/**
 * Records the run's payments: every invoice of the run read with grouped IN queries, amounts
 * applied to the open balances in the order given, the payments created through the batch endpoint.
 */
export async function applyPayments(ctx: IExecuteFunctions, requests: PaymentRequest[], results: RunResults): Promise<void> {
	const invoices = new Map<string, IDataObject>();
	for (const matchBy of ['Id', 'DocNumber'] as const) {
		const keys = requests.filter((request) => request.matchBy === matchBy).flatMap((request) => request.invoiceKeys);
		if (keys.length === 0) continue;
		for (const invoice of await qboFindIn(ctx, 'Invoice', matchBy, keys)) {
			invoices.set(`${matchBy}:${String(invoice[matchBy]).toLowerCase()}`, invoice);
		}
	}

	const recorded = await paymentsByReference(ctx, requests, invoices);

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
			const refNum = request.header.PaymentRefNum as string | undefined;
			const earlier = refNum ? recorded.get(refNum.toLowerCase()) : undefined;
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

	const answers = await qboBatchWrite(
		ctx,
		writes.map(({ request, body }) => ({ entity: 'Payment', operation: 'create', body, itemIndex: request.itemIndex })),
	);
	writes.forEach(({ request }, index) => {
		const answer = answers[index];
		if (answer instanceof NodeApiError) return results.fail(request.itemIndex, answer);
		results.noteWrite(request.itemIndex, `created Payment ${String(answer.Id)}`);
		results.succeed(request.itemIndex, { ...answer, _action: 'created' });
	});
}
