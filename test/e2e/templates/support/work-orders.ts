import type { Row } from './qbo-state';

/**
 * A work order as the maintenance app of F1/F1b posts it: several parts, labour, several other
 * costs, a Québec customer with apostrophes and accents. `overrides` replaces whole fields.
 */
export function workOrder(id: string, overrides: Row = {}): Row {
	return {
		id,
		status: 'completed',
		category: 'Invoice',
		description: `Boiler service — ${id}`,
		notes: 'Tech: Zoë; access code 4471',
		labourHours: 2.5,
		parts: [
			{ name: 'Valve ¾" brass', quantity: 2, unitPrice: 12.35 },
			{ name: "Thermostat d'ambiance", quantity: 1, unitPrice: 89 },
			{ name: 'Gasket', quantity: 3, unitPrice: 3.1 },
		],
		otherCosts: [
			{ description: 'Déplacement — 40 km', amount: 19.99 },
			{ description: 'Disposal fee', amount: 7.5 },
		],
		customer: { name: "L'Érablière d'Été", email: 'compta@erabliere.example', street: '1 rue des Érables', city: 'Québec', province: 'QC', postalCode: 'G1R 4P5', country: 'CA' },
		...overrides,
	};
}

/** The template's labour rate and item names (its Config defaults). */
const LABOUR_RATE = 85;

/** A product/service line reduced to what the templates decide: item, quantity, rate, amount, tax code, text. */
export function salesLines(document: Row): Row[] {
	return (document.Line as Row[])
		.filter((line) => line.DetailType === 'SalesItemLineDetail')
		.map((line) => ({
			item: line.SalesItemLineDetail.ItemRef.name,
			qty: line.SalesItemLineDetail.Qty,
			rate: line.SalesItemLineDetail.UnitPrice,
			amount: line.Amount,
			taxCode: line.SalesItemLineDetail.TaxCodeRef?.value,
			description: line.Description,
		}));
}

/** The product/service lines a work order must become, in order: labour, every part, every other cost. */
export function expectedSalesLines(event: Row, taxCode: string): Row[] {
	const line = (item: string, qty: number, rate: number, description?: string) => ({ item, qty, rate, amount: Math.round(qty * rate * 100) / 100, taxCode, description });
	return [
		...(event.labourHours > 0 ? [line('Labour', event.labourHours, LABOUR_RATE, `Labour on work order ${event.id}`)] : []),
		...event.parts.map((part: Row) => line(part.name, part.quantity, part.unitPrice)),
		...event.otherCosts.map((cost: Row) => line('Other costs', 1, cost.amount, cost.description)),
	];
}

/** The texts of the description-only lines of a document, in order. */
export function descriptionLines(document: Row): string[] {
	return (document.Line as Row[]).filter((line) => line.DetailType === 'DescriptionOnly').map((line) => line.Description);
}

/** An item name as a quoted query literal (apostrophes escaped). */
export function quoted(name: string): string {
	return `'${name.replace(/'/g, "\\'")}'`;
}
