/**
 * A tiny QuickBooks client for trigger tests: makes the changes the triggers must notice, over
 * real HTTP against the emulator, with a bearer token the emulator issued.
 */
import type { TestEmulator } from '../../support/emulator';

type Obj = Record<string, unknown>;

export interface QboApi {
	realmId: string;
	create(entity: string, body: Obj): Promise<Obj>;
	update(entity: string, body: Obj): Promise<Obj>;
	remove(entity: string, object: Obj): Promise<Obj>;
	voidIt(entity: string, object: Obj): Promise<Obj>;
	send(entity: string, id: string): Promise<Obj>;
	read(entity: string, id: string): Promise<Obj>;
}

/** A client for one realm of the running emulator. */
export function qboApi(test: TestEmulator, realmId = test.realms.us): QboApi {
	let token = test.emulator.issueTokens(realmId).access_token;
	async function call(method: string, path: string, body?: Obj, retried = false): Promise<Obj> {
		const response = await fetch(`${test.url}/v3/company/${realmId}${path}${path.includes('?') ? '&' : '?'}minorversion=75`, {
			method,
			headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const json = (await response.json()) as Obj;
		// Other tests (and clock jumps) replace or expire this token: take a fresh one, once.
		if (response.status === 401 && !retried) {
			token = test.emulator.issueTokens(realmId).access_token;
			return await call(method, path, body, true);
		}
		if (!response.ok || json.Fault) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
		return json;
	}
	const path = (entity: string) => `/${entity.toLowerCase()}`;
	return {
		realmId,
		create: async (entity, body) => (await call('POST', path(entity), body))[entity] as Obj,
		update: async (entity, body) => (await call('POST', path(entity), { ...body, sparse: true }))[entity] as Obj,
		remove: async (entity, object) => (await call('POST', `${path(entity)}?operation=delete`, { Id: object.Id, SyncToken: object.SyncToken }))[entity] as Obj,
		voidIt: async (entity, object) => {
			const query = entity === 'Payment' ? '?operation=update&include=void' : '?operation=void';
			return (await call('POST', `${path(entity)}${query}`, { Id: object.Id, SyncToken: object.SyncToken, sparse: true }))[entity] as Obj;
		},
		send: async (entity, id) => (await call('POST', `${path(entity)}/${id}/send?sendTo=buyer@example.com`))[entity] as Obj,
		read: async (entity, id) => (await call('GET', `${path(entity)}/${id}`))[entity] as Obj,
	};
}

let counter = 0;

/** One object of every watched entity, created through the API; returns them by entity. */
export async function createOneOfEach(api: QboApi, tag: string): Promise<Record<string, Obj>> {
	const n = `${tag}-${++counter}-${Date.now() % 100000}`;
	const customer = await api.create('Customer', { DisplayName: `Trigger Customer ${n}` });
	const vendor = await api.create('Vendor', { DisplayName: `Trigger Vendor ${n}` });
	const item = await api.create('Item', { Name: `Trigger Item ${n}`, Type: 'Service', IncomeAccountRef: { value: '1' } });
	const line = (amount: number) => [
		{ Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: amount } },
	];
	const sale = (amount: number) => ({ CustomerRef: { value: customer.Id }, Line: line(amount), BillEmail: { Address: 'buyer@example.com' } });
	const invoice = await api.create('Invoice', sale(100));
	const estimate = await api.create('Estimate', sale(80));
	const salesReceipt = await api.create('SalesReceipt', sale(60));
	const creditMemo = await api.create('CreditMemo', sale(20));
	const payment = await api.create('Payment', {
		CustomerRef: { value: customer.Id },
		TotalAmt: 30,
		Line: [{ Amount: 30, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
	});
	const bill = await api.create('Bill', {
		VendorRef: { value: vendor.Id },
		Line: [{ Amount: 50, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: '10' } } }],
	});
	return {
		Customer: customer,
		Vendor: vendor,
		Item: item,
		Invoice: await api.read('Invoice', String(invoice.Id)),
		Estimate: estimate,
		SalesReceipt: salesReceipt,
		CreditMemo: creditMemo,
		Payment: payment,
		Bill: bill,
	};
}

export const ALL_ENTITIES = ['Customer', 'Vendor', 'Item', 'Invoice', 'Estimate', 'SalesReceipt', 'Payment', 'CreditMemo', 'Bill'];
export const ALL_VERBS = ['created', 'updated', 'deleted', 'voided', 'emailed', 'merged'];
