import { QboFault } from '../../src/contracts';
import { freshAccounting, itemLine, US, type Obj } from './helpers';

/** A small deterministic PRNG so a failure can be replayed. */
function prng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const WEIRD: unknown[] = [null, undefined, '', ' ', 'x', '12', -1, 0, 1.005, 1e21, NaN, true, false, [], [1], [null], [{}], {}, { value: '1' }, { value: 999 }, { value: null }, 'TAX'];

/** Replaces random fields of a valid body (top level and inside lines) with odd values. */
function mutate(body: Obj, rnd: () => number): Obj {
	const copy: Obj = JSON.parse(JSON.stringify(body));
	const pick = () => WEIRD[Math.floor(rnd() * WEIRD.length)];
	const keys = Object.keys(copy);
	for (let n = 0; n < 1 + Math.floor(rnd() * 3); n++) {
		const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
		const line = Array.isArray(copy.Line) ? copy.Line[0] : undefined;
		const target = rnd() < 0.5 && isObj(line) ? line : copy;
		const inner = isObj(target.SalesItemLineDetail) && rnd() < 0.5 ? target.SalesItemLineDetail : target;
		const fields = Object.keys(inner).length > 0 ? Object.keys(inner) : keys;
		inner[fields[Math.floor(rnd() * fields.length)]] = pick();
	}
	return copy;
}

describe('robustness', () => {
	test('odd values anywhere in a body give a QboFault or a valid object, never a crash', () => {
		const { accounting, us, ca } = freshAccounting();
		const inv = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 100)] }) as Obj;
		const bodies: [string, string, Obj][] = [
			[us, 'Customer', { DisplayName: 'Fuzz', GivenName: 'F', PrimaryEmailAddr: { Address: 'f@x.example' }, Job: false }],
			[us, 'Item', { Name: 'Fuzz Item', Type: 'Service', UnitPrice: 3, IncomeAccountRef: { value: '1' } }],
			[us, 'Invoice', { CustomerRef: { value: US.amy }, TxnDate: '2025-01-01', DocNumber: 'F', Line: [itemLine(US.design, 150, {}, { Qty: 2, UnitPrice: 75, TaxCodeRef: { value: 'TAX' } })] }],
			[ca, 'Invoice', { CustomerRef: { value: '1' }, GlobalTaxCalculation: 'TaxExcluded', Line: [itemLine('1', 10, {}, { TaxCodeRef: { value: '4' } })] }],
			[us, 'Payment', { CustomerRef: { value: US.amy }, TotalAmt: 1, Line: [{ Amount: 1, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }] }],
			[us, 'Estimate', { CustomerRef: { value: US.amy }, TxnStatus: 'Pending', Line: [itemLine(US.services, 1)] }],
		];
		const rnd = prng(42);
		let faults = 0;
		let created = 0;
		for (let i = 0; i < 1500; i++) {
			const [realm, entity, body] = bodies[i % bodies.length];
			const mutated = mutate(body, rnd);
			if (entity === 'Customer' || entity === 'Item') {
				for (const k of ['DisplayName', 'Name']) if (typeof mutated[k] === 'string' && mutated[k].length > 1) mutated[k] = `${mutated[k]} ${i}`;
			}
			try {
				const out = accounting.create(realm, entity, mutated) as Obj;
				expect(out.Id).toMatch(/^\d+$/);
				created++;
			} catch (e) {
				if (!(e instanceof QboFault)) throw new Error(`crash on ${entity} ${JSON.stringify(mutated)}: ${String(e)}`);
				expect(e.errors[0].code).toMatch(/^\d+$/);
				faults++;
			}
		}
		expect(faults).toBeGreaterThan(0);
		expect(created).toBeGreaterThan(0);
	});
});
