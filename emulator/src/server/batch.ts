import { QboFault } from '../contracts';
import type { ApiContext } from './api';
import { runCdc } from './cdc';
import { asFault, malformedBatchFault, unsupportedOperationFault } from './faults';
import { jsonReply, responseTime, type Reply } from './reply';

/** With a requestid on the batch, QuickBooks allows bIds of at most 10 characters. */
const BID_MAX_WITH_REQUEST_ID = 10;
const ENVELOPE_KEYS = new Set(['bId', 'operation', 'optionsData']);

type ItemResult = Record<string, unknown>;

/**
 * POST /batch: up to `batchMaxItems` items run one after another; each answers with its object,
 * QueryResponse, CDCResponse or Fault under its bId, and one failing item never fails the others.
 */
export function runBatch(ctx: ApiContext, realmId: string, body: Record<string, unknown>, withRequestId: boolean): Reply {
	const items = body.BatchItemRequest;
	if (!Array.isArray(items)) throw malformedBatchFault('BatchItemRequest is required');
	if (items.length === 0) throw malformedBatchFault('Batch Request is Empty');
	const max = ctx.settings.batchMaxItems;
	if (items.length > max) {
		throw malformedBatchFault(`Batch Request has ${items.length} BatchItemRequests; the maximum allowed is ${max}`);
	}
	const seen = new Set<string>();
	for (const item of items) {
		const bId = item && typeof item === 'object' ? (item as Record<string, unknown>).bId : undefined;
		if (typeof bId !== 'string' || bId === '') throw malformedBatchFault('Every BatchItemRequest needs a bId');
		if (seen.has(bId)) throw malformedBatchFault(`Duplicate bId ${bId.slice(0, 40)}`);
		seen.add(bId);
	}

	const BatchItemResponse = items.map((item: Record<string, unknown>) => {
		const bId = item.bId as string;
		try {
			if (withRequestId && bId.length > BID_MAX_WITH_REQUEST_ID) {
				throw QboFault.validation('6000', 'A business validation error has occurred while processing your request',
					`Business Validation Error: bId ${bId} is longer than ${BID_MAX_WITH_REQUEST_ID} characters, the most allowed with a requestid.`);
			}
			return { ...runItem(ctx, realmId, item), bId };
		} catch (error) {
			const fault = asFault(error);
			return { Fault: { Error: fault.errors, type: fault.type }, bId };
		}
	});
	return jsonReply(200, { BatchItemResponse }, responseTime(ctx.clock));
}

function runItem(ctx: ApiContext, realmId: string, item: Record<string, unknown>): ItemResult {
	const { accounting, clock } = ctx;
	if (typeof item.Query === 'string') return { QueryResponse: accounting.query(realmId, item.Query) };
	if (item.CDCQuery && typeof item.CDCQuery === 'object') {
		const cdc = item.CDCQuery as Record<string, unknown>;
		return { CDCResponse: runCdc(accounting, clock, realmId, stringOf(cdc.Entities), stringOf(cdc.ChangedSince)) };
	}

	const keys = Object.keys(item).filter((key) => !ENVELOPE_KEYS.has(key));
	if (keys.length !== 1) {
		throw QboFault.validation('2020', 'Required param missing, need to supply the required value for the API',
			'Required parameter: one entity object, Query or CDCQuery per BatchItemRequest');
	}
	const key = keys[0];
	const entity = accounting.entityForPath(key.toLowerCase());
	const payload = item[key];
	if (!entity || entity !== key) throw unsupportedOperationFault(`batch ${key.slice(0, 40)}`);
	if (!payload || typeof payload !== 'object' || Array.isArray(payload)) {
		throw QboFault.validation('2010', 'Request has invalid or unsupported property', `Property Name:${entity} must be an object`);
	}
	const body = payload as Record<string, unknown>;
	const operation = String(item.operation ?? '').toLowerCase();
	const optionsData = String(item.optionsData ?? '').toLowerCase();

	switch (operation) {
		case 'create':
			return { [entity]: accounting.create(realmId, entity, body) };
		case 'update':
			if (optionsData === 'void') return { [entity]: voidThroughUpdate(ctx, realmId, entity, body) };
			return { [entity]: accounting.update(realmId, entity, body, { operation: 'update' }) };
		case 'delete':
			return { [entity]: accounting.delete(realmId, entity, body) };
		case 'void':
			return { [entity]: accounting.void(realmId, entity, body) };
		case 'send':
			return { [entity]: accounting.send(realmId, entity, String(body.Id ?? '')) };
		default:
			throw QboFault.validation('2020', 'Required param missing, need to supply the required value for the API',
				'Required parameter operation (create, update, delete, send) is missing or unsupported');
	}
}

/** `operation: update` + `optionsData: void`: a payment is voided through update (include=void), other documents through void. */
function voidThroughUpdate(ctx: ApiContext, realmId: string, entity: string, body: Record<string, unknown>): Record<string, unknown> {
	if (entity === 'Payment') return ctx.accounting.update(realmId, entity, body, { operation: 'update', include: ['void'] });
	return ctx.accounting.void(realmId, entity, body);
}

function stringOf(value: unknown): string | undefined {
	if (Array.isArray(value)) return value.join(',');
	return typeof value === 'string' ? value : undefined;
}
