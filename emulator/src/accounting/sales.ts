import { customFields } from './custom-fields';
import { advanceDocCounter, docKey, docNumber } from './doc-numbers';
import { businessValidation, invalidEnumeration, invalidProperty, invalidReference, requiredMissing } from './faults';
import { salesTotals, zeroedLines } from './lines';
import { moveCustomerBalance, releasePayments, syncEstimateLinks, type SalesKind } from './sales-effects';
import { moveStock } from './stock';
import type { EntityRules, WriteContext } from './types';
import { addDays, bool, clone, isDate, isObj, maxLen, qboDate, refId, round2, str, type Obj } from './values';

/** Invoice, Estimate, SalesReceipt and CreditMemo: the sales documents. */

const EMAIL_STATUSES = ['NotSet', 'NeedToSend', 'EmailSent'];
const ESTIMATE_STATUSES = ['Pending', 'Accepted', 'Closed', 'Rejected'];


/** DueDate as sent, else TxnDate + the days of the terms (sent, the customer's, or the company default). */
function dueDate(ctx: WriteContext, input: Obj, customer: Obj, txnDate: string): { due: string; termRef?: Obj } {
	let term: Obj | undefined;
	if (input.SalesTermRef !== undefined) term = ctx.ref('Term', input.SalesTermRef, 'SalesTermRef');
	else if (refId(customer.SalesTermRef)) term = ctx.get('Term', refId(customer.SalesTermRef) as string);
	else {
		const dflt = refId((ctx.prefs().SalesFormsPrefs as Obj | undefined)?.DefaultTerms);
		if (dflt) term = ctx.get('Term', dflt);
	}
	const termRef = term ? { value: term.Id, name: term.Name } : undefined;
	if (input.DueDate !== undefined) {
		if (!isDate(input.DueDate)) throw invalidProperty('DueDate');
		return { due: input.DueDate, termRef };
	}
	return { due: addDays(txnDate, Number(term?.DueDays ?? 0)), termRef };
}

/** Estimate links an invoice carries (checked), payment links kept from before (system-managed). */
function invoiceLinks(ctx: WriteContext, input: Obj, prev: Obj | undefined): Obj[] {
	const sent = Array.isArray(input.LinkedTxn) ? (input.LinkedTxn as unknown[]) : [];
	const links: Obj[] = [];
	for (const link of sent) {
		if (!isObj(link) || link.TxnType !== 'Estimate') continue;
		const id = str(link.TxnId);
		if (!id) throw requiredMissing('LinkedTxn.TxnId');
		const estimate = ctx.get('Estimate', id);
		if (!estimate) throw businessValidation(`The entity Estimate ${id} that you are trying to link does not exist.`, 'LinkedTxn');
		if (refId(estimate.CustomerRef) !== refId(input.CustomerRef)) {
			throw businessValidation(`Estimate ${id} belongs to another customer and can not be linked to this invoice.`, 'LinkedTxn');
		}
		const linkedBefore = estimateLinked(prev, id);
		if (!linkedBefore && estimate.TxnStatus === 'Closed') {
			// Intuit documents no fault for this; the emulator refuses (the stricter choice) rather than bill an estimate twice.
			const by = ((estimate.LinkedTxn as Obj[] | undefined) ?? []).find((l) => l.TxnType === 'Invoice');
			throw businessValidation(`Estimate ${id} is already Closed${by ? ` by Invoice ${String(by.TxnId)}` : ''} and can not be linked to another invoice.`, 'LinkedTxn');
		}
		if (!links.some((l) => l.TxnId === id)) links.push({ TxnId: id, TxnType: 'Estimate' });
	}
	const payments = ((prev?.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => l.TxnType !== 'Estimate');
	return [...links, ...payments];
}

/** Whether the stored invoice already links the estimate (an update that keeps the link). */
function estimateLinked(invoice: Obj | undefined, estimateId: string): boolean {
	return ((invoice?.LinkedTxn as Obj[] | undefined) ?? []).some((l) => l.TxnType === 'Estimate' && String(l.TxnId) === estimateId);
}

function defaultDepositAccount(ctx: WriteContext): Obj | undefined {
	const holder = ctx.holder('Account:undeposited funds');
	return holder ? ctx.get('Account', holder.id) : undefined;
}

function buildSalesDoc(kind: SalesKind, ctx: WriteContext, input: Obj, prev: Obj | undefined): Obj {
	let customer: Obj | undefined;
	if (input.CustomerRef !== undefined) customer = ctx.ref('Customer', input.CustomerRef, 'CustomerRef');
	else if (kind !== 'SalesReceipt') throw requiredMissing('CustomerRef');
	maxLen(input.PrivateNote, 4000, 'PrivateNote');
	if (isObj(input.CustomerMemo)) maxLen(input.CustomerMemo.value, 1000, 'CustomerMemo');
	const txnDate = input.TxnDate === undefined ? qboDate(ctx.clock.now()) : input.TxnDate;
	if (!isDate(txnDate)) throw invalidProperty('TxnDate');
	const totals = salesTotals(ctx, input, customer, prev?.Line);
	const emailStatus = str(input.EmailStatus) ?? 'NotSet';
	if (!EMAIL_STATUSES.includes(emailStatus)) throw invalidEnumeration('EmailStatus', emailStatus);
	const billEmail = isObj(input.BillEmail) ? input.BillEmail : isObj(customer?.PrimaryEmailAddr) ? { Address: customer.PrimaryEmailAddr.Address } : undefined;
	if (billEmail) maxLen(billEmail.Address, 100, 'BillEmail.Address');
	if (emailStatus === 'NeedToSend' && !str(billEmail?.Address)) throw businessValidation('Need to provide BillEmail when EmailStatus is NeedToSend.', 'BillEmail');

	// Built field by field: a spread in the middle of an object literal is a slow path in V8, and this is the hot path.
	const out: Obj = Object.assign({}, input);
	out.DocNumber = docNumber(ctx, kind, input, prev);
	out.TxnDate = txnDate;
	out.CurrencyRef = ctx.realm.country === 'CA' ? { value: 'CAD', name: 'Canadian Dollar' } : { value: 'USD', name: 'United States Dollar' };
	out.CustomField = customFields(ctx, input);
	Object.assign(out, totals);
	out.CustomerRef = customer ? { value: customer.Id, name: customer.DisplayName } : undefined;
	out.BillAddr = input.BillAddr ?? clone(customer?.BillAddr);
	out.ShipAddr = input.ShipAddr ?? clone(customer?.ShipAddr);
	out.BillEmail = billEmail;
	out.ApplyTaxAfterDiscount = bool(input.ApplyTaxAfterDiscount) ?? false;
	out.PrintStatus = str(input.PrintStatus) ?? 'NeedToPrint';
	out.EmailStatus = emailStatus;
	if (ctx.realm.country === 'US') out.GlobalTaxCalculation = undefined;
	if (input.ClassRef !== undefined) {
		const cls = ctx.ref('Class', input.ClassRef, 'ClassRef');
		out.ClassRef = { value: cls.Id, name: cls.FullyQualifiedName };
	}
	if (input.ProjectRef !== undefined) {
		const project = ctx.ref('Customer', input.ProjectRef, 'ProjectRef');
		if (project.IsProject !== true) throw invalidReference('Project', String(project.Id), 'ProjectRef');
		out.ProjectRef = { value: project.Id, name: project.DisplayName };
	}
	// The seeded companies do not track locations (departments), so any DepartmentRef points at nothing.
	if (input.DepartmentRef !== undefined) ctx.ref('Department', input.DepartmentRef, 'DepartmentRef');

	if (kind === 'Invoice') {
		const { due, termRef } = dueDate(ctx, input, customer as Obj, txnDate);
		out.DueDate = due;
		out.SalesTermRef = termRef;
		const paid = prev ? round2(Number(prev.TotalAmt) - Number(prev.Balance)) : 0;
		if (paid !== 0 && refId(prev?.CustomerRef) !== customer?.Id) {
			throw businessValidation('The customer of an invoice with payments applied can not be changed.', 'CustomerRef');
		}
		const balance = round2(Number(out.TotalAmt) - paid);
		if (balance < 0) throw businessValidation('The invoice total can not be less than the payments applied to it.', 'TotalAmt');
		out.Balance = balance;
		out.LinkedTxn = invoiceLinks(ctx, input, prev);
		out.AllowOnlinePayment = bool(input.AllowOnlinePayment) ?? false;
		out.AllowOnlineCreditCardPayment = bool(input.AllowOnlineCreditCardPayment) ?? false;
		out.AllowOnlineACHPayment = bool(input.AllowOnlineACHPayment) ?? false;
	} else if (kind === 'Estimate') {
		const status = str(input.TxnStatus) ?? (prev?.TxnStatus as string | undefined) ?? 'Pending';
		if (!ESTIMATE_STATUSES.includes(status)) throw invalidEnumeration('TxnStatus', status);
		out.TxnStatus = status;
		if (input.ExpirationDate !== undefined && !isDate(input.ExpirationDate)) throw invalidProperty('ExpirationDate');
		out.LinkedTxn = (prev?.LinkedTxn as Obj[] | undefined) ?? [];
	} else if (kind === 'SalesReceipt') {
		if (input.PaymentMethodRef !== undefined) {
			const pm = ctx.ref('PaymentMethod', input.PaymentMethodRef, 'PaymentMethodRef');
			out.PaymentMethodRef = { value: pm.Id, name: pm.Name };
		}
		const deposit = input.DepositToAccountRef !== undefined ? ctx.ref('Account', input.DepositToAccountRef, 'DepositToAccountRef') : defaultDepositAccount(ctx);
		if (deposit) out.DepositToAccountRef = { value: deposit.Id, name: deposit.Name };
		maxLen(input.PaymentRefNum, 21, 'PaymentRefNum');
		out.Balance = 0;
	} else {
		// Credit already used by payments stays used.
		const used = prev ? round2(Number(prev.TotalAmt) - Number(prev.Balance)) : 0;
		const remaining = round2(Number(out.TotalAmt) - used);
		if (remaining < 0) throw businessValidation('The credit memo total can not be less than the credit already applied.', 'TotalAmt');
		out.Balance = remaining;
		out.RemainingCredit = remaining;
		out.LinkedTxn = ((prev?.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => l.TxnType === 'Payment');
	}
	return out;
}

function salesRules(kind: SalesKind): EntityRules {
	return {
		name: kind,
		kind: 'txn',
		sequence: 'txn',
		deletable: true,
		sendable: true,
		printable: true,
		keys: (obj) => (typeof obj.DocNumber === 'string' ? [docKey(kind, obj.DocNumber)] : []),
		build: (ctx, input, prev) => buildSalesDoc(kind, ctx, input, prev),
		afterWrite(ctx, next, prev) {
			advanceDocCounter(ctx, kind, next);
			moveCustomerBalance(ctx, kind, next, prev);
			moveStock(ctx, kind, next, prev);
			if (kind === 'Invoice') syncEstimateLinks(ctx, String(next.Id), next, prev);
		},
		beforeRemove(ctx, current) {
			const usedBy = ((current.LinkedTxn as Obj[] | undefined) ?? []).find((l) => l.TxnType === 'Payment');
			if (kind === 'CreditMemo' && usedBy) {
				throw businessValidation(`This credit memo is applied to Payment ${String(usedBy.TxnId)}; remove it from the payment first.`);
			}
			if (kind === 'Invoice') {
				releasePayments(ctx, current);
				syncEstimateLinks(ctx, String(current.Id), undefined, current);
			}
			if (kind === 'Estimate') {
				for (const link of ((current.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => l.TxnType === 'Invoice')) {
					if (!ctx.get('Invoice', String(link.TxnId))) continue;
					ctx.touch('Invoice', String(link.TxnId), (inv) => {
						inv.LinkedTxn = ((inv.LinkedTxn as Obj[]) ?? []).filter((l) => !(l.TxnType === 'Estimate' && l.TxnId === current.Id));
					});
				}
			}
			moveCustomerBalance(ctx, kind, undefined, current);
			moveStock(ctx, kind, undefined, current);
		},
		voided:
			kind === 'Estimate'
				? undefined
				: (_ctx, current) => ({
						...current,
						Line: zeroedLines(current.Line),
						TxnTaxDetail: { TotalTax: 0 },
						TotalAmt: 0,
						Balance: 0,
						...(kind === 'CreditMemo' ? { RemainingCredit: 0 } : {}),
						...(kind === 'Invoice' ? { LinkedTxn: [] } : {}),
						PrivateNote: 'Voided',
					}),
	};
}

export const invoiceRules = salesRules('Invoice');
export const estimateRules = salesRules('Estimate');
export const salesReceiptRules = salesRules('SalesReceipt');
export const creditMemoRules = salesRules('CreditMemo');
