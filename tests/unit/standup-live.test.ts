import { describe, expect, it } from 'vitest';
import {
	DEFAULT_MINUTES,
	findPresenter,
	formatCountdown,
	readPresence,
	timerMinutes,
	timerState
} from '../../src/lib/standup';

describe('timerState', () => {
	it('runs, warns at 30 s, then is over', () => {
		const start = 1_000_000;
		expect(timerState(start, 2, start)).toEqual({ remainingMs: 120_000, phase: 'running' });
		expect(timerState(start, 2, start + 89_999).phase).toBe('running');
		expect(timerState(start, 2, start + 90_000).phase).toBe('warning');
		expect(timerState(start, 2, start + 120_000).phase).toBe('over');
		expect(timerState(start, 2, start + 125_000).remainingMs).toBe(-5_000);
	});

	it('caps time left at the span', () => {
		expect(timerState(5_000, 2, 4_000)).toEqual({ remainingMs: 120_000, phase: 'running' });
	});
});

describe('formatCountdown', () => {
	it('formats left and overtime', () => {
		expect(formatCountdown(120_000)).toBe('2:00');
		expect(formatCountdown(29_001)).toBe('0:30');
		expect(formatCountdown(0)).toBe('0:00');
		expect(formatCountdown(-400)).toBe('0:00');
		expect(formatCountdown(-65_000)).toBe('-1:05');
	});
});

describe('timerMinutes', () => {
	it('accepts 1 to 5 whole minutes', () => {
		expect(timerMinutes(1)).toBe(1);
		expect(timerMinutes(5)).toBe(5);
	});

	it('falls back to the default', () => {
		for (const value of [0, 6, 2.5, '3', null, undefined]) {
			expect(timerMinutes(value)).toBe(DEFAULT_MINUTES);
		}
	});
});

const presence = {
	standupId: 's1',
	presenter: 'amy',
	presenterName: 'Amy',
	personId: 'zoe',
	personStartedAt: 2_000,
	startedAt: 1_000,
	minutes: 3
};

describe('readPresence', () => {
	it('reads the standup field', () => {
		expect(readPresence({ user: { name: 'Amy' }, standup: presence })).toEqual(presence);
	});

	it('reads a missing name as empty', () => {
		const { presenterName, ...unnamed } = presence;
		expect(presenterName).toBe('Amy');
		expect(readPresence({ standup: unnamed })?.presenterName).toBe('');
	});

	it('ignores states without one', () => {
		expect(readPresence({ user: { name: 'Amy' } })).toBeNull();
		expect(readPresence(null)).toBeNull();
		expect(readPresence({ standup: { ...presence, personId: 3 } })).toBeNull();
		expect(readPresence({ standup: { ...presence, personStartedAt: Number.NaN } })).toBeNull();
	});
});

describe('findPresenter', () => {
	it('skips the own client', () => {
		const states = new Map<number, unknown>([[7, { standup: presence }]]);
		expect(findPresenter(states, 7)).toBeNull();
		expect(findPresenter(states, 8)).toEqual({ clientId: 7, presence });
	});

	it('picks the earliest start', () => {
		const later = { ...presence, presenter: 'bo', startedAt: 1_500 };
		const tie = { ...presence, presenter: 'max' };
		const states = new Map<number, unknown>([
			[3, { standup: later }],
			[9, { standup: presence }],
			[5, { standup: tie }],
			[1, {}]
		]);
		expect(findPresenter(states, 0)?.presence.presenter).toBe('max');
	});
});
