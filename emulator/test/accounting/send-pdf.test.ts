import { SANDBOX_EMAILS_PER_DAY } from '../../src/accounting';
import { faultOf, freshAccounting, itemLine, US, type Obj } from './helpers';

/** Checks a PDF's structure: header, xref offsets that point at "n 0 obj", trailer and startxref. */
function checkPdf(pdf: Buffer): string {
	const text = pdf.toString('latin1');
	expect(text.startsWith('%PDF-1.')).toBe(true);
	expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
	const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)?.[1]);
	expect(text.slice(startxref, startxref + 4)).toBe('xref');
	const header = /xref\n0 (\d+)\n/.exec(text.slice(startxref)) as RegExpExecArray;
	const count = Number(header[1]);
	const entries = text.slice(startxref + header[0].length).split('\n').slice(0, count);
	expect(entries[0]).toBe('0000000000 65535 f ');
	for (let id = 1; id < count; id++) {
		const match = /^(\d{10}) 00000 n $/.exec(entries[id]) as RegExpExecArray;
		expect(match).not.toBeNull();
		expect(text.slice(Number(match[1])).startsWith(`${id} 0 obj`)).toBe(true);
	}
	expect(text).toMatch(new RegExp(`trailer\\n<< /Size ${count} /Root 1 0 R >>`));
	// Each stream's /Length is its exact byte length.
	for (const m of text.matchAll(/<< \/Length (\d+) >>\nstream\n/g)) {
		const start = (m.index as number) + m[0].length;
		expect(text.slice(start + Number(m[1]), start + Number(m[1]) + 10)).toBe('\nendstream');
	}
	return text;
}

describe('send and pdf', () => {
	test('send marks the invoice EmailSent with DeliveryInfo; sendTo replaces BillEmail', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj;
		const sent = accounting.send(us, 'Invoice', inv.Id) as Obj;
		expect(sent).toMatchObject({ EmailStatus: 'EmailSent', SyncToken: '1', BillEmail: { Address: 'birds@intuit.example' }, DeliveryInfo: { DeliveryType: 'Email' } });
		expect(sent.DeliveryInfo.DeliveryTime).toMatch(/T\d\d:\d\d:\d\d-07:00$/);
		const again = accounting.send(us, 'Invoice', inv.Id, 'accounts@amy.example') as Obj;
		expect(again.BillEmail).toEqual({ Address: 'accounts@amy.example' });
		expect(accounting.send(us, 'Estimate', (accounting.create(us, 'Estimate', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 1)] }) as Obj).Id)).toMatchObject({ EmailStatus: 'EmailSent' });
	});

	test('no address at all, a malformed address, or an entity that cannot be sent is refused', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: '3' }, Line: [itemLine(US.services, 10)] }) as Obj;
		expect(faultOf(() => accounting.send(us, 'Invoice', inv.Id)).code).toBe('6000');
		expect(faultOf(() => accounting.send(us, 'Invoice', inv.Id, 'not-an-address')).code).toBe('6000');
		expect(faultOf(() => accounting.send(us, 'Customer', '1')).code).toBe('500');
		expect(faultOf(() => accounting.send(us, 'Invoice', '9999')).code).toBe('610');
	});

	test(`the sandbox sends at most ${SANDBOX_EMAILS_PER_DAY} emails a day per company, and the count resets the next day`, () => {
		const { accounting, us, ca, clock } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj;
		for (let i = 0; i < SANDBOX_EMAILS_PER_DAY; i++) accounting.send(us, 'Invoice', inv.Id);
		const fault = faultOf(() => accounting.send(us, 'Invoice', inv.Id));
		expect(fault.code).toBe('6000');
		expect(fault.Detail).toContain('limit');
		// Another company has its own allowance.
		const caInv = accounting.create(ca, 'Invoice', { CustomerRef: { value: '1' }, Line: [itemLine('1', 10, {}, { TaxCodeRef: { value: '4' } })] }) as Obj;
		expect(accounting.send(ca, 'Invoice', caInv.Id)).toMatchObject({ EmailStatus: 'EmailSent' });
		clock.advance(24 * 3600_000);
		expect(accounting.send(us, 'Invoice', inv.Id)).toMatchObject({ EmailStatus: 'EmailSent' });
	});

	test('the PDF is structurally valid and names the document type, number, customer, lines and total', () => {
		const { accounting, us } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', {
			CustomerRef: { value: US.amy },
			DocNumber: 'INV-(42)',
			Line: [itemLine(US.design, 150, { Description: 'Garden design' }, { Qty: 2, UnitPrice: 75 })],
		}) as Obj;
		const pdf = accounting.pdf(us, 'Invoice', inv.Id);
		expect(Buffer.isBuffer(pdf)).toBe(true);
		const text = checkPdf(pdf);
		expect(text).toContain('(INVOICE)');
		expect(text).toContain('INV-\\(42\\)');
		expect(text).toContain("Amy's Bird Sanctuary");
		expect(text).toContain('Garden design');
		expect(text).toContain('150.00');
		expect(text).toContain('/BaseFont /Helvetica');
	});

	test('long documents spill onto more pages; payments and sales receipts print too', () => {
		const { accounting, us } = freshAccounting();
		const lines = Array.from({ length: 80 }, (_, i) => itemLine(US.services, i + 1, { Description: `Visit ${i + 1}` }));
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: lines }) as Obj;
		const text = checkPdf(accounting.pdf(us, 'Invoice', inv.Id));
		expect(Number(/\/Count (\d+)/.exec(text)?.[1])).toBeGreaterThan(1);
		expect(text).toContain('Visit 80');
		const p = accounting.create(us, 'Payment', { CustomerRef: { value: US.amy }, TotalAmt: 5, Line: [{ Amount: 5, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] }) as Obj;
		expect(checkPdf(accounting.pdf(us, 'Payment', p.Id))).toContain('PAYMENT RECEIPT');
		const sr = accounting.create(us, 'SalesReceipt', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 3)] }) as Obj;
		expect(checkPdf(accounting.pdf(us, 'SalesReceipt', sr.Id))).toContain('SALES RECEIPT');
		expect(faultOf(() => accounting.pdf(us, 'Customer', '1')).code).toBe('500');
	});
});
