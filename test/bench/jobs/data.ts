/**
 * The benchmark's input data, generated from a seed so every run (and both variants of a run) sees
 * exactly the same work orders and payments.
 */

/** mulberry32: a tiny, well-known 32-bit PRNG; good enough to shuffle test data reproducibly. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function shuffled<T>(values: T[], random: () => number): T[] {
	const out = [...values];
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}

const FIRST = ['Amy', 'Bill', 'Carla', 'Dev', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jon', 'Kemal', 'Lena'];
const LAST = ["O'Neil", 'Brennan', 'Castillo', 'Dubois', 'Eriksen', 'Fujita', 'Garza', 'Haddad', 'Ivanova', 'Jansen'];
const TRADES = ['Plumbing', 'Roofing', 'Landscaping', 'Electric', 'Bakery', 'Dental', 'Logistics', 'Studio'];

export interface CustomerSeed {
	name: string;
	email: string;
}

export interface ItemSeed {
	name: string;
	unitPrice: number;
}

/** Customer number `n`: unique name and email; about one name in ten has an apostrophe, which queries must escape. */
function customer(n: number): CustomerSeed {
	const first = FIRST[n % FIRST.length];
	const last = LAST[Math.floor(n / FIRST.length) % LAST.length];
	const trade = TRADES[n % TRADES.length];
	const name = `${first} ${last} ${trade} ${String(n).padStart(4, '0')}`;
	return { name, email: `${first}.${last.replace(/'/g, '')}.${n}@bench.example`.toLowerCase() };
}

export interface WorkOrderLine {
	item: string;
	description: string;
	quantity: number;
	rate: number;
	amount: number;
}

export interface WorkOrder {
	/** Becomes the invoice's DocNumber: the key that makes a replay safe. */
	id: string;
	customer: CustomerSeed;
	lines: WorkOrderLine[];
}

export interface InvoiceJobSizes {
	orders: number;
	customers: number;
	/** Customers that exist in QuickBooks before the job (the rest must be created). */
	existingCustomers: number;
	items: number;
	linesPerOrder: number;
}

export const INVOICE_JOB_SIZES: InvoiceJobSizes = { orders: 1000, customers: 200, existingCustomers: 100, items: 50, linesPerOrder: 3 };

export interface InvoiceJobData {
	sizes: InvoiceJobSizes;
	workOrders: WorkOrder[];
	/** To create in QuickBooks before the job. */
	existingCustomers: CustomerSeed[];
	newCustomers: CustomerSeed[];
	/** All pre-created (n8n's built-in node cannot create items). */
	items: ItemSeed[];
}

function itemCatalogue(count: number, random: () => number, prefix: string): ItemSeed[] {
	return Array.from({ length: count }, (_, i) => ({
		name: `${prefix} ${String(i + 1).padStart(3, '0')}`,
		unitPrice: Math.round((20 + random() * 180) * 100) / 100,
	}));
}

const money = (value: number) => Math.round(value * 100) / 100;

/** 1,000 work orders over 200 customers (every customer at least once, half of them pre-existing), 3 distinct items each. */
export function invoiceJobData(seed = 20261122, sizes: InvoiceJobSizes = INVOICE_JOB_SIZES): InvoiceJobData {
	const random = seededRandom(seed);
	const customers = Array.from({ length: sizes.customers }, (_, n) => customer(n + 1));
	const existing = new Set(shuffled(customers, random).slice(0, sizes.existingCustomers));
	const items = itemCatalogue(sizes.items, random, 'Service');
	// The first `customers` orders visit every customer once (shuffled); the rest pick at random.
	const order = shuffled(customers, random);
	const workOrders: WorkOrder[] = Array.from({ length: sizes.orders }, (_, i) => {
		const who = i < order.length ? order[i] : customers[Math.floor(random() * customers.length)];
		const picked = shuffled(items, random).slice(0, sizes.linesPerOrder);
		return {
			id: `WO-${String(i + 1).padStart(5, '0')}`,
			customer: who,
			lines: picked.map((item) => {
				const quantity = 1 + Math.floor(random() * 8);
				return { item: item.name, description: `${item.name} × ${quantity}`, quantity, rate: item.unitPrice, amount: money(quantity * item.unitPrice) };
			}),
		};
	});
	return {
		sizes,
		workOrders,
		existingCustomers: customers.filter((c) => existing.has(c)),
		newCustomers: customers.filter((c) => !existing.has(c)),
		items,
	};
}

export interface CrmPayment {
	/** Becomes the sales receipt's DocNumber. */
	id: string;
	email: string;
	/** Used only when the customer has to be created. */
	name: string;
	plan: string;
	amount: number;
}

export interface ReceiptJobSizes {
	payments: number;
	customers: number;
	existingCustomers: number;
	plans: number;
}

export const RECEIPT_JOB_SIZES: ReceiptJobSizes = { payments: 300, customers: 120, existingCustomers: 60, plans: 5 };

export interface ReceiptJobData {
	sizes: ReceiptJobSizes;
	payments: CrmPayment[];
	existingCustomers: CustomerSeed[];
	newCustomers: CustomerSeed[];
	/** The plans, pre-created as items. */
	items: ItemSeed[];
}

/** 300 CRM payments from 120 customers known by email (half pre-existing), each for one of 5 plans. */
export function receiptJobData(seed = 20261123, sizes: ReceiptJobSizes = RECEIPT_JOB_SIZES): ReceiptJobData {
	const random = seededRandom(seed);
	// Numbered apart from the invoice job's customers so the two jobs never share a name.
	const customers = Array.from({ length: sizes.customers }, (_, n) => customer(5001 + n));
	const existing = new Set(shuffled(customers, random).slice(0, sizes.existingCustomers));
	const items = itemCatalogue(sizes.plans, random, 'Plan');
	const order = shuffled(customers, random);
	const payments: CrmPayment[] = Array.from({ length: sizes.payments }, (_, i) => {
		const who = i < order.length ? order[i] : customers[Math.floor(random() * customers.length)];
		const plan = items[Math.floor(random() * items.length)];
		return { id: `PAY-${String(i + 1).padStart(5, '0')}`, email: who.email, name: who.name, plan: plan.name, amount: plan.unitPrice };
	});
	return {
		sizes,
		payments,
		existingCustomers: customers.filter((c) => existing.has(c)),
		newCustomers: customers.filter((c) => !existing.has(c)),
		items,
	};
}
