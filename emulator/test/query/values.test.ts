import { toInstant } from '../../src/query/values';

describe('toInstant: ISO-8601 instants without Date.parse', () => {
	it('agrees with Date.parse on stamps with offsets, fractions and Z, over 4,000 random instants', () => {
		let seed = 42;
		const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
		const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
		for (let i = 0; i < 4000; i++) {
			const ms = Math.floor(random() * 4e12) - 1e12; // 1938 … 2096
			const offsetMinutes = (Math.floor(random() * 53) - 26) * 30; // -13:00 … +13:00
			const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
			const sign = offsetMinutes < 0 ? '-' : '+';
			const withOffset = `${local}${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
			expect(toInstant(withOffset)).toBe(Date.parse(withOffset));
			const utc = new Date(ms).toISOString();
			expect(toInstant(utc)).toBe(ms);
			expect(toInstant(utc.slice(0, 19))).toBe(Math.floor(ms / 1000) * 1000);
		}
	});

	it('reads a bare date as midnight UTC and refuses what is not a date', () => {
		expect(toInstant('2025-01-02')).toBe(Date.UTC(2025, 0, 2));
		expect(toInstant('2024-02-29T23:59:59-0800')).toBe(Date.UTC(2024, 2, 1, 7, 59, 59));
		for (const bad of ['', 'yesterday', '2025-13-01', '2025-01-02 10:00:00', '2025-01-02T10', '2025-01-02T10:00:00+', '20250102']) {
			expect(toInstant(bad)).toBeNaN();
		}
	});
});
