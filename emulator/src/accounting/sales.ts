import { businessValidation, duplicateDocNumber, invalidEnumeration, invalidProperty, invalidReference, requiredMissing } from './faults';
import { salesTotals, zeroedLines } from './lines';
import { moveStock } from './stock';
import type { EntityRules, WriteContext } from './types';
import { addDays, bool, clone, isDate, isObj, maxLen, qboDate, refId, round2, str, type Obj } from './values';

/** Invoice, Estimate, SalesReceipt and CreditMemo: the sales documents. */

type SalesKind = 'Invoice' | 'Estimate' | 'SalesReceipt' | 'CreditMemo';

const EMAIL_STATUSES = ['NotSet', 'NeedToSend', 'EmailSent'];
const ESTIMATE_STATUSES = ['Pending', 'Accepted', 'Closed', 'Rejected'];
/** QuickBooks keeps at most 31 characters in a sales custom field. */
const CUSTOM_FIELD_MAX = 31;

export function docKey(entity: string, docNumber: string): string {
	return `doc:${entity}:${docNumber.toLowerCase()}`;
}

/** The sales custom fields the company declared (Preferences.SalesFormsPrefs.CustomField). */
export function declaredCustomFields(prefs: Obj): { id: string; name: string }[] {
	const cached = declaredCache.get(prefs);
	if (cached) return cached;
	const groups = ((prefs.SalesFormsPrefs as Obj | undefined)?.CustomField as Obj[] | undefined) ?? [];
	const flat = groups.flatMap((g) => (g.CustomField as Obj[] | undefined) ?? []);
	const value = (name: string) => flat.find((f) => f.Name === name);
	const out: { id: string; name: string }[] = [];
	for (let n = 1; n <= 3; n++) {
		const use = value(`SalesFormsPrefs.UseSalesCustomName${n}`);
		const name = value(`SalesFormsPrefs.SalesCustomName${n}`);
		if (use?.BooleanValue === true && typeof name?.StringValue === 'string') out.push({ id: String(n), name: name.StringValue });
	}
	declaredCache.set(prefs, out);
	return out;
}

/** Preferences objects are replaced, never changed in place, so their declarations can be cached by identity. */
const declaredCache = new WeakMap<Obj, { id: string; name: string }[]>();

function customFields(ctx: WriteContext, input: Obj): Obj[] {
	const declared = declaredCustomFields(ctx.prefs());
	const sent = input.CustomField === undefined ? [] : input.CustomField;
	if (!Array.isArray(sent)) throw invalidProperty('CustomField');
	const values = new Map<string, string>();
	for (const field of sent) {
		if (!isObj(field)) throw invalidProperty('CustomField');
		const id = str(field.DefinitionId);
		if (!id) throw requiredMissing('CustomField.DefinitionId');
		if (!declared.some((d) => d.id === id)) throw invalidReference('CustomField', id, 'CustomField.DefinitionId');
		const value = field.StringValue;
		if (value !== undefined && value !== null) {
			maxLen(String(value), CUSTOM_FIELD_MAX, 'CustomField.StringValue');
			values.set(id, String(value));
		}
	}
	return declared.map((d) => ({ DefinitionId: d.id, Name: d.name, Type: 'StringType', ...(values.has(d.id) ? { StringValue: values.get(d.id) } : {}) }));
}

/** The next free automatic DocNumber (not yet reserved: the counter moves only once the write succeeds). */
function nextDocNumber(ctx: WriteContext, entity: string): string {
	let n = ctx.realm.docCounters.get(entity) ?? 1001;
	for (let guard = 0; guard < 100_000 && ctx.holder(docKey(entity, String(n))); guard++) n++;
	return String(n);
}

function docNumber(ctx: WriteContext, entity: string, input: Obj, prev: Obj | undefined): string | undefined {
	const given = str(input.DocNumber);
	if (given !== undefined) {
		maxLen(given, 21, 'DocNumber');
		const holder = ctx.holder(docKey(entity, given));
		if (holder && holder.id !== prev?.Id && !ctx.opts.allowDuplicateDocNumber) throw duplicateDocNumber(given, entity, holder.id);
		return given;
	}
	if (prev?.DocNumber !== undefined) return prev.DocNumber as string;
	const custom = (ctx.prefs().SalesFormsPrefs as Obj | undefined)?.CustomTxnNumbers === true;
	return custom ? undefined : nextDocNumber(ctx, entity);
}

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
		if (!ctx.get('Estimate', id)) throw businessValidation(`The entity Estimate ${id} that you are trying to link does not exist.`, 'LinkedTxn');
		if (!links.some((l) => l.TxnId === id)) links.push({ TxnId: id, TxnType: 'Estimate' });
	}
	const payments = ((prev?.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => l.TxnType !== 'Estimate');
	return [...links, ...payments];
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
	const totals = salesTotals(ctx, input);
	const emailStatus = str(input.EmailStatus) ?? 'NotSet';
	if (!EMAIL_STATUSES.includes(emailStatus)) throw invalidEnumeration('EmailStatus', emailStatus);
	const billEmail = isObj(input.BillEmail) ? input.BillEmail : isObj(customer?.PrimaryEmailAddr) ? { Address: customer.PrimaryEmailAddr.Address } : undefined;
	if (billEmail) maxLen(billEmail.Address, 100, 'BillEmail.Address');
	if (emailStatus === 'NeedToSend' && !str(billEmail?.Address)) throw businessValidation('Need to provide BillEmail when EmailStatus is NeedToSend.', 'BillEmail');

	const out: Obj = {
		...input,
		DocNumber: docNumber(ctx, kind, input, prev),
		TxnDate: txnDate,
		CurrencyRef: ctx.realm.country === 'CA' ? { value: 'CAD', name: 'Canadian Dollar' } : { value: 'USD', name: 'United States Dollar' },
		CustomField: customFields(ctx, input),
		...totals,
		CustomerRef: customer ? { value: customer.Id, name: customer.DisplayName } : undefined,
		BillAddr: input.BillAddr ?? clone(customer?.BillAddr),
		ShipAddr: input.ShipAddr ?? clone(customer?.ShipAddr),
		BillEmail: billEmail,
		ApplyTaxAfterDiscount: bool(input.ApplyTaxAfterDiscount) ?? false,
		PrintStatus: str(input.PrintStatus) ?? 'NeedToPrint',
		EmailStatus: emailStatus,
	};
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
		out.Balance = out.TotalAmt;
		out.RemainingCredit = out.TotalAmt;
	}
	return out;
}

/** Reserves the automatic DocNumber sequence past a number just used. */
function advanceDocCounter(ctx: WriteContext, entity: string, doc: Obj): void {
	const n = Number(doc.DocNumber);
	if (Number.isInteger(n) && n >= (ctx.realm.docCounters.get(entity) ?? 1001)) ctx.realm.docCounters.set(entity, n + 1);
}

/** Open balance a document adds to its customer (invoices owe, credit memos credit). */
function openBalance(kind: SalesKind, doc: Obj | undefined): number {
	if (!doc || !refId(doc.CustomerRef)) return 0;
	if (kind === 'Invoice') return Number(doc.Balance ?? 0);
	if (kind === 'CreditMemo') return -Number(doc.Balance ?? 0);
	return 0;
}

function moveCustomerBalance(ctx: WriteContext, kind: SalesKind, next: Obj | undefined, prev: Obj | undefined): void {
	const before = openBalance(kind, prev);
	const after = openBalance(kind, next);
	if (before !== 0) ctx.adjustCustomerBalance(refId(prev?.CustomerRef) as string, -before);
	if (after !== 0) ctx.adjustCustomerBalance(refId(next?.CustomerRef) as string, after);
}

const estimateIds = (doc: Obj | undefined): string[] =>
	((doc?.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => l.TxnType === 'Estimate').map((l) => String(l.TxnId));

/** Closes newly linked estimates and reopens unlinked ones, keeping both sides' LinkedTxn in step. */
function syncEstimateLinks(ctx: WriteContext, invoiceId: string, next: Obj | undefined, prev: Obj | undefined): void {
	const now = estimateIds(next);
	const before = estimateIds(prev);
	for (const id of now.filter((x) => !before.includes(x))) {
		ctx.touch('Estimate', id, (est) => {
			const links = ((est.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => !(l.TxnType === 'Invoice' && l.TxnId === invoiceId));
			est.LinkedTxn = [...links, { TxnId: invoiceId, TxnType: 'Invoice' }];
			est.TxnStatus = 'Closed';
		});
	}
	for (const id of before.filter((x) => !now.includes(x))) {
		if (!ctx.get('Estimate', id)) continue;
		ctx.touch('Estimate', id, (est) => {
			est.LinkedTxn = ((est.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => !(l.TxnType === 'Invoice' && l.TxnId === invoiceId));
			if (!(est.LinkedTxn as Obj[]).some((l) => l.TxnType === 'Invoice')) est.TxnStatus = 'Pending';
		});
	}
}

/** A payment that applied money to an invoice about to disappear keeps it as unapplied credit. */
function releasePayments(ctx: WriteContext, invoice: Obj): void {
	const payments = ((invoice.LinkedTxn as Obj[] | undefined) ?? []).filter((l) => l.TxnType === 'Payment');
	for (const link of payments) {
		const id = String(link.TxnId);
		if (!ctx.get('Payment', id)) continue;
		ctx.touch('Payment', id, (pay) => {
			const lines = (pay.Line as Obj[] | undefined) ?? [];
			const released = lines.filter((l) => appliedTo(l) === invoice.Id).reduce((s, l) => s + Number(l.Amount), 0);
			pay.Line = lines.filter((l) => appliedTo(l) !== invoice.Id);
			pay.UnappliedAmt = round2(Number(pay.UnappliedAmt ?? 0) + released);
		});
	}
}

/** The invoice id a payment line applies to. */
export function appliedTo(line: Obj): string | undefined {
	const link = ((line.LinkedTxn as Obj[] | undefined) ?? [])[0];
	return link ? String(link.TxnId) : undefined;
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
