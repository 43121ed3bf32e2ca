import type { AccountingService } from '../contracts';

/** The lists a person wants to see first, newest first: what the templates create. */
const SECTIONS: { entity: string; columns: [string, (row: Row) => unknown][] }[] = [
	{
		entity: 'Invoice',
		columns: [
			['Id', (r) => r.Id],
			['DocNumber', (r) => r.DocNumber],
			['Customer', (r) => ref(r.CustomerRef)],
			['Lines', (r) => (Array.isArray(r.Line) ? r.Line.length : 0)],
			['Total', (r) => r.TotalAmt],
			['Balance', (r) => r.Balance],
			['Email', (r) => r.EmailStatus],
			['Updated', (r) => updated(r)],
		],
	},
	{
		entity: 'Estimate',
		columns: [
			['Id', (r) => r.Id],
			['DocNumber', (r) => r.DocNumber],
			['Customer', (r) => ref(r.CustomerRef)],
			['Total', (r) => r.TotalAmt],
			['Status', (r) => r.TxnStatus],
			['Updated', (r) => updated(r)],
		],
	},
	{
		entity: 'SalesReceipt',
		columns: [
			['Id', (r) => r.Id],
			['DocNumber', (r) => r.DocNumber],
			['Customer', (r) => ref(r.CustomerRef)],
			['Total', (r) => r.TotalAmt],
			['Updated', (r) => updated(r)],
		],
	},
	{
		entity: 'Payment',
		columns: [
			['Id', (r) => r.Id],
			['Customer', (r) => ref(r.CustomerRef)],
			['Total', (r) => r.TotalAmt],
			['Unapplied', (r) => r.UnappliedAmt],
			['Updated', (r) => updated(r)],
		],
	},
	{
		entity: 'Customer',
		columns: [
			['Id', (r) => r.Id],
			['DisplayName', (r) => r.DisplayName],
			['Email', (r) => (r.PrimaryEmailAddr as Row | undefined)?.Address],
			['Balance', (r) => r.Balance],
			['Updated', (r) => updated(r)],
		],
	},
	{
		entity: 'Item',
		columns: [
			['Id', (r) => r.Id],
			['Name', (r) => r.Name],
			['Type', (r) => r.Type],
			['Price', (r) => r.UnitPrice],
			['Updated', (r) => updated(r)],
		],
	},
];

type Row = Record<string, unknown>;

function ref(value: unknown): unknown {
	const r = value as { value?: string; name?: string } | undefined;
	return r ? `${r.name ?? ''} (${r.value ?? ''})` : '';
}

function updated(row: Row): unknown {
	return (row.MetaData as Row | undefined)?.LastUpdatedTime;
}

function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function section(accounting: AccountingService, realmId: string, spec: (typeof SECTIONS)[number]): string {
	const result = accounting.query(realmId, `SELECT * FROM ${spec.entity} ORDERBY MetaData.LastUpdatedTime DESC MAXRESULTS 50`);
	const rows = (result[spec.entity] as Row[] | undefined) ?? [];
	const head = spec.columns.map(([name]) => `<th>${escapeHtml(name)}</th>`).join('');
	const body = rows
		.map((row) => `<tr>${spec.columns.map(([, get]) => `<td>${escapeHtml(get(row))}</td>`).join('')}</tr>`)
		.join('');
	return `<h2>${spec.entity} <small>(${rows.length === 50 ? 'latest 50' : rows.length})</small></h2>
<table><thead><tr>${head}</tr></thead><tbody>${body || `<tr><td colspan="${spec.columns.length}">none</td></tr>`}</tbody></table>`;
}

/** A read-only page of a company's documents and names, newest first, refreshing itself: what a person checks after a run. */
export function renderAdminUi(accounting: AccountingService, requestedRealm: string | null): string {
	const realms = accounting.realmIds();
	const realmId = requestedRealm && realms.includes(requestedRealm) ? requestedRealm : realms[0];
	const company = accounting.read(realmId, 'CompanyInfo', realmId) as Row;
	const tabs = realms
		.map((id) => `<a href="?realmId=${encodeURIComponent(id)}"${id === realmId ? ' class="on"' : ''}>${escapeHtml(id)}</a>`)
		.join(' ');
	return `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>QuickBooks Online emulator — ${escapeHtml(company.CompanyName)}</title>
<style>body{font:14px system-ui,sans-serif;margin:1.5em;color:#0d333f}h1{color:#2ca01c}table{border-collapse:collapse;margin-bottom:1.5em}
td,th{border:1px solid #ccd;padding:3px 8px;text-align:left}th{background:#eef6ec}a{margin-right:.6em}a.on{font-weight:bold}small{color:#667}</style>
</head><body><h1>QuickBooks Online emulator</h1>
<p>Company <b>${escapeHtml(company.CompanyName)}</b> (${escapeHtml(company.Country)}) — realms: ${tabs} — refreshes every 5 s</p>
${SECTIONS.map((spec) => section(accounting, realmId, spec)).join('\n')}
</body></html>`;
}
