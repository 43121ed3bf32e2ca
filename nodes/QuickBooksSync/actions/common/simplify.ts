import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { RunParameters } from './runParameters';

type Simplifier = (record: IDataObject) => IDataObject;

/** One resource's simplified output: the operations that offer it, the fields, and how they are read. */
interface SimplifySpec {
	operations: string[];
	fields: string;
	simplify: Simplifier;
}

const text = (value: unknown): string | undefined => (value === undefined || value === null || value === '' ? undefined : String(value));
const refValue = (value: unknown): string | undefined => text((value as IDataObject | undefined)?.value);
const refName = (value: unknown): string | undefined => text((value as IDataObject | undefined)?.name);
/** A reference as people read it: its name, or its id when QuickBooks gave no name. */
const refLabel = (value: unknown): string | undefined => refName(value) ?? refValue(value);
const updatedAt = (record: IDataObject): string | undefined => text((record.MetaData as IDataObject | undefined)?.LastUpdatedTime);

/** "Line1, Line2, City, ST 12345, Country" from a QuickBooks address. */
function addressLine(value: unknown): string | undefined {
	const address = (value ?? {}) as IDataObject;
	const cityLine = [address.City, [address.CountrySubDivisionCode, address.PostalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
	return text([address.Line1, address.Line2, cityLine, address.Country].filter(Boolean).join(', '));
}

/** The Ids of the transactions of one type linked from the document or its lines (e.g. a payment's invoices). */
function linkedIds(record: IDataObject, txnType: string): string[] {
	const links = [
		...((record.LinkedTxn ?? []) as IDataObject[]),
		...((record.Line ?? []) as IDataObject[]).flatMap((line) => (line.LinkedTxn ?? []) as IDataObject[]),
	];
	return [...new Set(links.filter((link) => link.TxnType === txnType).map((link) => String(link.TxnId)))];
}

/** An invoice's state: QuickBooks stores none, so it is read from its balance and due date. */
function invoiceStatus(record: IDataObject, today = new Date().toISOString().slice(0, 10)): string {
	const total = Number(record.TotalAmt ?? 0);
	const balance = Number(record.Balance ?? 0);
	if (total === 0 && balance === 0) return 'Closed';
	if (balance <= 0) return 'Paid';
	if (record.DueDate && String(record.DueDate) < today) return 'Overdue';
	return balance < total ? 'Partially Paid' : 'Open';
}

/** Fields every sales document shares. */
function documentCore(record: IDataObject): IDataObject {
	return {
		id: text(record.Id),
		docNumber: text(record.DocNumber),
		customerId: refValue(record.CustomerRef),
		customerName: refName(record.CustomerRef),
		txnDate: text(record.TxnDate),
		totalAmount: record.TotalAmt,
	};
}

/** The e-mail fields of a document QuickBooks can send. */
function emailFields(record: IDataObject): IDataObject {
	return {
		billEmail: text((record.BillEmail as IDataObject | undefined)?.Address),
		emailStatus: text(record.EmailStatus),
	};
}

/** Removes keys whose value is undefined, so the item shows only what the record has. */
function compact(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

const SPECS: Record<string, SimplifySpec> = {
	customer: {
		operations: ['get', 'getAll', 'find', 'findOrCreate', 'create', 'update'],
		fields: 'id, displayName, companyName, givenName, familyName, email, phone, billingAddress (one line), balance, active, parentId, updatedAt',
		simplify: (record) => ({
			id: text(record.Id),
			displayName: text(record.DisplayName),
			companyName: text(record.CompanyName),
			givenName: text(record.GivenName),
			familyName: text(record.FamilyName),
			email: text((record.PrimaryEmailAddr as IDataObject | undefined)?.Address),
			phone: text((record.PrimaryPhone as IDataObject | undefined)?.FreeFormNumber),
			billingAddress: addressLine(record.BillAddr),
			balance: record.Balance,
			active: record.Active,
			parentId: refValue(record.ParentRef),
			updatedAt: updatedAt(record),
		}),
	},
	item: {
		operations: ['get', 'getAll', 'find', 'findOrCreate', 'create', 'update'],
		fields: 'id, name, sku, type, description, unitPrice, incomeAccount, taxable, quantityOnHand, active, updatedAt',
		simplify: (record) => ({
			id: text(record.Id),
			name: text(record.Name),
			sku: text(record.Sku),
			type: text(record.Type),
			description: text(record.Description),
			unitPrice: record.UnitPrice,
			incomeAccount: refLabel(record.IncomeAccountRef),
			taxable: record.Taxable,
			quantityOnHand: record.QtyOnHand,
			active: record.Active,
			updatedAt: updatedAt(record),
		}),
	},
	invoice: {
		operations: ['get', 'getAll', 'create', 'update'],
		fields:
			'id, docNumber, customerId, customerName, txnDate, dueDate, totalAmount, balance, status (Open, Partially Paid, Overdue, Paid or Closed, read from the balance and due date), billEmail, emailStatus, paymentIds, updatedAt',
		simplify: (record) => ({
			...documentCore(record),
			dueDate: text(record.DueDate),
			balance: record.Balance,
			status: invoiceStatus(record),
			...emailFields(record),
			paymentIds: linkedIds(record, 'Payment'),
			updatedAt: updatedAt(record),
		}),
	},
	estimate: {
		operations: ['get', 'getAll', 'create', 'update'],
		fields: 'id, docNumber, customerId, customerName, txnDate, expirationDate, totalAmount, status (Pending, Accepted, Closed, Rejected), billEmail, emailStatus, invoiceIds, updatedAt',
		simplify: (record) => ({
			...documentCore(record),
			expirationDate: text(record.ExpirationDate),
			status: text(record.TxnStatus),
			...emailFields(record),
			invoiceIds: linkedIds(record, 'Invoice'),
			updatedAt: updatedAt(record),
		}),
	},
	salesReceipt: {
		operations: ['get', 'getAll', 'create', 'update'],
		fields: 'id, docNumber, customerId, customerName, txnDate, totalAmount, paymentMethod, depositToAccount, billEmail, emailStatus, updatedAt',
		simplify: (record) => ({
			...documentCore(record),
			paymentMethod: refLabel(record.PaymentMethodRef),
			depositToAccount: refLabel(record.DepositToAccountRef),
			...emailFields(record),
			updatedAt: updatedAt(record),
		}),
	},
	payment: {
		operations: ['get', 'getAll', 'create', 'markInvoicePaid'],
		fields: 'id, referenceNumber, customerId, customerName, txnDate, totalAmount, unappliedAmount, invoiceIds, paymentMethod, depositToAccount, updatedAt',
		simplify: (record) => ({
			id: text(record.Id),
			referenceNumber: text(record.PaymentRefNum),
			customerId: refValue(record.CustomerRef),
			customerName: refName(record.CustomerRef),
			txnDate: text(record.TxnDate),
			totalAmount: record.TotalAmt,
			unappliedAmount: record.UnappliedAmt,
			invoiceIds: linkedIds(record, 'Invoice'),
			paymentMethod: refLabel(record.PaymentMethodRef),
			depositToAccount: refLabel(record.DepositToAccountRef),
			updatedAt: updatedAt(record),
		}),
	},
};

/** The Simplify switch of every resource that has one, shown for the operations listed in SPECS (not on the tool: see Output). */
export function simplifyDescriptions(): INodeProperties[] {
	return Object.entries(SPECS).map(([resource, spec]) => ({
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: false,
		description: `Whether to return a simplified version of the response instead of the raw data: ${spec.fields}, plus what the node adds (_action, _created …). Off returns the whole QuickBooks object.`,
		displayOptions: { show: { resource: [resource], operation: spec.operations, '@tool': [false] } },
	}));
}

/** The simplified fields of a resource a user can pick for Selected Fields (the id is always returned). */
function selectableFields(spec: SimplifySpec): string[] {
	return Object.keys(spec.simplify({})).filter((field) => field !== 'id');
}

/** "docNumber" → "Doc Number", for the field picker. */
const fieldLabel = (field: string): string => field.replace(/([A-Z])/g, ' $1').replace(/^./, (first) => first.toUpperCase());

/**
 * The Output option of the node used as an AI tool (n8n's guideline for tool nodes): a model's context is
 * small and too many fields confuse it, so a tool answers Simplified by default, Raw on request, or only
 * the Selected Fields (and the id).
 */
export function outputDescriptions(): INodeProperties[] {
	return Object.entries(SPECS).flatMap(([resource, spec]): INodeProperties[] => {
		const show = { resource: [resource], operation: spec.operations, '@tool': [true] };
		return [
			{
				displayName: 'Output',
				name: 'output',
				type: 'options',
				default: 'simplified',
				options: [
					{ name: 'Raw', value: 'raw', description: 'The whole QuickBooks object' },
					{ name: 'Selected Fields', value: 'selectedFields', description: 'The ID and the fields picked below' },
					{ name: 'Simplified', value: 'simplified', description: `A flat item: ${spec.fields}` },
				],
				displayOptions: { show },
			},
			{
				displayName: 'Fields',
				name: 'outputFields',
				type: 'multiOptions',
				default: [],
				description: 'The fields of the simplified item to return besides the ID',
				options: selectableFields(spec)
					.map((field) => ({ name: fieldLabel(field), value: field }))
					.sort((a, b) => a.name.localeCompare(b.name)),
				displayOptions: { show: { ...show, output: ['selectedFields'] } },
			},
		];
	});
}

/** How one item's records are returned: the node's Simplify switch, or the tool's Output option. */
function outputMode(params: RunParameters, itemIndex: number): { simplify: boolean; only?: string[] } {
	const output = params.string('output', itemIndex);
	if (output === 'selectedFields') return { simplify: true, only: ['id', ...params.strings('outputFields', itemIndex)] };
	if (output) return { simplify: output === 'simplified' };
	return { simplify: params.get('simplify', itemIndex, false) === true };
}

/**
 * Replaces each record of the output with its simplified form where the item asked for it; error
 * items, "not found" items and the node's own `_` fields are kept as they are.
 */
export function simplifyOutput(ctx: IExecuteFunctions, resource: string, operation: string, output: INodeExecutionData[]): INodeExecutionData[] {
	const spec = SPECS[resource];
	if (!spec?.operations.includes(operation)) return output;
	const params = new RunParameters(ctx, ['simplify', 'output', 'outputFields']);
	return output.map((entry) => {
		const json = entry.json;
		const paired = Array.isArray(entry.pairedItem) ? entry.pairedItem[0] : entry.pairedItem;
		const itemIndex = typeof paired === 'object' ? paired.item : (paired ?? 0);
		if (json.error !== undefined || json.Id === undefined) return entry;
		const mode = outputMode(params, itemIndex);
		if (!mode.simplify) return entry;
		const added = Object.fromEntries(Object.entries(json).filter(([key]) => key.startsWith('_')));
		// Mark Invoice Paid outputs the invoice itself when there was nothing left to pay.
		const simplify = json._action === 'alreadyPaid' ? SPECS.invoice.simplify : spec.simplify;
		const simplified = compact(simplify(json));
		if (mode.only) return { ...entry, json: Object.fromEntries(mode.only.filter((field) => field in simplified).map((field) => [field, simplified[field]])) };
		return { ...entry, json: { ...simplified, ...added } };
	});
}

/** For tests: an invoice's derived status on a given day. */
export const invoiceStatusOn = (record: IDataObject, today: string): string => invoiceStatus(record, today);
