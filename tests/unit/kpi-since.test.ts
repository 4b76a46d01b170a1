import { describe, expect, it } from 'vitest';
import { changesStart } from '../../src/lib/kpi/since';

describe('changesStart', () => {
	const standups = [
		{ endedAt: '2024-03-04T09:15:00.000Z' },
		{ endedAt: '2024-03-06T09:20:00.000Z' },
		{ endedAt: '2024-03-05T09:10:00.000Z' }
	];

	it('uses the latest stand-up end', () => {
		expect(changesStart(null, standups)).toEqual({
			since: Date.parse('2024-03-06T09:20:00.000Z'),
			source: 'standup'
		});
	});

	it('prefers the chosen day', () => {
		expect(changesStart('2024-03-01', standups)).toEqual({
			since: Date.parse('2024-03-02T00:00:00.000Z'),
			source: 'day'
		});
	});

	it('is null without stand-ups', () => {
		expect(changesStart(null, [])).toBeNull();
	});

	it('skips an invalid end time', () => {
		const start = changesStart(null, [{ endedAt: 'soon' }, { endedAt: '2024-03-04T09:15:00Z' }]);
		expect(start).toEqual({ since: Date.parse('2024-03-04T09:15:00Z'), source: 'standup' });
		expect(changesStart(null, [{ endedAt: 'soon' }])).toBeNull();
	});
});
