import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { QboQuery, qboSelect } from '../../sync/api';
import { literalSearch } from '../../transport';
import { qboDate } from '../../sync/bodies';
import { returnAllFields } from './pagination';
import { runEachItem } from './results';
import { toId } from './validation';

/** One filter of a Get Many: the UI field, how it becomes a query condition, and an exact row test when the query can only widen. */
export interface FilterSpec {
	property: INodeProperties;
	apply: (query: QboQuery, value: unknown) => void;
	keep?: (value: unknown) => (row: IDataObject) => boolean;
	/** Holds a QuickBooks Id (a reference such as CustomerRef): anything else fails the item. */
	isId?: boolean;
}

/** Filters shared by every entity. */
export const UPDATED_SINCE: FilterSpec = {
	property: {
		displayName: 'Updated Since',
		name: 'updatedSince',
		type: 'dateTime',
		default: '',
		description: 'Only records changed at or after this time',
	},
	apply: (query, value) => {
		query.where('MetaData.LastUpdatedTime', '>=', new Date(String(value)).toISOString());
	},
};

/** Active / inactive filter of name lists (customers, items). */
export const ACTIVE: FilterSpec = {
	property: {
		displayName: 'Active',
		name: 'active',
		type: 'boolean',
		default: true,
		description: 'Whether to return active records (true) or inactive ones (false)',
	},
	apply: (query, value) => {
		query.where('Active', '=', Boolean(value));
	},
};

/** "Field contains text", the text taken literally: LIKE on a wildcard-free fragment, then an exact test. */
export function containsFilter(field: string, displayName: string, name: string): FilterSpec {
	return {
		property: {
			displayName,
			name,
			type: 'string',
			default: '',
			description: `Only records whose ${field} contains this text, as typed (% and _ are ordinary characters), ignoring case`,
		},
		apply: (query, value) => {
			const pattern = literalSearch('contains', String(value)).pattern;
			if (pattern !== undefined) query.where(field, 'LIKE', pattern);
		},
		keep: (value) => {
			const search = literalSearch('contains', String(value));
			return (row) => search.matches(row[field]);
		},
	};
}

/** "Field equals value"; a reference field (…Ref) takes a QuickBooks Id. */
export function equalsFilter(field: string, displayName: string, name: string, description: string): FilterSpec {
	return {
		property: { displayName, name, type: 'string', default: '', description },
		apply: (query, value) => {
			query.where(field, '=', String(value).trim());
		},
		isId: field.endsWith('Ref'),
	};
}

/** A date range bound on TxnDate. */
export function txnDateFilter(operator: '>=' | '<=', displayName: string, name: string): FilterSpec {
	return {
		property: { displayName, name, type: 'dateTime', default: '', description: `Transaction date ${operator === '>=' ? 'on or after' : 'on or before'} this day` },
		apply: (query, value) => {
			query.where('TxnDate', operator, qboDate(value) ?? String(value));
		},
	};
}

/** The Return All / Limit / Filters parameters of a Get Many. */
export function getManyFields(resource: string, filters: FilterSpec[]): INodeProperties[] {
	const show = { show: { resource: [resource], operation: ['getAll'] } };
	return [
		...returnAllFields(show),
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			displayOptions: show,
			options: filters.map((filter) => filter.property).sort((a, b) => a.displayName.localeCompare(b.displayName)),
		},
	];
}

/** The execute of a Get Many: one paged query per item, ANDing the filters given. */
export function getManyExecute(entity: string, filters: FilterSpec[]) {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		return await runEachItem(this, items, async (itemIndex) => {
			const returnAll = this.getNodeParameter('returnAll', itemIndex) as boolean;
			const limit = returnAll ? undefined : (this.getNodeParameter('limit', itemIndex) as number);
			const given = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
			const query = QboQuery.from(entity);
			const tests: Array<(row: IDataObject) => boolean> = [];
			for (const filter of filters) {
				const value = given[filter.property.name];
				if (value === undefined || value === '') continue;
				if (filter.isId) toId(this, itemIndex, `filters.${filter.property.name}`, value);
				filter.apply(query, value);
				if (filter.keep) tests.push(filter.keep(value));
			}
			query.orderBy('MetaData.LastUpdatedTime', 'DESC');
			const keep = tests.length ? (row: IDataObject) => tests.every((test) => test(row)) : undefined;
			return await qboSelect(this, query, limit, keep);
		});
	};
}
