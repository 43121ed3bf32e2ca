import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

/** One entry of a QuickBooks Fault.Error, as QuickBooks spells it. */
export interface QboFaultError {
	Message?: string;
	Detail?: string;
	code?: string;
	element?: string;
}

export interface QboFaultBody {
	Error: QboFaultError[];
	type?: string;
}

export interface FaultContext {
	itemIndex?: number;
	/** HTTP status of the answer, when there was one. */
	httpCode?: number;
	/** What the item is about, e.g. the customer's name or the invoice's DocNumber. */
	itemLabel?: string;
}

/** Finds the Fault in a response body (`{Fault:{…}}`), a bare Fault, or a batch item. */
export function findFault(response: unknown): QboFaultBody | undefined {
	if (!response || typeof response !== 'object') return undefined;
	const record = response as Record<string, unknown>;
	const candidate = (record.Fault ?? record.fault ?? record) as Record<string, unknown>;
	const errors = candidate?.Error ?? candidate?.error;
	if (!Array.isArray(errors) || errors.length === 0) return undefined;
	return { Error: errors.map(normaliseError), type: typeof candidate.type === 'string' ? candidate.type : undefined };
}

/** QuickBooks' 401s spell the error's keys in lower case (`message`, `detail`); read both spellings. */
function normaliseError(error: unknown): QboFaultError {
	const e = (error && typeof error === 'object' ? error : {}) as Record<string, unknown>;
	const out: QboFaultError = {};
	const message = e.Message ?? e.message;
	const detail = e.Detail ?? e.detail;
	if (typeof message === 'string') out.Message = message;
	if (typeof detail === 'string') out.Detail = detail;
	if (e.code !== undefined && e.code !== null) out.code = String(e.code);
	if (typeof e.element === 'string') out.element = e.element;
	return out;
}

/** "Id=58" in a 6240 Detail names the record that already holds the name. */
function existingIdFrom(detail: string): string | undefined {
	return /\bId\s*=\s*(\d+)/i.exec(detail)?.[1];
}

/** What a person should do about a fault code; undefined when QuickBooks' own words must do. */
export function faultHint(error: QboFaultError, context: FaultContext = {}): string | undefined {
	const code = String(error.code ?? '');
	const text = `${error.Message ?? ''} ${error.Detail ?? ''}`;
	const label = context.itemLabel;
	switch (code) {
		case '6240': {
			const existing = existingIdFrom(error.Detail ?? '');
			const name = label ? `"${label}"` : 'this name';
			return (
				`QuickBooks keeps names unique across customers, vendors AND employees (inactive ones included): ` +
				`${name} is already used by one of them${existing ? ` (Id ${existing})` : ''}. ` +
				`Look the existing record up instead of creating it, or make the name unique, e.g. with a suffix such as ` +
				`"${label ?? 'Name'} (Customer)".`
			);
		}
		case '5010':
			return 'Someone changed this object since it was read (stale SyncToken). Read it again to get the current SyncToken, then repeat the update.';
		case '3200':
		case '100':
		case '401':
			return 'QuickBooks rejected the connection. Open the QuickBooks credential and reconnect it ("Connect my account"); check that its environment (production, sandbox or custom) matches the app keys.';
		case '3100':
		case '120':
		case '403':
			return 'The connected QuickBooks user may not do this. Reconnect the credential as a company admin, or check the app\'s scopes.';
		case '6000':
			if (/tax|GST|HST|PST|QST|VAT/i.test(text)) {
				return 'This company charges sales tax per line (e.g. a Canadian company): set a Tax Code on every line of the transaction.';
			}
			return 'QuickBooks\' business rules rejected the transaction; the detail above says which rule.';
		case '3001':
		case '429':
			return 'QuickBooks throttled the requests (500 per minute, 10 at a time per company) and the retries ran out. Run again later, or send fewer items per execution.';
		case '610':
			return 'A referenced object (customer, item, account, tax code, term…) does not exist or is inactive. Check the Id, or reactivate the record in QuickBooks.';
		case '2500':
			return 'A reference points to an Id that does not exist in this company. Check the Id (Ids differ between companies and environments).';
		case '6140':
		case '6210':
			return 'Another transaction already uses this document number. Choose what to do when it already exists (skip or update), or use a different DocNumber.';
		case '2020':
			return 'A required field is missing; the detail names it.';
		case '4000':
			return 'QuickBooks could not read the query. Check field names and quoting.';
		default:
			return undefined;
	}
}

/** Builds a NodeApiError that says what QuickBooks said, about which item, and what to do. */
export function faultToNodeApiError(node: INode, response: unknown, context: FaultContext = {}): NodeApiError {
	const fault = findFault(response);
	const where = describeItem(context);

	if (!fault) {
		const status = context.httpCode;
		const message = `QuickBooks request failed${status ? ` with HTTP ${status}` : ''}${where}`;
		const raw = typeof response === 'string' ? response.slice(0, 500) : undefined;
		return new NodeApiError(node, toJsonObject(response), {
			message,
			description: raw || hintForStatus(status) || 'QuickBooks gave no details.',
			httpCode: status ? String(status) : undefined,
			itemIndex: context.itemIndex,
		});
	}

	const first = fault.Error[0];
	const code = String(first.code ?? context.httpCode ?? '');
	const message = `QuickBooks error ${code}: ${first.Message ?? fault.type ?? 'Fault'}${where}`;
	const lines: string[] = [];
	for (const error of fault.Error) {
		const parts = [error.Detail || error.Message || ''];
		if (error.element) parts.push(`(field: ${error.element})`);
		if (fault.Error.length > 1) parts.unshift(`[${error.code}]`);
		lines.push(parts.filter(Boolean).join(' '));
	}
	const hint = faultHint(first, context) ?? (context.httpCode === 401 ? faultHint({ code: '401' }, context) : undefined);
	if (hint) lines.push(hint);

	const error = new NodeApiError(node, toJsonObject(response), {
		message,
		description: lines.join('\n'),
		// n8n shows httpCode as the "error code": QuickBooks' own code is the one a person can look up.
		httpCode: code || undefined,
		itemIndex: context.itemIndex,
	});
	Object.assign(error.context, {
		qboFaultCode: code,
		qboFaultType: fault.type,
		qboErrors: fault.Error,
		httpStatus: context.httpCode,
	});
	return error;
}

function describeItem(context: FaultContext): string {
	if (context.itemIndex === undefined && !context.itemLabel) return '';
	const parts: string[] = [];
	if (context.itemIndex !== undefined) parts.push(`item ${context.itemIndex}`);
	if (context.itemLabel) parts.push(`"${context.itemLabel}"`);
	return ` (${parts.join(' ')})`;
}

function hintForStatus(status: number | undefined): string | undefined {
	if (status === 401) return faultHint({ code: '401' });
	if (status === 403) return faultHint({ code: '403' });
	if (status === 429) return faultHint({ code: '429' });
	if (status && status >= 500) return 'QuickBooks had a server-side problem and the retries ran out. Try again later.';
	return undefined;
}

function toJsonObject(response: unknown): JsonObject {
	if (response && typeof response === 'object' && !Array.isArray(response)) return response as JsonObject;
	return { response: typeof response === 'string' ? response.slice(0, 2000) : (response as JsonObject | null) ?? null };
}
