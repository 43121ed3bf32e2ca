import { createInvoice, request, startTestEmulator, type TestEmulator } from './http-helpers';

describe('the emulator view a person opens after a run (/__admin/ui)', () => {
	let te: TestEmulator;
	beforeAll(async () => {
		te = await startTestEmulator();
	});
	afterAll(async () => te.emu.stop());

	it('lists a new invoice with its number and customer, newest first', async () => {
		const invoice = await createInvoice(te, { DocNumber: 'WO-UI-1' });
		const page = await request(`${te.emu.url}/__admin/ui`);
		expect(page.status).toBe(200);
		expect(page.headers['content-type']).toContain('text/html');
		const invoices = page.text.slice(page.text.indexOf('<h2>Invoice'), page.text.indexOf('<h2>Estimate'));
		expect(invoices).toContain('WO-UI-1');
		expect(invoices).toContain(`(${invoice.CustomerRef.value})`);
		expect(invoices.indexOf('WO-UI-1')).toBeLessThan(invoices.indexOf('</tbody>'));
	});

	it('escapes names, so a customer called <script> is shown, not run', async () => {
		const created = await te.api('POST', '/customer', { json: { DisplayName: `<script>alert("x")</script> O'Brien ${Date.now()}` } });
		expect(created.status).toBe(200);
		const page = await request(`${te.emu.url}/__admin/ui`);
		expect(page.text).not.toContain('<script>alert');
		expect(page.text).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; O&#39;Brien');
	});

	it('switches company with ?realmId= and falls back to the first company for an unknown one', async () => {
		const ca = await request(`${te.emu.url}/__admin/ui?realmId=${te.emu.realms.ca}`);
		expect(ca.text).toMatch(/\(CA\)/);
		const unknown = await request(`${te.emu.url}/__admin/ui?realmId=nope`);
		expect(unknown.status).toBe(200);
		expect(unknown.text).toMatch(/\(US\)/);
	});
});
