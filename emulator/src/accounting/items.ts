import { duplicateName, invalidEnumeration, invalidProperty, requiredMissing } from './faults';
import type { EntityRules, WriteContext } from './types';
import { bool, isDate, maxLen, nameForState, num, refId, str, type Obj } from './values';

/** Items (products and services): Name unique among items, accounts required by type. */

const ITEM_TYPES = ['Service', 'NonInventory', 'Inventory', 'Category'];

export function itemKey(name: string): string {
	return `Item:${name.trim().toLowerCase()}`;
}

function refOut(ctx: WriteContext, entity: string, value: unknown, element: string): Obj {
	const target = ctx.ref(entity, value, element);
	return { value: target.Id, name: target.FullyQualifiedName ?? target.Name };
}

function buildItem(ctx: WriteContext, input: Obj, prev: Obj | undefined): Obj {
	const given = str(input.Name);
	if (!given) throw requiredMissing('Name');
	maxLen(given, 100, 'Name');
	const active = bool(input.Active) ?? true;
	const name = nameForState(given, active, prev?.Active === false);
	maxLen(input.Description, 4000, 'Description');
	maxLen(input.PurchaseDesc, 4000, 'PurchaseDesc');
	maxLen(input.Sku, 100, 'Sku');
	const type = str(input.Type) ?? (prev?.Type as string | undefined) ?? 'Service';
	if (!ITEM_TYPES.includes(type)) throw invalidEnumeration('Type', type);
	// QuickBooks will not turn an inventory item into another type or back.
	if (prev && (prev.Type === 'Inventory') !== (type === 'Inventory')) throw invalidProperty('Type');
	const holder = ctx.holder(itemKey(name));
	if (holder && holder.id !== prev?.Id) throw duplicateName(holder.id);

	const out: Obj = { ...input, Name: name, Type: type, Active: active };
	let fqn = name;
	let parentId = refId(input.ParentRef);
	if (parentId) {
		const parent = ctx.ref('Item', input.ParentRef, 'ParentRef');
		if (parent.Type !== 'Category' || parentId === prev?.Id) throw invalidProperty('ParentRef');
		fqn = `${parent.FullyQualifiedName as string}:${name}`;
		out.ParentRef = { value: parentId, name: parent.Name };
		out.SubItem = true;
		out.Level = Number(parent.Level ?? 0) + 1;
	} else {
		parentId = undefined;
		out.SubItem = false;
		delete out.Level;
	}
	out.FullyQualifiedName = fqn;
	if (type === 'Category') {
		for (const f of ['IncomeAccountRef', 'ExpenseAccountRef', 'AssetAccountRef', 'UnitPrice', 'QtyOnHand']) delete out[f];
		return out;
	}

	if (input.IncomeAccountRef === undefined) throw requiredMissing('IncomeAccountRef');
	out.IncomeAccountRef = refOut(ctx, 'Account', input.IncomeAccountRef, 'IncomeAccountRef');
	if (input.ExpenseAccountRef !== undefined) out.ExpenseAccountRef = refOut(ctx, 'Account', input.ExpenseAccountRef, 'ExpenseAccountRef');
	out.UnitPrice = num(input.UnitPrice, 'UnitPrice') ?? 0;
	out.PurchaseCost = num(input.PurchaseCost, 'PurchaseCost') ?? 0;
	out.Taxable = bool(input.Taxable) ?? false;
	if (input.SalesTaxCodeRef !== undefined) out.SalesTaxCodeRef = refOut(ctx, 'TaxCode', input.SalesTaxCodeRef, 'SalesTaxCodeRef');
	if (input.PurchaseTaxCodeRef !== undefined) out.PurchaseTaxCodeRef = refOut(ctx, 'TaxCode', input.PurchaseTaxCodeRef, 'PurchaseTaxCodeRef');
	if (input.PrefVendorRef !== undefined) out.PrefVendorRef = refOut(ctx, 'Vendor', input.PrefVendorRef, 'PrefVendorRef');

	if (type === 'Inventory') {
		if (input.ExpenseAccountRef === undefined) throw requiredMissing('ExpenseAccountRef');
		if (input.AssetAccountRef === undefined) throw requiredMissing('AssetAccountRef');
		out.AssetAccountRef = refOut(ctx, 'Account', input.AssetAccountRef, 'AssetAccountRef');
		if (input.TrackQtyOnHand === undefined) throw requiredMissing('TrackQtyOnHand');
		if (bool(input.TrackQtyOnHand) !== true) throw invalidProperty('TrackQtyOnHand');
		out.TrackQtyOnHand = true;
		const qty = num(input.QtyOnHand, 'QtyOnHand');
		if (qty === undefined) throw requiredMissing('QtyOnHand');
		out.QtyOnHand = qty;
		if (input.InvStartDate === undefined) throw requiredMissing('InvStartDate');
		if (!isDate(input.InvStartDate)) throw invalidProperty('InvStartDate');
	} else {
		out.TrackQtyOnHand = false;
		delete out.QtyOnHand;
		delete out.InvStartDate;
		delete out.AssetAccountRef;
	}
	return out;
}

export const itemRules: EntityRules = {
	name: 'Item',
	kind: 'name',
	sequence: 'Item',
	build: buildItem,
	keys: (obj) => [itemKey(String(obj.Name))],
};
