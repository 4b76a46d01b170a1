/** The board filter: each condition alone, conditions combined, and the filter in an address. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGES, type Card } from '../../src/lib/board';
import {
	EMPTY_FILTER,
	filterFromParams,
	isFilterActive,
	matchesFilter,
	tagsOf,
	writeFilterParams,
	type CardFilter
} from '../../src/lib/board/filter';

const CONTEXT = {
	now: Date.parse('2025-03-10T12:00:00Z'),
	memberId: 'me',
	stages: DEFAULT_STAGES
};

function card(fields: Partial<Card> = {}): Card {
	return {
		id: 'c1',
		title: 'Acme Robotics',
		company: 'Acme Group',
		contact: 'Li Wei',
		value: 100,
		position: { stageId: 'lead', rank: 'a0' },
		salesOwner: null,
		opsOwner: null,
		tags: [],
		dueAt: null,
		createdAt: '2025-01-01',
		closedAt: null,
		satisfaction: null,
		health: null,
		source: '',
		archived: false,
		...fields
	};
}

function matches(fields: Partial<Card>, filter: Partial<CardFilter>): boolean {
	return matchesFilter(card(fields), { ...EMPTY_FILTER, ...filter }, CONTEXT);
}

describe('matchesFilter', () => {
	it('passes every card with no filter', () => {
		expect(matches({}, {})).toBe(true);
		expect(isFilterActive(EMPTY_FILTER)).toBe(false);
	});

	it('searches title, company and contact', () => {
		expect(matches({}, { q: 'robot' })).toBe(true);
		expect(matches({}, { q: 'GROUP' })).toBe(true);
		expect(matches({}, { q: 'wei' })).toBe(true);
		expect(matches({}, { q: 'globex' })).toBe(false);
	});

	it('needs every search word', () => {
		expect(matches({}, { q: 'acme  wei' })).toBe(true);
		expect(matches({}, { q: 'acme zhang' })).toBe(false);
	});

	it('ignores a blank search', () => {
		expect(matches({}, { q: '   ' })).toBe(true);
		expect(isFilterActive({ ...EMPTY_FILTER, q: '  ' })).toBe(false);
	});

	it('matches the sales or ops owner', () => {
		expect(matches({ salesOwner: 'ann' }, { owner: 'ann' })).toBe(true);
		expect(matches({ opsOwner: 'ann' }, { owner: 'ann' })).toBe(true);
		expect(matches({ salesOwner: 'bo' }, { owner: 'ann' })).toBe(false);
	});

	it('matches my cards', () => {
		expect(matches({ opsOwner: 'me' }, { mine: true })).toBe(true);
		expect(matches({ salesOwner: 'ann' }, { mine: true })).toBe(false);
	});

	it('matches a tag and a health', () => {
		expect(matches({ tags: ['vip', 'east'] }, { tag: 'east' })).toBe(true);
		expect(matches({ tags: ['vip'] }, { tag: 'east' })).toBe(false);
		expect(matches({ health: 'critical' }, { health: 'critical' })).toBe(true);
		expect(matches({ health: 'good' }, { health: 'critical' })).toBe(false);
	});

	it('matches overdue cards outside terminal stages', () => {
		expect(matches({ dueAt: '2025-03-09' }, { overdue: true })).toBe(true);
		expect(matches({ dueAt: '2025-03-10' }, { overdue: true })).toBe(false);
		expect(matches({ dueAt: '2025-03-11' }, { overdue: true })).toBe(false);
		expect(matches({ dueAt: null }, { overdue: true })).toBe(false);
		const won = { dueAt: '2025-01-01', position: { stageId: 'won', rank: 'a0' } };
		expect(matches(won, { overdue: true })).toBe(false);
	});

	it('combines conditions with AND', () => {
		const filter = { q: 'acme', tag: 'vip', owner: 'ann' };
		expect(matches({ tags: ['vip'], salesOwner: 'ann' }, filter)).toBe(true);
		expect(matches({ tags: ['vip'], salesOwner: 'bo' }, filter)).toBe(false);
		expect(matches({ tags: [], salesOwner: 'ann' }, filter)).toBe(false);
		expect(
			matches({ title: 'Globex', company: '', tags: ['vip'], salesOwner: 'ann' }, filter)
		).toBe(false);
	});
});

describe('filter in the address', () => {
	it('reads every condition', () => {
		const params = new URLSearchParams('q=acme&owner=ann&tag=vip&health=at-risk&overdue=1&mine=1');
		expect(filterFromParams(params)).toEqual({
			q: 'acme',
			owner: 'ann',
			tag: 'vip',
			health: 'at-risk',
			overdue: true,
			mine: true
		});
	});

	it('drops invalid values', () => {
		const params = new URLSearchParams('health=sick&overdue=yes&owner=&mine=true');
		expect(filterFromParams(params)).toEqual(EMPTY_FILTER);
	});

	it('round-trips and keeps other keys', () => {
		const filter: CardFilter = { ...EMPTY_FILTER, q: '李 伟', tag: 'vip', overdue: true };
		const params = new URLSearchParams('view=compact&mine=1');
		writeFilterParams(filter, params);
		expect(params.get('view')).toBe('compact');
		expect(params.has('mine')).toBe(false);
		expect(filterFromParams(new URLSearchParams(params.toString()))).toEqual(filter);
	});

	it('writes nothing for no filter', () => {
		const params = new URLSearchParams();
		writeFilterParams(EMPTY_FILTER, params);
		expect(params.toString()).toBe('');
	});
});

describe('tagsOf', () => {
	it('lists distinct tags in order', () => {
		expect(tagsOf([card({ tags: ['vip', 'east'] }), card({ tags: ['east', 'b2b'] })])).toEqual([
			'b2b',
			'east',
			'vip'
		]);
	});
});
