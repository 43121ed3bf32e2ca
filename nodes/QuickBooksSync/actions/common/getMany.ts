import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import { qboQueryRecords } from '../../sync/api';
import { literalSearch, QboQuery } from '../../../shared/transport';
import { returnAllFields } from './pagination';
import { runEachItem } from './results';
import { toCount, toDate, toId, toInstant } from './validation';

/** One filter of a Get Many: the UI field, how it becomes a query condition, and an exact row test when the query can only widen. */
export interface FilterSpec {
	property: INodeProperties;
	apply: (query: QboQuery, value: unknown) => void;
	keep?: (value: unknown) => (row: IDataObject) => boolean;
	/** Holds a QuickBooks Id (a reference such as CustomerRef): anything else fails the item. */
	isId?: boolean;
	/** The value is a calendar day (toDate) or an instant (toInstant), read before apply; the item fails naming it otherwise. */
	day?: boolean;
	instant?: boolean;
}

/** Filters shared by every entity. */
export const UPDATED_SINCE: FilterSpec = {
	property: {
		displayName: 'Updated Since',
		name: 'updatedSince',
		type: 'dateTime',
		default: '',
		description: 'Only records changed at or after this time (a date-time with its offset, or without one in the workflow time zone)',
	},
	instant: true,
	apply: (query, value) => {
		query.where('MetaData.LastUpdatedTime', '>=', String(value));
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
		property: { displayName, name, type: 'dateTime', default: '', description: `Transaction date ${operator === '>=' ? 'on or after' : 'on or before'} this day (YYYY-MM-DD, or a date-time: its day in its own offset)` },
		day: true,
		apply: (query, value) => {
			query.where('TxnDate', operator, String(value));
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
			const limit = returnAll ? undefined : toCount(this, itemIndex, 'limit', this.getNodeParameter('limit', itemIndex));
			const given = new ItemParameters(this, itemIndex).object('filters', {});
			const query = QboQuery.from(entity);
			const tests: Array<(row: IDataObject) => boolean> = [];
			for (const filter of filters) {
				const name = filter.property.name;
				const at = `filters.${name}`;
				const value = filter.day ? toDate(this, itemIndex, at, given[name]) : filter.instant ? toInstant(this, itemIndex, at, given[name]) : given[name];
				if (value === undefined || value === '') continue;
				if (filter.isId) toId(this, itemIndex, at, value);
				filter.apply(query, value);
				if (filter.keep) tests.push(filter.keep(value));
			}
			query.orderBy('MetaData.LastUpdatedTime', 'DESC');
			const keep = tests.length ? (row: IDataObject) => tests.every((test) => test(row)) : undefined;
			return await qboQueryRecords.call(this, query, { limit, keep });
		});
	};
}
