import { describe, expect, it } from 'vitest';
import { SortedNumbers } from '../../src/lib/kpi/sorted';

describe('SortedNumbers', () => {
	it('reads medians of odd and even counts', () => {
		const set = new SortedNumbers();
		expect(set.median()).toBeNull();
		expect(set.mean()).toBeNull();
		for (const value of [5, 1, 3]) set.add(value);
		expect(set.median()).toBe(3);
		set.add(4);
		expect(set.median()).toBe(3.5);
		expect(set.mean()).toBe(3.25);
		expect(set.count).toBe(4);
	});

	it('reads quartiles by interpolating ranks', () => {
		const set = new SortedNumbers();
		expect(set.quantile(0.25)).toBeNull();
		for (const value of [20, 2, 10, 4]) set.add(value);
		expect(set.quantile(0.25)).toBe(3.5);
		expect(set.quantile(0.5)).toBe(set.median());
		expect(set.quantile(0.75)).toBe(12.5);
		set.remove(20);
		expect(set.quantile(0.75)).toBe(7);
	});

	it('removes one copy of a value', () => {
		const set = new SortedNumbers();
		for (const value of [2, 2, 7]) set.add(value);
		set.remove(2);
		expect(set.count).toBe(2);
		expect(set.median()).toBe(4.5);
	});

	it('rejects removing a missing value', () => {
		const set = new SortedNumbers();
		set.add(1);
		expect(() => set.remove(2)).toThrow('2 is not in the set');
		expect(set.count).toBe(1);
	});
});
