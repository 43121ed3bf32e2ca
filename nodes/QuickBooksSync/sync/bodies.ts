import type { IDataObject } from 'n8n-workflow';

/** Turns the customer fields of the UI (flat) into a QuickBooks Customer body. */
export function customerBody(fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, raw] of Object.entries(fields)) {
		if (raw === '' || raw === undefined || raw === null) continue;
		switch (key) {
			case 'PrimaryEmailAddr':
				body.PrimaryEmailAddr = { Address: String(raw).trim() };
				break;
			case 'PrimaryPhone':
			case 'Mobile':
				body[key] = { FreeFormNumber: String(raw) };
				break;
			case 'WebAddr':
				body.WebAddr = { URI: String(raw) };
				break;
			case 'ParentRef':
				body.ParentRef = { value: String(raw) };
				break;
			case 'BillAddr':
			case 'ShipAddr': {
				const address = (raw as IDataObject).address as IDataObject | undefined;
				if (address) body[key] = dropEmpty(address);
				break;
			}
			default:
				body[key] = typeof raw === 'string' ? raw.trim() : raw;
		}
	}
	// A project or job only exists below a parent.
	if (body.ParentRef && body.Job === undefined) body.Job = true;
	return body;
}

/** Removes empty strings so a sparse update does not blank fields the user left alone. */
export function dropEmpty(object: IDataObject): IDataObject {
	return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== '' && value !== undefined && value !== null));
}

/** A QuickBooks reference object. */
export function ref(value: string | number, name?: string): IDataObject {
	return name ? { value: String(value), name } : { value: String(value) };
}
