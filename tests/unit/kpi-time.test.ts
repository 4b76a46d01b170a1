import { describe, expect, it } from 'vitest';
import { endOf, monthOf, monthRange, parseTime } from '../../src/lib/kpi/time';
import { median } from '../../src/lib/kpi/stats';

describe('parseTime', () => {
	it('matches Date.parse', () => {
		const values = [
			'2024-05-31T09:00:00.000Z',
			'2024-02-29T23:59:59.999Z',
			'2023-02-29T00:00:00.000Z',
			'2024-02-30T00:00:00.000Z',
			'2024-12-31T24:00:00.000Z',
			'1999-01-01T00:00:00.000Z',
			'2024-05-31T09:00:00+08:00',
			'2024-05-31',
			'2024-05-31T09:00Z'
		];
		for (const value of values) expect(parseTime(value), value).toBe(Date.parse(value));
	});

	it('returns null for invalid times', () => {
		for (const value of ['', 'soon', '2024-13-01T00:00:00.000Z', '2024-1x-01T00:00:00.000Z']) {
			expect(parseTime(value), value).toBeNull();
		}
		expect(parseTime(null)).toBeNull();
		expect(parseTime(undefined)).toBeNull();
	});
});

describe('endOf', () => {
	it('ends a plain date at the next midnight', () => {
		expect(endOf('2024-02-29')).toBe(Date.parse('2024-03-01T00:00:00Z'));
	});

	it('ends a time one millisecond later', () => {
		expect(endOf('2024-02-29T10:00:00.000Z')).toBe(Date.parse('2024-02-29T10:00:00.001Z'));
	});
});

describe('months', () => {
	it('names the UTC month', () => {
		expect(monthOf(Date.parse('2024-01-31T23:30:00-01:00'))).toBe('2024-02');
		expect(monthOf(Date.parse('2024-10-02T00:00:00Z'))).toBe('2024-10');
	});

	it('lists a range across years', () => {
		expect(monthRange('2023-11', '2024-02')).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
		expect(monthRange('2024-03', '2024-03')).toEqual(['2024-03']);
	});
});

describe('median', () => {
	it('sorts numerically', () => {
		expect(median([10, 9, 100, 1])).toBe(9.5);
		expect(median([3])).toBe(3);
		expect(median([])).toBeNull();
	});

	it('leaves its input unchanged', () => {
		const values = [3, 1, 2];
		median(values);
		expect(values).toEqual([3, 1, 2]);
	});
});
