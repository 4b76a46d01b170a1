import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES, isOverdue, type Card } from '../../src/lib/board';

/** Saturday 1 June 04:00 in Shanghai, Friday 31 May 13:00 in Los Angeles. */
const NOW = Date.parse('2024-05-31T20:00:00Z');

function card(dueAt: string, stageId = 'lead'): Card {
	return {
		id: 'c1',
		title: 'Acme',
		company: '',
		contact: '',
		value: 0,
		position: { stageId, rank: 'a0' },
		salesOwner: null,
		opsOwner: null,
		tags: [],
		dueAt,
		createdAt: '2024-05-01T00:00:00Z',
		closedAt: null,
		satisfaction: null,
		health: null,
		source: '',
		archived: false
	};
}

const context = (timeZone?: string) => ({
	now: NOW,
	memberId: 'm-li',
	stages: DEFAULT_STAGES,
	timeZone
});

describe('overdue filter in a zone', () => {
	it('follows the viewer calendar', () => {
		expect(isOverdue(card('2024-05-31'), context('Asia/Shanghai'))).toBe(true);
		expect(isOverdue(card('2024-05-31'), context('America/Los_Angeles'))).toBe(false);
		expect(isOverdue(card('2024-05-30'), context('America/Los_Angeles'))).toBe(true);
	});

	it('keeps UTC days without a zone', () => {
		expect(isOverdue(card('2024-05-31'), context())).toBe(false);
		expect(isOverdue(card('2024-05-30'), context())).toBe(true);
	});

	it('judges timed dates by moment', () => {
		expect(isOverdue(card('2024-05-31T19:59:00Z'), context('Asia/Shanghai'))).toBe(true);
		expect(isOverdue(card('2024-05-31T20:01:00Z'), context('Asia/Shanghai'))).toBe(false);
	});

	it('skips terminal stages', () => {
		expect(isOverdue(card('2024-05-01', 'won'), context('Asia/Shanghai'))).toBe(false);
		expect(isOverdue(card('2024-05-01', 'churned'), context('Asia/Shanghai'))).toBe(false);
	});
});
