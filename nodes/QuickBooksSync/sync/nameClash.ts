import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import { qboFindInactiveToo } from './api';
import type { NamedWant } from './findOrCreate';

/**
 * QuickBooks refuses a customer whose name a vendor, employee or inactive customer already holds
 * (code 6240) without saying which one. This finds the holder so the message can name it.
 */
export async function explainNameClash(
	ctx: IExecuteFunctions,
	entity: string,
	want: NamedWant,
	error: NodeApiError,
): Promise<NodeApiError> {
	if (faultCode(error) !== '6240') return error;
	const name = String(want.create?.DisplayName ?? want.create?.Name ?? want.value);
	const heldBy = await describeHolder(ctx, entity, name);
	error.message = `The name "${name}" is already used by ${heldBy} [QuickBooks code 6240]`;
	error.description =
		'QuickBooks display names are unique across customers, vendors and employees (inactive ones included). ' +
		'Rename one of them, or give this customer a distinct name (e.g. add a suffix such as " (Customer)").';
	Object.assign(error.context, { qboFaultCode: '6240', heldBy });
	return error;
}

/** Who holds a name, e.g. `Vendor 56 ("Acme Facilities Ltd")`, for messages and the suffix's report. */
export async function describeHolder(ctx: IExecuteFunctions, entity: string, name: string): Promise<string> {
	const holder = await findHolder(ctx, entity, name);
	return holder ? `${holder.type} ${holder.id} ("${holder.name}")` : 'another customer, vendor or employee';
}

/** The QuickBooks error code carried by a NodeApiError from the transport. */
export function faultCode(error: NodeApiError): string | undefined {
	const context = (error.context ?? {}) as IDataObject;
	if (context.qboFaultCode) return String(context.qboFaultCode);
	const match = /\b(\d{3,5})\b/.exec(`${error.message} ${error.description ?? ''}`);
	return match?.[1];
}

async function findHolder(
	ctx: IExecuteFunctions,
	entity: string,
	name: string,
): Promise<{ type: string; id: string; name: string } | undefined> {
	const candidates: Array<[string, string]> =
		entity === 'Item' ? [['Item', 'Name']] : [['Vendor', 'DisplayName'], ['Employee', 'DisplayName'], ['Customer', 'DisplayName']];
	for (const [type, field] of candidates) {
		try {
			const found = await qboFindInactiveToo.call(ctx, type, field, [name]);
			const hit = found[0];
			if (hit) {
				const inactive = hit.Active === false ? 'inactive ' : '';
				return { type: `${inactive}${type}`, id: String(hit.Id), name: String(hit[field]) };
			}
		} catch {
			// The explanation is best effort: the original 6240 is still reported.
		}
	}
	return undefined;
}
