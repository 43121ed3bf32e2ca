import { qboRequest, getCompany } from '../../nodes/shared/transport';
import { startEmulatorForTests, type TestEmulator } from '../support/emulator';
import { createTransportContext } from '../support/n8n-context';

let qbo: TestEmulator;
beforeAll(async () => {
	qbo = await startEmulatorForTests();
});
afterAll(async () => await qbo?.stop());

describe('transport basics over real HTTP', () => {
	it('finds the company from the credential and creates then reads a customer', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const company = await getCompany.call(context);
		expect(company).toEqual({ realmId: qbo.realms.us, apiBaseUrl: qbo.url, minorVersion: 75 });

		const created = await qboRequest.call(context, { method: 'POST', path: '/customer', body: { DisplayName: 'Basics Ltd' } });
		const customer = (created as { Customer: { Id: string; DisplayName: string } }).Customer;
		expect(customer.DisplayName).toBe('Basics Ltd');
		const read = await qboRequest.call(context, { method: 'GET', path: `/customer/${customer.Id}` });
		expect((read as { Customer: { DisplayName: string } }).Customer.DisplayName).toBe('Basics Ltd');
	});
});

describe('binary answers', () => {
	it('returns an invoice PDF as a Buffer (Accept: application/pdf)', async () => {
		const { context } = createTransportContext({ credentials: qbo.credentials() });
		const { accounting } = qbo.emulator;
		const customer = accounting.create(qbo.realms.us, 'Customer', { DisplayName: 'PDF Reader' });
		const item = accounting.create(qbo.realms.us, 'Item', { Name: 'PDF Service', Type: 'Service', IncomeAccountRef: { value: '1' } });
		const invoice = accounting.create(qbo.realms.us, 'Invoice', {
			CustomerRef: { value: String(customer.Id) },
			Line: [{ Amount: 5, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { ItemRef: { value: String(item.Id) }, Qty: 1, UnitPrice: 5 } }],
		});
		const pdf = await qboRequest.call(context, { method: 'GET', path: `/invoice/${invoice.Id}/pdf`, binary: true });
		expect(Buffer.isBuffer(pdf)).toBe(true);
		expect((pdf as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
	});
});
