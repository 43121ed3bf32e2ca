import type { N8nInstance } from '../../harness';

export type DataTableColumnType = 'string' | 'number' | 'boolean' | 'date';

/** A Data Table of the owner's personal project, read back through the editor's REST API. */
export interface DataTable {
	id: string;
	/** Every row (oldest first), with n8n's own id/createdAt/updatedAt columns. */
	rows(): Promise<Array<Record<string, unknown>>>;
}

/**
 * Creates a Data Table as a user does in the editor (Overview → Data tables → Create), with the
 * given columns. Both pinned lines (1.123.81 and 2.41.1) serve `/rest/projects/:id/data-tables`.
 */
export async function createDataTable(n8n: N8nInstance, name: string, columns: Record<string, DataTableColumnType>): Promise<DataTable> {
	const { data: project } = await n8n.rest.get<{ data: { id: string } }>('/projects/personal');
	const base = `/projects/${project.id}/data-tables`;
	const { data: table } = await n8n.rest.post<{ data: { id: string } }>(base, {
		name,
		columns: Object.entries(columns).map(([column, type]) => ({ name: column, type })),
	});
	return {
		id: table.id,
		async rows() {
			const { data } = await n8n.rest.get<{ data: { count: number; data: Array<Record<string, unknown>> } }>(
				`${base}/${table.id}/rows?take=1000&sortBy=${encodeURIComponent('id:asc')}`,
			);
			return data.data;
		},
	};
}
