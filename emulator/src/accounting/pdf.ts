import type { Obj } from './values';

/**
 * A minimal, valid PDF 1.4 writer: catalog, pages, Helvetica fonts, one content stream per page,
 * and a cross-reference table whose offsets are exact byte positions.
 */

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const ROWS_PER_PAGE = 44;

/** A text row: x position, font size, bold, text. */
interface Row {
	cells: { x: number; text: string; bold?: boolean; size?: number }[];
}

/** Escapes a string for a PDF literal; characters outside Latin-1 become '?'. */
function pdfString(text: string): string {
	let out = '';
	for (const ch of text) {
		const code = ch.codePointAt(0) as number;
		if (ch === '(' || ch === ')' || ch === '\\') out += `\\${ch}`;
		else if (code < 32) out += ' ';
		else if (code > 255) out += '?';
		else out += ch;
	}
	return out;
}

function contentStream(rows: Row[]): string {
	const parts: string[] = [];
	let y = PAGE_HEIGHT - 60;
	for (const row of rows) {
		for (const cell of row.cells) {
			const font = cell.bold ? 'F2' : 'F1';
			parts.push(`BT /${font} ${cell.size ?? 10} Tf ${cell.x} ${y} Td (${pdfString(cell.text)}) Tj ET`);
		}
		y -= row.cells.some((c) => (c.size ?? 10) > 12) ? 28 : 15;
	}
	return parts.join('\n');
}

/** Serialises objects (bodies without "n 0 obj") into a PDF with a correct xref table. */
export function writePdf(pages: Row[][]): Buffer {
	const objects: string[] = [];
	const pageIds = pages.map((_, i) => 5 + i * 2);
	objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
	objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
	objects[4] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>';
	pages.forEach((rows, i) => {
		const pageId = pageIds[i];
		const stream = Buffer.from(contentStream(rows), 'latin1');
		objects[pageId] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
			`/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
		objects[pageId + 1] = `<< /Length ${stream.length} >>\nstream\n${stream.toString('latin1')}\nendstream`;
	});

	const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
	let offset = chunks[0].length;
	const offsets: number[] = [];
	for (let id = 1; id < objects.length; id++) {
		offsets[id] = offset;
		const chunk = Buffer.from(`${id} 0 obj\n${objects[id]}\nendobj\n`, 'latin1');
		chunks.push(chunk);
		offset += chunk.length;
	}
	const xref = [`xref\n0 ${objects.length}\n`, '0000000000 65535 f \n'];
	for (let id = 1; id < objects.length; id++) xref.push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
	xref.push(`trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`);
	chunks.push(Buffer.from(xref.join(''), 'latin1'));
	return Buffer.concat(chunks);
}

const TITLES: Record<string, string> = {
	Invoice: 'INVOICE',
	Estimate: 'ESTIMATE',
	SalesReceipt: 'SALES RECEIPT',
	CreditMemo: 'CREDIT MEMO',
	Payment: 'PAYMENT RECEIPT',
};

const money = (n: unknown) => Number(n ?? 0).toFixed(2);

/** Renders a sales document or payment as a printable PDF. */
export function documentPdf(entity: string, doc: Obj, companyName: string): Buffer {
	const rows: Row[] = [];
	const customer = (doc.CustomerRef as Obj | undefined)?.name ?? (doc.CustomerRef as Obj | undefined)?.value ?? '';
	rows.push({ cells: [{ x: 50, text: companyName, bold: true, size: 14 }, { x: 400, text: TITLES[entity] ?? entity.toUpperCase(), bold: true, size: 18 }] });
	rows.push({ cells: [{ x: 400, text: `No. ${String(doc.DocNumber ?? doc.Id)}` }] });
	rows.push({ cells: [{ x: 400, text: `Date: ${String(doc.TxnDate ?? '')}` }] });
	if (doc.DueDate) rows.push({ cells: [{ x: 400, text: `Due: ${String(doc.DueDate)}` }] });
	rows.push({ cells: [{ x: 50, text: 'Bill to:', bold: true }, { x: 110, text: String(customer) }] });
	rows.push({ cells: [] });
	rows.push({ cells: [{ x: 50, text: 'Description', bold: true }, { x: 330, text: 'Qty', bold: true }, { x: 390, text: 'Rate', bold: true }, { x: 480, text: 'Amount', bold: true }] });
	for (const line of (doc.Line as Obj[] | undefined) ?? []) {
		const detail = (line.SalesItemLineDetail as Obj | undefined) ?? {};
		if (line.DetailType === 'SalesItemLineDetail' || line.DetailType === 'DescriptionOnly') {
			const label = String(line.Description ?? (detail.ItemRef as Obj | undefined)?.name ?? '');
			rows.push({
				cells: [
					{ x: 50, text: label.slice(0, 55) },
					{ x: 330, text: detail.Qty !== undefined ? String(detail.Qty) : '' },
					{ x: 390, text: detail.UnitPrice !== undefined ? money(detail.UnitPrice) : '' },
					{ x: 480, text: line.DetailType === 'SalesItemLineDetail' ? money(line.Amount) : '' },
				],
			});
		} else if (line.DetailType === 'DiscountLineDetail') {
			rows.push({ cells: [{ x: 330, text: 'Discount' }, { x: 480, text: `-${money(line.Amount)}` }] });
		} else if (line.DetailType === 'SubTotalLineDetail') {
			rows.push({ cells: [{ x: 330, text: 'Subtotal' }, { x: 480, text: money(line.Amount) }] });
		} else if (entity === 'Payment') {
			const link = ((line.LinkedTxn as Obj[] | undefined) ?? [])[0];
			rows.push({ cells: [{ x: 50, text: `Applied to ${String(link?.TxnType ?? '')} ${String(link?.TxnId ?? '')}` }, { x: 480, text: money(line.Amount) }] });
		}
	}
	const tax = (doc.TxnTaxDetail as Obj | undefined)?.TotalTax;
	if (tax !== undefined) rows.push({ cells: [{ x: 330, text: 'Tax' }, { x: 480, text: money(tax) }] });
	rows.push({ cells: [{ x: 330, text: 'Total', bold: true }, { x: 480, text: money(doc.TotalAmt), bold: true }] });
	if (entity === 'Invoice') rows.push({ cells: [{ x: 330, text: 'Balance due', bold: true }, { x: 480, text: money(doc.Balance), bold: true }] });
	const memo = (doc.CustomerMemo as Obj | undefined)?.value;
	if (memo) rows.push({ cells: [{ x: 50, text: String(memo).slice(0, 90) }] });
	const pages: Row[][] = [];
	for (let i = 0; i < rows.length; i += ROWS_PER_PAGE) pages.push(rows.slice(i, i + ROWS_PER_PAGE));
	return writePdf(pages);
}
