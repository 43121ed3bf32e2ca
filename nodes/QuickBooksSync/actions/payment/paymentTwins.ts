import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { qboRecordsIn, qboWrite } from '../../sync/api';
import { oldest } from '../../sync/exactlyOnce';
import type { PaymentKeyField } from './paymentFields';

/**
 * QuickBooks keeps no key unique on a Payment, and a requestid does not stop two executions that
 * send the same payment at the same moment (two in-flight requests are processed independently;
 * see the README's "Exactly once"). So a payment with a business key (its Reference Number, or its
 * Private Note when the user chose that) is claimed after the fact: once written, the payments
 * applied to its invoices are read back, and of all twins (same key, same customer) the OLDEST —
 * lowest Id — is the payment. Whoever wrote a younger twin
 * deletes it and answers "skipped" with the oldest. Every execution reaches the same verdict from
 * QuickBooks' own state, so it holds across n8n processes, workers and credentials alike.
 */

/**
 * A payment's business key as compared: a reference number ignoring case (as the node always has),
 * a private note exactly (long source IDs may differ only in case), both trimmed. Empty: no key.
 */
export function paymentKey(payment: IDataObject, field: PaymentKeyField): string {
	const value = String(payment[field] ?? '').trim();
	return field === 'PaymentRefNum' ? value.toLowerCase() : value;
}

/** Payments applied to these invoices (as QuickBooks now lists them on the invoices), by Id. */
export async function paymentsOnInvoices(ctx: IExecuteFunctions, invoices: IDataObject[]): Promise<IDataObject[]> {
	const paymentIds = invoices.flatMap((invoice) =>
		((invoice.LinkedTxn ?? []) as IDataObject[]).filter((link) => link.TxnType === 'Payment').map((link) => String(link.TxnId)),
	);
	if (paymentIds.length === 0) return [];
	return await qboRecordsIn.call(ctx, 'Payment', 'Id', [...new Set(paymentIds)]);
}

/** A payment just written with a reference number, to be checked for twins. */
export interface WrittenPayment {
	itemIndex: number;
	keyField: PaymentKeyField;
	payment: IDataObject;
	invoiceIds: string[];
}

/** The verdict for one written payment: kept, or deleted in favour of `winner`. */
export type TwinVerdict = { kept: true } | { kept: false; winner: IDataObject };

/** Reads back every written payment's invoices (one query for the run) and picks the oldest twin of each. */
export async function settleTwins(ctx: IExecuteFunctions, written: WrittenPayment[]): Promise<TwinVerdict[]> {
	if (written.length === 0) return [];
	const invoiceIds = [...new Set(written.flatMap((entry) => entry.invoiceIds))];
	const invoices: IDataObject[] = await qboRecordsIn.call(ctx, 'Invoice', 'Id', invoiceIds);
	const payments = await paymentsOnInvoices(ctx, invoices);
	const verdicts: TwinVerdict[] = [];
	for (const { payment, keyField } of written) {
		const twins = payments.filter(
			(other) =>
				paymentKey(other, keyField) === paymentKey(payment, keyField) &&
				String((other.CustomerRef as IDataObject | undefined)?.value) === String((payment.CustomerRef as IDataObject).value),
		);
		const winner = oldest([payment, ...twins])!;
		verdicts.push(String(winner.Id) === String(payment.Id) ? { kept: true } : { kept: false, winner });
	}
	return verdicts;
}

/** Deletes a younger twin this execution wrote; its invoices' balances return to what the winner left. */
export async function deleteTwin(ctx: IExecuteFunctions, payment: IDataObject, itemIndex: number): Promise<void> {
	await qboWrite.call(ctx, 'Payment', { Id: String(payment.Id), SyncToken: String(payment.SyncToken ?? '0') }, { operation: 'delete', itemIndex });
}
