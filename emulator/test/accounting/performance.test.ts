import { freshAccounting, itemLine, US, type Obj } from './helpers';

/** Creates and reads must not slow down as a company grows (uniqueness goes through an index). */
describe('performance', () => {
	test('creating the 20,000th customer costs about the same as the first thousand', () => {
		const { accounting, us } = freshAccounting();
		const batch = (from: number, n: number) => {
			const start = process.hrtime.bigint();
			for (let i = from; i < from + n; i++) accounting.create(us, 'Customer', { DisplayName: `Perf Customer ${i}` });
			return Number(process.hrtime.bigint() - start) / 1e6;
		};
		const early = batch(0, 1000);
		batch(1000, 18_000);
		const late = batch(19_000, 1000);
		// A scan over all names would make the late batch ~20× slower; allow generous noise.
		expect(late).toBeLessThan(early * 4 + 50);
		const perSecond = Math.round(1000 / (late / 1000));
		expect(perSecond).toBeGreaterThan(2000);
		console.log(`customer create: first 1000 in ${early.toFixed(0)} ms, 1000 at 20k in ${late.toFixed(0)} ms (${perSecond}/s)`);
	}, 60_000);

	test('invoice creates do not slow down as invoices pile up; reads are cheap', () => {
		const { accounting, us } = freshAccounting();
		let last: Obj = {};
		const batch = (n: number) => {
			const start = process.hrtime.bigint();
			for (let i = 0; i < n; i++) last = accounting.create(us, 'Invoice', { CustomerRef: { value: US.amy }, Line: [itemLine(US.services, 10)] }) as Obj;
			return Number(process.hrtime.bigint() - start) / 1e6;
		};
		const early = batch(500);
		batch(3000);
		const late = batch(500);
		const readStart = process.hrtime.bigint();
		for (let i = 0; i < 3000; i++) accounting.read(us, 'Invoice', last.Id);
		const readMs = Number(process.hrtime.bigint() - readStart) / 1e6;
		expect(last.DocNumber).toBe('5000');
		expect(late).toBeLessThan(early * 4 + 50);
		expect(accounting.read(us, 'Customer', US.amy).Balance).toBe(40_000);
		console.log(`invoice create: first 500 in ${early.toFixed(0)} ms, 500 at 4k in ${late.toFixed(0)} ms (${Math.round(500 / (late / 1000))}/s); read: ${Math.round(3000 / (readMs / 1000))}/s`);
	}, 60_000);
});
