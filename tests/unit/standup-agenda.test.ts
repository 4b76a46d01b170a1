import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	archiveCard,
	BoardError,
	createCard,
	moveCard,
	putMember,
	readBoard,
	seedBoard
} from '../../src/lib/board';
import {
	groupByStage,
	personCards,
	personChanges,
	readStandups,
	recordStandup,
	standupPeople,
	standupsArray,
	standupSince
} from '../../src/lib/standup';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

function at(hours: number): Date {
	return new Date(START + hours * 3_600_000);
}

/** Builds a board with two sales people, one ops person and a manager, and cards each of them owns. */
function teamBoard(): Y.Doc {
	const doc = new Y.Doc();
	const system = { by: 'system', now: at(0) };
	seedBoard(doc, { name: 'Team', currency: 'CNY' }, system);
	putMember(doc, { id: 'zoe', name: 'Zoe', role: 'sales', color: '#111111' }, system);
	putMember(doc, { id: 'amy', name: 'Amy', role: 'sales', color: '#222222' }, system);
	putMember(doc, { id: 'bo', name: 'Bo', role: 'ops', color: '#333333' }, system);
	putMember(doc, { id: 'max', name: 'Max', role: 'manager', color: '#444444' }, system);
	putMember(doc, { id: 'idle', name: 'Idle', role: 'sales', color: '#555555' }, system);
	const create = (id: string, stageId: string, fields: Record<string, string>) =>
		createCard(doc, { id, title: id, stageId, ...fields }, { by: 'system', now: at(0) });
	create('acme', 'proposal', { salesOwner: 'amy' });
	create('globex', 'lead', { salesOwner: 'amy' });
	create('initech', 'onboarding', { salesOwner: 'zoe', opsOwner: 'bo' });
	create('hooli', 'lead', { salesOwner: 'zoe' });
	create('umbrella', 'active', { opsOwner: 'max' });
	create('stale', 'lead', { salesOwner: 'idle' });
	archiveCard(doc, 'stale', true, { by: 'idle', now: at(1) });
	return doc;
}

describe('standupSince', () => {
	it('uses 24 hours ago without stand-ups', () => {
		expect(standupSince([], START)).toBe(START - DAY);
	});

	it('uses the latest end', () => {
		const standups = [
			{ id: 'b', startedAt: at(30).toISOString(), endedAt: at(31).toISOString() },
			{ id: 'a', startedAt: at(1).toISOString(), endedAt: at(2).toISOString() }
		].map((entry) => ({ ...entry, presenter: 'amy', people: [] }));
		expect(standupSince(standups, at(50).getTime())).toBe(at(31).getTime());
	});
});

describe('standupPeople', () => {
	it('orders sales first, then ops, by name', () => {
		const people = standupPeople(readBoard(teamBoard()));
		expect(people.map((person) => person.id)).toEqual(['amy', 'zoe', 'bo', 'max']);
		expect(people[0]).toEqual({ id: 'amy', name: 'Amy', group: 'sales' });
		expect(people[3].group).toBe('ops');
	});

	it('leaves out owners of archived cards only', () => {
		const people = standupPeople(readBoard(teamBoard()));
		expect(people.some((person) => person.id === 'idle')).toBe(false);
	});

	it('names unknown owners by id', () => {
		const doc = teamBoard();
		createCard(doc, { id: 'x', title: 'X', stageId: 'lead', salesOwner: 'ghost' }, { by: 'amy' });
		const ghost = standupPeople(readBoard(doc)).find((person) => person.id === 'ghost');
		expect(ghost).toEqual({ id: 'ghost', name: 'ghost', group: 'sales' });
	});

	it('is empty without owned cards', () => {
		const doc = new Y.Doc();
		seedBoard(doc, { name: 'Empty', currency: 'CNY' }, { by: 'system', now: at(0) });
		createCard(doc, { id: 'x', title: 'X', stageId: 'lead' }, { by: 'amy' });
		expect(standupPeople(readBoard(doc))).toEqual([]);
	});
});

describe('personCards', () => {
	it('groups owned cards by stage order', () => {
		const board = readBoard(teamBoard());
		const groups = groupByStage(personCards(board.cards, 'zoe'), board.stages);
		expect(groups.map((group) => group.stage.id)).toEqual(['lead', 'onboarding']);
		expect(groups[1].cards.map((card) => card.id)).toEqual(['initech']);
	});

	it('counts both sales and ops owners', () => {
		const board = readBoard(teamBoard());
		expect(personCards(board.cards, 'bo').map((card) => card.id)).toEqual(['initech']);
	});
});

describe('personChanges', () => {
	it('lists changes of own cards and own moves', () => {
		const doc = teamBoard();
		// Zoe's card moved by someone else, a card of Amy's moved by Zoe, and a move before "since".
		moveCard(doc, 'hooli', { stageId: 'qualified' }, { by: 'max', now: at(5) });
		moveCard(doc, 'acme', { stageId: 'won' }, { by: 'zoe', now: at(6) });
		moveCard(doc, 'hooli', { stageId: 'lead' }, { by: 'zoe', now: at(1) });
		moveCard(doc, 'globex', { stageId: 'lost' }, { by: 'amy', now: at(7) });
		const changes = personChanges(readBoard(doc), 'zoe', at(2).getTime());
		expect(changes.map((change) => [change.cardId, change.kind, change.by])).toEqual([
			['acme', 'won', 'zoe'],
			['hooli', 'moved', 'max']
		]);
	});

	it('is empty when nothing changed', () => {
		expect(personChanges(readBoard(teamBoard()), 'amy', at(2).getTime())).toEqual([]);
	});
});

describe('recordStandup', () => {
	it('appends a stand-up ended now', () => {
		const doc = teamBoard();
		const record = recordStandup(
			doc,
			{ id: 's1', startedAt: at(9).toISOString(), people: ['amy', 'zoe'] },
			{ by: 'amy', now: at(10) }
		);
		expect(record).toEqual({
			id: 's1',
			startedAt: at(9).toISOString(),
			endedAt: at(10).toISOString(),
			presenter: 'amy',
			people: ['amy', 'zoe']
		});
		expect(readStandups(doc)).toEqual([record]);
		expect(standupSince(readStandups(doc), at(30).getTime())).toBe(at(10).getTime());
	});

	it('rejects a start after the end', () => {
		const doc = teamBoard();
		recordStandup(doc, { startedAt: at(1).toISOString(), people: [] }, { by: 'amy', now: at(2) });
		const late = () =>
			recordStandup(
				doc,
				{ startedAt: at(12).toISOString(), people: [] },
				{ by: 'amy', now: at(11) }
			);
		expect(late).toThrow(BoardError);
		expect(late).toThrow(/is after its end/);
		expect(readStandups(doc)).toHaveLength(1);
	});

	it('rejects an invalid start', () => {
		const doc = teamBoard();
		const invalid = () => recordStandup(doc, { startedAt: 'soon', people: [] }, { by: 'amy' });
		expect(invalid).toThrow(/"soon" is not an ISO 8601 time/);
		expect(standupsArray(doc).length).toBe(0);
	});

	it('skips and reports malformed entries', () => {
		const doc = teamBoard();
		standupsArray(doc).push([{ id: 'bad', startedAt: 'x' }, 'text']);
		recordStandup(doc, { startedAt: at(1).toISOString(), people: [] }, { by: 'bo', now: at(2) });
		const problems: string[] = [];
		const standups = readStandups(doc, (message) => problems.push(message));
		expect(standups.map((standup) => standup.presenter)).toEqual(['bo']);
		expect(problems).toHaveLength(2);
		expect(problems[0]).toMatch(/^standup bad:/);
	});
});
