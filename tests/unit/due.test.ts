import { describe, expect, it } from 'vitest';
import {
	BoardError,
	DEFAULT_STAGES,
	calendarDate,
	cardDueStatus,
	clockTime,
	composeDue,
	dueByOwner,
	dueStatus,
	splitDue,
	type Card
} from '../../src/lib/board';

const SHANGHAI = 'Asia/Shanghai';
const LOS_ANGELES = 'America/Los_Angeles';
/** Saturday 1 June 04:00 in Shanghai, Friday 31 May 13:00 in Los Angeles. */
const NOW = Date.parse('2024-05-31T20:00:00Z');

function card(id: string, stageId: string, fields: Partial<Card> = {}): Card {
	return {
		id,
		title: id,
		company: '',
		contact: '',
		value: 0,
		position: { stageId, rank: 'a0' },
		salesOwner: null,
		opsOwner: null,
		tags: [],
		dueAt: null,
		createdAt: '2024-05-01T00:00:00Z',
		closedAt: null,
		satisfaction: null,
		health: null,
		source: '',
		archived: false,
		...fields
	};
}

function errorOf(action: () => void): BoardError {
	try {
		action();
	} catch (error) {
		if (error instanceof BoardError) return error;
		throw error;
	}
	throw new Error('Expected a BoardError.');
}

describe('calendar date', () => {
	it('follows the zone', () => {
		expect(calendarDate(NOW, SHANGHAI)).toBe('2024-06-01');
		expect(calendarDate(NOW, LOS_ANGELES)).toBe('2024-05-31');
		expect(clockTime(NOW, SHANGHAI)).toBe('04:00');
		expect(clockTime(NOW, LOS_ANGELES)).toBe('13:00');
	});
});

describe('due status', () => {
	it('judges all-day dates by local date', () => {
		expect(dueStatus('2024-05-31', NOW, SHANGHAI)).toBe('overdue');
		expect(dueStatus('2024-05-31', NOW, LOS_ANGELES)).toBe('today');
		expect(dueStatus('2024-06-01', NOW, SHANGHAI)).toBe('today');
		expect(dueStatus('2024-06-01', NOW, LOS_ANGELES)).toBe('upcoming');
		expect(dueStatus('2024-05-30', NOW, LOS_ANGELES)).toBe('overdue');
	});

	it('judges timed dates by moment', () => {
		expect(dueStatus('2024-05-31T19:00:00Z', NOW, SHANGHAI)).toBe('overdue');
		expect(dueStatus('2024-05-31T19:00:00Z', NOW, LOS_ANGELES)).toBe('overdue');
		expect(dueStatus('2024-05-31T20:00:00Z', NOW, SHANGHAI)).toBe('overdue');
		expect(dueStatus('2024-06-01T06:00:00Z', NOW, SHANGHAI)).toBe('today');
		expect(dueStatus('2024-06-01T06:00:00Z', NOW, LOS_ANGELES)).toBe('today');
		expect(dueStatus('2024-06-01T08:00:00Z', NOW, SHANGHAI)).toBe('today');
		expect(dueStatus('2024-06-01T08:00:00Z', NOW, LOS_ANGELES)).toBe('upcoming');
		expect(dueStatus('2024-06-01T16:30:00Z', NOW, SHANGHAI)).toBe('upcoming');
	});

	it('ignores empty and unreadable values', () => {
		expect(dueStatus(null, NOW, SHANGHAI)).toBeNull();
		expect(dueStatus('', NOW, SHANGHAI)).toBeNull();
		expect(dueStatus('soon', NOW, SHANGHAI)).toBeNull();
	});

	it('skips terminal stages and archived cards', () => {
		const stage = (id: string) => DEFAULT_STAGES.find((entry) => entry.id === id);
		const due = { dueAt: '2024-05-01' };
		expect(cardDueStatus(card('a', 'lead', due), stage('lead'), NOW, SHANGHAI)).toBe('overdue');
		expect(cardDueStatus(card('a', 'renewal', due), stage('renewal'), NOW, SHANGHAI)).toBe(
			'overdue'
		);
		for (const id of ['won', 'lost', 'churned']) {
			expect(cardDueStatus(card('a', id, due), stage(id), NOW, SHANGHAI)).toBeNull();
		}
		const archived = card('a', 'lead', { ...due, archived: true });
		expect(cardDueStatus(archived, stage('lead'), NOW, SHANGHAI)).toBeNull();
	});
});

describe('due editor values', () => {
	it('keeps an all-day date plain', () => {
		expect(composeDue('2024-06-01', '', SHANGHAI)).toBe('2024-06-01');
		expect(composeDue('2024-06-01', '', LOS_ANGELES)).toBe('2024-06-01');
		expect(splitDue('2024-06-01', SHANGHAI)).toEqual({ date: '2024-06-01', time: '' });
		expect(splitDue('2024-06-01', LOS_ANGELES)).toEqual({ date: '2024-06-01', time: '' });
	});

	it('stores a local time as UTC', () => {
		expect(composeDue('2024-06-01', '09:30', SHANGHAI)).toBe('2024-06-01T01:30:00.000Z');
		expect(composeDue('2024-06-01', '09:30', LOS_ANGELES)).toBe('2024-06-01T16:30:00.000Z');
		expect(composeDue('2024-01-15', '09:30', LOS_ANGELES)).toBe('2024-01-15T17:30:00.000Z');
		expect(composeDue('2024-06-01', '00:15', SHANGHAI)).toBe('2024-05-31T16:15:00.000Z');
	});

	it('handles a daylight saving change', () => {
		expect(composeDue('2024-03-10', '12:00', LOS_ANGELES)).toBe('2024-03-10T19:00:00.000Z');
		expect(composeDue('2024-11-03', '12:00', LOS_ANGELES)).toBe('2024-11-03T20:00:00.000Z');
	});

	it('shows a stored time in each zone', () => {
		const stored = '2024-06-01T01:30:00.000Z';
		expect(splitDue(stored, SHANGHAI)).toEqual({ date: '2024-06-01', time: '09:30' });
		expect(splitDue(stored, LOS_ANGELES)).toEqual({ date: '2024-05-31', time: '18:30' });
	});

	it('clears an empty date', () => {
		expect(composeDue('', '', SHANGHAI)).toBeNull();
		expect(splitDue(null, SHANGHAI)).toEqual({ date: '', time: '' });
	});

	it('rejects malformed input', () => {
		expect(errorOf(() => composeDue('31/05/2024', '', SHANGHAI)).message).toBe(
			'A due date is a date such as 2024-05-31, not "31/05/2024".'
		);
		expect(errorOf(() => composeDue('2024-13-40', '', SHANGHAI)).field).toBe('dueAt');
		expect(errorOf(() => composeDue('', '09:30', SHANGHAI)).field).toBe('dueAt');
		expect(errorOf(() => composeDue('2024-06-01', '9:30', SHANGHAI)).message).toBe(
			'A due time is a time such as 09:30, not "9:30".'
		);
		expect(errorOf(() => composeDue('2024-06-01', '24:00', SHANGHAI)).field).toBe('dueAt');
	});
});

describe('due by owner', () => {
	const cards = [
		card('late-sales', 'lead', { salesOwner: 'li', dueAt: '2024-05-20' }),
		card('today-sales', 'proposal', { salesOwner: 'li', dueAt: '2024-06-01T06:00:00Z' }),
		card('late-ops', 'onboarding', { salesOwner: 'li', opsOwner: 'zhang', dueAt: '2024-05-30' }),
		card('late-ops-2', 'renewal', { opsOwner: 'zhang', dueAt: '2024-05-29' }),
		card('unowned', 'onboarding', { salesOwner: 'li', dueAt: '2024-05-31' }),
		card('upcoming', 'lead', { salesOwner: 'li', dueAt: '2024-07-01' }),
		card('won', 'won', { salesOwner: 'li', dueAt: '2024-05-01' }),
		card('no-date', 'lead', { salesOwner: 'li' })
	];

	it('groups by the lane owner', () => {
		const groups = dueByOwner(cards, DEFAULT_STAGES, NOW, LOS_ANGELES);
		expect(groups.map((group) => group.ownerId)).toEqual(['zhang', 'li', null]);
		expect(groups[0].entries.map((entry) => entry.card.id)).toEqual(['late-ops-2', 'late-ops']);
		expect(groups[1].entries.map((entry) => [entry.card.id, entry.status])).toEqual([
			['late-sales', 'overdue'],
			['today-sales', 'today']
		]);
		expect(groups[2].entries.map((entry) => [entry.card.id, entry.status])).toEqual([
			['unowned', 'today']
		]);
	});

	it('depends on the viewer zone', () => {
		const groups = dueByOwner(cards, DEFAULT_STAGES, NOW, SHANGHAI);
		const unowned = groups.find((group) => group.ownerId === null);
		expect(unowned?.entries[0].status).toBe('overdue');
	});

	it('returns nothing when nothing is due', () => {
		expect(dueByOwner([cards[5], cards[6], cards[7]], DEFAULT_STAGES, NOW, SHANGHAI)).toEqual([]);
	});
});
