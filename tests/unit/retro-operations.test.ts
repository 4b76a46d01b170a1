/** Retrospective operations on a real `Y.Doc`: the model, its rules and its error messages. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, readCards, seedBoard } from '../../src/lib/board';
import {
	addAction,
	addColumn,
	addItem,
	addVote,
	createActionCard,
	createRetro,
	deleteItem,
	editItem,
	groupItem,
	linkItem,
	previousPeriod,
	readRetro,
	readRetros,
	removeColumn,
	removeVote,
	renameColumn,
	RetroError,
	secondsLeft,
	startTimer,
	stopTimer,
	updateRetro
} from '../../src/lib/retro';

const ann = { by: 'ann', now: new Date('2024-07-01T09:00:00Z') };
const bob = { by: 'bob', now: new Date('2024-07-01T09:01:00Z') };

function board(): Y.Doc {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Retro board' }, { by: 'system' });
	return doc;
}

function retro(doc: Y.Doc, options: { anonymous?: boolean; voteLimit?: number } = {}): string {
	return createRetro(doc, { title: 'June', from: '2024-06-01', to: '2024-06-30', ...options }, ann);
}

describe('createRetro', () => {
	it('writes defaults', () => {
		const doc = board();
		const id = retro(doc);
		const view = readRetro(doc, id)!;
		expect(view.title).toBe('June');
		expect(view.createdBy).toBe('ann');
		expect(view.voteLimit).toBe(3);
		expect(view.anonymous).toBe(false);
		expect(view.columns.map((column) => column.name)).toEqual(['Went well', 'To improve', 'Ideas']);
		expect(view.items).toEqual([]);
		expect(view.timer).toBeNull();
		expect(readRetros(doc).map((summary) => summary.id)).toEqual([id]);
	});

	it('rejects bad input and writes nothing', () => {
		const doc = board();
		const cases: [Parameters<typeof createRetro>[1], RegExp][] = [
			[{ title: ' ', from: '2024-06-01', to: '2024-06-30' }, /title is empty/],
			[{ title: 'x', from: '2024-13-01', to: '2024-06-30' }, /from must be a date/],
			[{ title: 'x', from: '2024-07-01', to: '2024-06-30' }, /after its end/],
			[{ title: 'x', from: '2024-06-01', to: '2024-06-30', voteLimit: 0 }, /voteLimit/]
		];
		for (const [input, message] of cases) {
			expect(() => createRetro(doc, input, ann)).toThrow(message);
		}
		expect(boardRoots(doc).retros.size).toBe(0);
	});

	it('updates period and limit', () => {
		const doc = board();
		const id = retro(doc);
		updateRetro(doc, id, { to: '2024-07-15', voteLimit: 5 }, ann);
		expect(readRetro(doc, id)).toMatchObject({
			from: '2024-06-01',
			to: '2024-07-15',
			voteLimit: 5
		});
		expect(() => updateRetro(doc, id, { from: '2024-08-01' }, ann)).toThrow(/after its end/);
		expect(readRetro(doc, id)!.from).toBe('2024-06-01');
	});
});

describe('retro columns', () => {
	it('adds, renames and removes', () => {
		const doc = board();
		const id = retro(doc);
		const added = addColumn(doc, id, 'Kudos', ann);
		renameColumn(doc, id, 'ideas', 'Experiments', ann);
		removeColumn(doc, id, 'went-well', ann);
		expect(readRetro(doc, id)!.columns.map((column) => [column.id, column.name])).toEqual([
			['to-improve', 'To improve'],
			['ideas', 'Experiments'],
			[added, 'Kudos']
		]);
	});

	it('keeps a column with items', () => {
		const doc = board();
		const id = retro(doc);
		addItem(doc, id, { columnId: 'ideas', text: 'Pair on demos' }, ann);
		expect(() => removeColumn(doc, id, 'ideas', ann)).toThrow(/still has 1 items/);
		expect(readRetro(doc, id)!.columns).toHaveLength(3);
	});

	it('keeps the last column', () => {
		const doc = board();
		const id = retro(doc);
		removeColumn(doc, id, 'went-well', ann);
		removeColumn(doc, id, 'to-improve', ann);
		expect(() => removeColumn(doc, id, 'ideas', ann)).toThrow(/at least one column/);
	});
});

describe('retro items', () => {
	it('records the author', () => {
		const doc = board();
		const id = retro(doc);
		const itemId = addItem(doc, id, { columnId: 'went-well', text: '  Fast onboarding ' }, ann);
		expect(readRetro(doc, id)!.items).toEqual([
			{
				id: itemId,
				columnId: 'went-well',
				text: 'Fast onboarding',
				by: 'ann',
				createdAt: '2024-07-01T09:00:00.000Z'
			}
		]);
	});

	it('omits the author when anonymous', () => {
		const doc = board();
		const id = retro(doc, { anonymous: true });
		const itemId = addItem(doc, id, { columnId: 'went-well', text: 'Quiet win' }, ann);
		const item = boardRoots(doc).retros.get(id)!.get('items') as Y.Map<Y.Map<unknown>>;
		expect(item.get(itemId)!.has('by')).toBe(false);
		expect(readRetro(doc, id)!.items[0].by).toBeUndefined();
	});

	it('lets only the author edit', () => {
		const doc = board();
		const id = retro(doc);
		const itemId = addItem(doc, id, { columnId: 'went-well', text: 'Draft' }, ann);
		editItem(doc, id, itemId, 'Final', ann);
		expect(() => editItem(doc, id, itemId, 'Hijack', bob)).toThrow(/Only the author/);
		expect(() => deleteItem(doc, id, itemId, bob)).toThrow(/Only the author/);
		expect(() => editItem(doc, id, itemId, '', ann)).toThrow(/An item is empty/);
		expect(readRetro(doc, id)!.items[0].text).toBe('Final');
	});

	it('rejects an unknown column', () => {
		const doc = board();
		const id = retro(doc);
		expect(() => addItem(doc, id, { columnId: 'nope', text: 'x' }, ann)).toThrow(
			/Column "nope" does not exist/
		);
	});

	it('links to a board card', () => {
		const doc = board();
		const id = retro(doc);
		const itemId = addItem(doc, id, { columnId: 'ideas', text: 'Call back' }, ann);
		expect(() => linkItem(doc, id, itemId, 'missing', bob)).toThrow(/Card "missing" does not/);
		const actionId = addAction(doc, id, { text: 'Card to link' }, ann);
		const cardId = createActionCard(doc, id, actionId, 'lead', ann);
		linkItem(doc, id, itemId, cardId, bob);
		expect(readRetro(doc, id)!.items[0].cardId).toBe(cardId);
		linkItem(doc, id, itemId, null, bob);
		expect(readRetro(doc, id)!.items[0].cardId).toBeUndefined();
	});

	it('groups under one head', () => {
		const doc = board();
		const id = retro(doc);
		const a = addItem(doc, id, { columnId: 'went-well', text: 'A' }, ann);
		const b = addItem(doc, id, { columnId: 'to-improve', text: 'B' }, ann);
		const c = addItem(doc, id, { columnId: 'ideas', text: 'C' }, ann);
		groupItem(doc, id, b, a, ann);
		groupItem(doc, id, c, b, ann);
		const items = new Map(readRetro(doc, id)!.items.map((item) => [item.id, item]));
		expect(items.get(a)!.columnId).toBe('went-well');
		expect(items.get(a)!.groupId).toBeUndefined();
		expect(items.get(b)).toMatchObject({ columnId: 'went-well', groupId: a });
		expect(items.get(c)).toMatchObject({ columnId: 'went-well', groupId: a });
		expect(() => groupItem(doc, id, a, b, ann)).toThrow(/with itself/);
		deleteItem(doc, id, a, ann);
		expect(readRetro(doc, id)!.items.map((item) => item.groupId)).toEqual([undefined, undefined]);
	});

	it('ungroups a concurrent cycle', () => {
		const left = board();
		const id = retro(left);
		const a = addItem(left, id, { columnId: 'ideas', text: 'A' }, ann);
		const b = addItem(left, id, { columnId: 'ideas', text: 'B' }, ann);
		const right = new Y.Doc();
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
		groupItem(left, id, a, b, ann);
		groupItem(right, id, b, a, bob);
		Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
		expect(readRetro(left, id)!.items.map((item) => item.groupId)).toEqual([undefined, undefined]);
		expect(readRetro(right, id)).toEqual(readRetro(left, id));
	});
});

describe('retro votes', () => {
	it('counts and withdraws', () => {
		const doc = board();
		const id = retro(doc);
		const itemId = addItem(doc, id, { columnId: 'ideas', text: 'Idea' }, ann);
		addVote(doc, id, itemId, ann);
		addVote(doc, id, itemId, bob);
		expect(readRetro(doc, id)!.votes.byItem.get(itemId)).toBe(2);
		expect(() => addVote(doc, id, itemId, ann)).toThrow(/voted for this item already/);
		removeVote(doc, id, itemId, ann);
		expect(readRetro(doc, id)!.votes.byItem.get(itemId)).toBe(1);
	});

	it('stops at the limit', () => {
		const doc = board();
		const id = retro(doc);
		const items = ['1', '2', '3', '4'].map((text) =>
			addItem(doc, id, { columnId: 'ideas', text }, ann)
		);
		for (const itemId of items.slice(0, 3)) addVote(doc, id, itemId, ann);
		expect(() => addVote(doc, id, items[3], ann)).toThrow(/used all 3 of your votes/);
		expect(readRetro(doc, id)!.votes.byMember.get('ann')!.size).toBe(3);
		expect(readRetro(doc, id)!.votes.byItem.has(items[3])).toBe(false);
	});

	it('frees votes of deleted items', () => {
		const doc = board();
		const id = retro(doc, { voteLimit: 1 });
		const first = addItem(doc, id, { columnId: 'ideas', text: 'First' }, bob);
		const second = addItem(doc, id, { columnId: 'ideas', text: 'Second' }, bob);
		addVote(doc, id, first, ann);
		deleteItem(doc, id, first, bob);
		addVote(doc, id, second, ann);
		expect(readRetro(doc, id)!.votes.byItem.get(second)).toBe(1);
	});
});

describe('retro timer', () => {
	it('starts, counts down and stops', () => {
		const doc = board();
		const id = retro(doc);
		const timer = startTimer(doc, id, 5, ann);
		expect(timer.endsAt).toBe('2024-07-01T09:05:00.000Z');
		expect(readRetro(doc, id)!.timer).toEqual(timer);
		expect(secondsLeft(timer, Date.parse('2024-07-01T09:04:00.500Z'))).toBe(60);
		expect(secondsLeft(timer, Date.parse('2024-07-01T09:06:00Z'))).toBe(0);
		expect(() => startTimer(doc, id, 0, ann)).toThrow(/A timer runs/);
		stopTimer(doc, id, ann);
		expect(readRetro(doc, id)!.timer).toBeNull();
	});
});

describe('retro actions', () => {
	it('become cards on the board', () => {
		const doc = board();
		const id = retro(doc);
		const actionId = addAction(
			doc,
			id,
			{ text: 'Welcome pack', ownerId: 'bob', dueAt: '2024-07-10' },
			ann
		);
		const cardId = createActionCard(doc, id, actionId, 'onboarding', ann);
		const card = readCards(doc).find((each) => each.id === cardId)!;
		expect(card).toMatchObject({
			title: 'Welcome pack',
			opsOwner: 'bob',
			salesOwner: null,
			dueAt: '2024-07-10',
			position: { stageId: 'onboarding' }
		});
		expect(readRetro(doc, id)!.actions[0].cardId).toBe(cardId);
		const events = boardRoots(doc).events.toArray() as { type: string; cardId: string }[];
		expect(events.at(-1)).toMatchObject({ type: 'create', cardId });
		expect(() => createActionCard(doc, id, actionId, 'lead', ann)).toThrow(/has a card already/);
	});

	it('rejects bad input', () => {
		const doc = board();
		const id = retro(doc);
		expect(() => addAction(doc, id, { text: 'x', dueAt: 'soon' }, ann)).toThrow(/dueAt must be/);
		const actionId = addAction(doc, id, { text: 'x' }, ann);
		expect(() => createActionCard(doc, id, actionId, 'won' as unknown as 'lead', ann)).toThrow(
			/starts in lead or onboarding/
		);
		expect(readCards(doc)).toHaveLength(0);
		expect(() => addAction(doc, 'gone', { text: 'x' }, ann)).toThrow(RetroError);
	});
});

describe('previousPeriod', () => {
	it('returns the same length before', () => {
		expect(previousPeriod('2024-06-01', '2024-06-30')).toEqual({
			from: '2024-05-02',
			to: '2024-05-31'
		});
		expect(previousPeriod('2024-03-01', '2024-03-01')).toEqual({
			from: '2024-02-29',
			to: '2024-02-29'
		});
	});
});
