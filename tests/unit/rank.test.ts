import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareByRank, rankBetween, ranksBetween } from '../../src/lib/board/rank';

describe('rankBetween', () => {
	it('ranks an empty column in the middle', () => {
		expect(rankBetween(null, null)).toBe('V');
	});

	it('rejects bounds in the wrong order', () => {
		expect(() => rankBetween('b', 'a')).toThrow(/must sort below/);
		expect(() => rankBetween('a', 'a')).toThrow(/must sort below/);
	});

	it('rejects digits outside base 62', () => {
		expect(() => rankBetween('a-', null)).toThrow(/Invalid rank/);
	});

	it('keeps appended ranks short', () => {
		let last: string | null = null;
		for (let i = 0; i < 1_000; i++) last = rankBetween(last, null);
		expect(last!.length).toBeLessThanOrEqual(40);
	});

	it('always fits a rank between two ranks', () => {
		const rank = fc.stringMatching(/^[0-9A-Za-z]{0,6}[1-9A-Za-z]$/);
		fc.assert(
			fc.property(fc.option(rank), fc.option(rank), (a, b) => {
				fc.pre(a === null || b === null || a < b);
				const middle = rankBetween(a, b);
				if (a !== null) expect(middle > a).toBe(true);
				if (b !== null) expect(middle < b).toBe(true);
				expect(middle.endsWith('0')).toBe(false);
			}),
			{ numRuns: 2_000 }
		);
	});

	it('keeps order over random insert sequences', () => {
		fc.assert(
			fc.property(fc.array(fc.nat(), { maxLength: 200 }), (slots) => {
				const ranks: string[] = [];
				for (const slot of slots) {
					const index = ranks.length === 0 ? 0 : slot % (ranks.length + 1);
					const rank = rankBetween(ranks[index - 1] ?? null, ranks[index] ?? null);
					ranks.splice(index, 0, rank);
				}
				expect([...ranks].sort()).toEqual(ranks);
				expect(new Set(ranks).size).toBe(ranks.length);
			})
		);
	});
});

describe('ranksBetween', () => {
	it('spreads thousands of short ranks', () => {
		const ranks = ranksBetween(null, null, 10_000);
		expect(ranks).toHaveLength(10_000);
		expect([...ranks].sort()).toEqual(ranks);
		expect(new Set(ranks).size).toBe(10_000);
		expect(Math.max(...ranks.map((r) => r.length))).toBeLessThanOrEqual(5);
	});

	it('fits between existing ranks', () => {
		const ranks = ranksBetween('a', 'b', 100);
		expect(ranks.every((r) => r > 'a' && r < 'b')).toBe(true);
	});
});

describe('compareByRank', () => {
	it('breaks equal ranks by card id', () => {
		const cards = [
			{ id: 'b', position: { rank: 'V' } },
			{ id: 'a', position: { rank: 'V' } },
			{ id: 'c', position: { rank: 'U' } }
		];
		expect(cards.sort(compareByRank).map((c) => c.id)).toEqual(['c', 'a', 'b']);
	});
});
