import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { ItemParameters } from '../../../shared/parameterValues';
import { qboQueryRecords, qboRecordsIn } from '../../sync/api';
import { normaliseName } from '../../sync/cache';
import type { QueryOperator, TextMatch } from '../../../shared/transport';
import { literalSearch, QboQuery } from '../../../shared/transport';
import { RunResults } from './results';
import { inputError, toId } from './validation';

const TEXT_MATCHES: readonly string[] = ['contains', 'startsWith', 'endsWith'];

/** The parameters of a Find: field, operator, value, and what to output when nothing matches. */
export function findFields(resource: string, fields: INodePropertyOptions[], defaultField: string): INodeProperties[] {
	const show = { show: { resource: [resource], operation: ['find'] } };
	return [
		{
			displayName: 'Field',
			name: 'findField',
			type: 'options',
			default: defaultField,
			description: 'A field QuickBooks can filter on',
			displayOptions: show,
			options: fields,
		},
		{
			displayName: 'Operator',
			name: 'findOperator',
			type: 'options',
			default: 'equals',
			description:
				'Equals is answered for the whole run with grouped IN queries. Contains, Starts With and Ends With match the text exactly as typed (% and _ are ordinary characters), ignoring case.',
			displayOptions: show,
			options: [
				{ name: 'Contains', value: 'contains' },
				{ name: 'Ends With', value: 'endsWith' },
				{ name: 'Equals', value: 'equals' },
				{ name: 'Greater Than or Equal', value: 'gte' },
				{ name: 'Less Than or Equal', value: 'lte' },
				{ name: 'Starts With', value: 'startsWith' },
			],
		},
		{
			displayName: 'Value',
			name: 'findValue',
			type: 'string',
			default: '',
			description: 'The value to look for, matched literally; text is escaped for you (apostrophes, % and emoji are fine)',
			displayOptions: show,
		},
		{
			displayName: 'Output an Item When Nothing Matches',
			name: 'outputWhenNotFound',
			type: 'boolean',
			default: false,
			description: 'Whether to output {"found": false} for an item with no match, instead of nothing',
			displayOptions: show,
		},
	];
}

/** Reads a record's value of a (possibly dotted or email) field for client-side pairing. */
function fieldValue(record: IDataObject, field: string): string {
	if (field === 'PrimaryEmailAddr') return String((record.PrimaryEmailAddr as IDataObject | undefined)?.Address ?? '');
	return String(record[field] ?? '');
}

/** The execute of a Find: equality across the run in grouped IN queries, other operators per item. */
export function findExecute(entity: string) {
	return async function (this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]> {
		const results = new RunResults(this, items.length);
		const equals = new Map<string, Array<{ itemIndex: number; value: string }>>();
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const field = new ItemParameters(this, itemIndex).string('findField');
				const operator = new ItemParameters(this, itemIndex).string('findOperator');
				const value = String(this.getNodeParameter('findValue', itemIndex, '')).trim();
				if (!value) throw inputError(this, itemIndex, 'findValue', 'Value is empty');
				if (field === 'Id' && operator === 'equals') toId(this, itemIndex, 'findValue', value);
				if (operator === 'equals') {
					equals.set(field, [...(equals.get(field) ?? []), { itemIndex, value }]);
					continue;
				}
				const query = QboQuery.from(entity);
				if (TEXT_MATCHES.includes(operator)) {
					// LIKE can only widen (it has no escape for %); the exact match is made here.
					const search = literalSearch(operator as TextMatch, value);
					if (search.pattern !== undefined) query.where(field, 'LIKE', search.pattern);
					const rows: IDataObject[] = await qboQueryRecords.call(this, query, { keep: (record) => search.matches(fieldValue(record, field)) });
					settle(this, results, itemIndex, rows);
					continue;
				}
				if (operator !== 'gte' && operator !== 'lte') throw inputError(this, itemIndex, 'findOperator', `Unknown operator "${operator}"`);
				query.where(field, (operator === 'gte' ? '>=' : '<=') as QueryOperator, value);
				const rows: IDataObject[] = await qboQueryRecords.call(this, query);
				settle(this, results, itemIndex, rows);
			} catch (error) {
				results.fail(itemIndex, error);
				results.throwIfStopping();
			}
		}
		for (const [field, wanted] of equals) {
			const records: IDataObject[] = await qboRecordsIn.call(this, entity, field, wanted.map((want) => want.value));
			for (const { itemIndex, value } of wanted) {
				settle(this, results, itemIndex, records.filter((record) => normaliseName(fieldValue(record, field)) === normaliseName(value)));
			}
		}
		return results.toOutput();
	};
}

function settle(ctx: IExecuteFunctions, results: RunResults, itemIndex: number, matches: IDataObject[]): void {
	if (matches.length > 0) results.succeed(itemIndex, matches);
	else if (ctx.getNodeParameter('outputWhenNotFound', itemIndex, false)) results.succeed(itemIndex, { found: false });
	else results.succeed(itemIndex, []);
}
