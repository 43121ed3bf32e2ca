/**
 * Every entity the emulator serves, driven from its description (emulator/src/query/entity-fields.ts):
 * each filterable/sortable flag is tried against the real query endpoint, and each kind of bad request
 * is sent to every writable entity, so a gap shows up as a failing row rather than being found one by one.
 *
 * What each kind of bad request gets (QuickBooks' codes, sources in emulator/README.md "Fidelity"):
 *   non-numeric id → 2030 · unknown id → 610 · stale SyncToken → 5010 · no SyncToken → 2020 ·
 *   unknown property → 2010 · unknown query property → 4001 "not found" · not filterable → 4001 "not queryable".
 */
import { describedEntities, type FieldKind } from '../../src/query';
import { newCustomer, startTestEmulator, type TestEmulator } from '../server/http-helpers';

let t: TestEmulator;
let refs: { customer: string; item: string; vendor: string; account: string; expenseAccount: string };
beforeAll(async () => {
	t = await startTestEmulator({ limits: false });
	const first = async (query: string, entity: string) =>
		(await t.api('GET', `/query?query=${encodeURIComponent(query)}`)).json.QueryResponse[entity][0].Id as string;
	refs = {
		customer: (await t.api('POST', '/customer', { json: newCustomer('Every Entity') })).json.Customer.Id,
		item: await first("select * from Item where Type = 'Service'", 'Item'),
		vendor: await first('select * from Vendor', 'Vendor'),
		account: await first("select * from Account where AccountType = 'Income'", 'Account'),
		expenseAccount: await first("select * from Account where AccountType = 'Expense'", 'Account'),
	};
});
afterAll(() => t.emu.stop());

const query = (text: string) => t.api('GET', `/query?query=${encodeURIComponent(text)}`);
const unique = (prefix: string) => `${prefix} ${process.pid}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

/** A literal each kind of property accepts. */
const LITERAL: Record<FieldKind, string> = {
	id: "'1'",
	string: "'x'",
	number: "'0'",
	boolean: 'true',
	date: "'2025-01-01'",
	datetime: "'2025-01-01T00:00:00-07:00'",
	ref: "'1'",
	email: "'a@example.com'",
};

describe('every described entity: the query flags hold against the endpoint', () => {
	for (const spec of describedEntities()) {
		test(`${spec.name}`, async () => {
			for (const [name, field] of Object.entries(spec.fields)) {
				const where = await query(`select * from ${spec.name} where ${name.toLowerCase()} = ${LITERAL[field.kind]}`);
				const wanted = field.filterable ? { status: 200 } : { status: 400, detail: `QueryValidationError: property '${name}' is not queryable` };
				expect({ name, status: where.status, ...(where.status === 200 ? {} : { detail: where.json.Fault.Error[0].Detail }) }).toEqual({ name, ...wanted });
				const order = await query(`select * from ${spec.name} orderby ${name}`);
				expect({ name, sortable: order.status === 200 }).toEqual({ name, sortable: field.sortable });
			}
			const unknown = await query(`select * from ${spec.name} where NoSuchProperty = 'x'`);
			expect(unknown.json.Fault.Error[0]).toMatchObject({ code: '4001', Detail: `QueryValidationError: Property NoSuchProperty not found for Entity ${spec.name}` });
			const projected = await query(`select Id from ${spec.name} maxresults 1`);
			expect(projected.status).toBe(200);
			for (const row of (projected.json.QueryResponse[spec.name] ?? []) as Record<string, unknown>[]) {
				expect(Object.keys(row).sort()).toEqual(['Id', 'domain', 'sparse']);
			}
		});
	}
});

/** A valid create body for each writable entity. */
function createBody(entity: string): Record<string, unknown> {
	const line = { Amount: 10, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: refs.item }, Qty: 1, UnitPrice: 10 } };
	switch (entity) {
		case 'Customer':
		case 'Vendor':
			return { DisplayName: unique(entity) };
		case 'Employee':
			return { GivenName: 'E', FamilyName: unique(entity) };
		case 'Item':
			return { Name: unique(entity), Type: 'Service', IncomeAccountRef: { value: refs.account } };
		case 'Account':
			return { Name: unique(entity), AccountType: 'Income' };
		case 'Term':
			return { Name: unique('T').slice(0, 30), DueDays: 10 };
		case 'PaymentMethod':
			return { Name: unique('PM').slice(0, 30) };
		case 'Class':
			return { Name: unique(entity) };
		case 'Invoice':
		case 'Estimate':
		case 'SalesReceipt':
		case 'CreditMemo':
			return { CustomerRef: { value: refs.customer }, Line: [line] };
		case 'Payment':
			return { CustomerRef: { value: refs.customer }, TotalAmt: 5 };
		case 'Bill':
			return {
				VendorRef: { value: refs.vendor },
				Line: [{ Amount: 7, DetailType: 'AccountBasedExpenseLineDetail', AccountBasedExpenseLineDetail: { AccountRef: { value: refs.expenseAccount } } }],
			};
		default:
			throw new Error(`no sample body for ${entity}`);
	}
}

const WRITABLE = ['Customer', 'Vendor', 'Employee', 'Item', 'Account', 'Term', 'PaymentMethod', 'Class', 'Invoice', 'Estimate', 'SalesReceipt', 'CreditMemo', 'Payment', 'Bill'];

describe('every writable entity: defaults, a sparse no-op, and the fault each kind of bad request gets', () => {
	for (const entity of WRITABLE) {
		test(entity, async () => {
			const path = `/${entity.toLowerCase()}`;
			const created = await t.api('POST', path, { json: createBody(entity) });
			expect({ entity, status: created.status, body: created.status === 200 ? undefined : created.json }).toEqual({ entity, status: 200, body: undefined });
			const obj = created.json[entity];
			const spec = describedEntities().find((e) => e.name === entity);
			expect(obj).toMatchObject({ domain: 'QBO', sparse: false, SyncToken: '0', ...(spec?.createDefaults ?? {}) });

			// A sparse update that sends the stored values back changes nothing.
			const noop = await t.api('POST', path, { json: { Id: obj.Id, SyncToken: obj.SyncToken, sparse: true } });
			expect({ entity, SyncToken: noop.json[entity]?.SyncToken }).toEqual({ entity, SyncToken: '0' });

			const code = async (method: string, p: string, json?: unknown) => (await t.api(method, p, json === undefined ? {} : { json })).json?.Fault?.Error?.[0]?.code;
			expect({
				nonNumericId: await code('GET', `${path}/1.5`),
				unknownId: await code('GET', `${path}/987654321`),
				stale: await code('POST', path, { Id: obj.Id, SyncToken: '99', sparse: true, PrivateNote: 'x' }),
				noSyncToken: await code('POST', path, { Id: obj.Id, sparse: true }),
				unknownProperty: await code('POST', path, { ...createBody(entity), NoSuchProperty: 1 }),
			}).toEqual({ nonNumericId: '2030', unknownId: '610', stale: '5010', noSyncToken: '2020', unknownProperty: '2010' });
		});
	}
});
