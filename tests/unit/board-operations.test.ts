import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	BoardError,
	DEFAULT_STAGES,
	archiveCard,
	boardRoots,
	cardsInStage,
	createCard,
	deleteCard,
	moveCard,
	readCards,
	readEvents,
	readStages,
	seedBoard,
	updateCard,
	type BoardEvent
} from '../../src/lib/board';

const context = { by: 'm-1', now: new Date('2024-05-01T08:00:00Z') };

function seeded(): Y.Doc {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Test board' }, context);
	return doc;
}

function titles(doc: Y.Doc, stageId: string): string[] {
	return cardsInStage(doc, stageId).map((card) => card.title);
}

describe('createCard', () => {
	it('creates a card with defaults and a create event', () => {
		const doc = seeded();
		const id = createCard(doc, { title: '  Acme  ', stageId: 'lead', value: 1200 }, context);
		const [card] = readCards(doc);
		expect(card.id).toBe(id);
		expect(card.title).toBe('Acme');
		expect(card.value).toBe(1200);
		expect(card.position.stageId).toBe('lead');
		expect(card.createdAt).toBe('2024-05-01T08:00:00.000Z');
		expect(boardRoots(doc).cards.get(id)?.get('notes')).toBeInstanceOf(Y.Text);
		expect(readEvents(doc)).toMatchObject([
			{ type: 'create', cardId: id, by: 'm-1', to: 'lead', at: '2024-05-01T08:00:00.000Z' }
		]);
	});

	it('appends cards to the end of a stage', () => {
		const doc = seeded();
		for (const title of ['A', 'B', 'C']) createCard(doc, { title, stageId: 'lead' }, context);
		expect(titles(doc, 'lead')).toEqual(['A', 'B', 'C']);
	});

	it('rejects a blank title and writes nothing', () => {
		const doc = seeded();
		expect(() => createCard(doc, { title: '   ', stageId: 'lead' }, context)).toThrow(BoardError);
		expect(readCards(doc)).toHaveLength(0);
		expect(readEvents(doc)).toHaveLength(0);
	});

	it('rejects an unknown stage', () => {
		const doc = seeded();
		let error: unknown;
		try {
			createCard(doc, { title: 'Acme', stageId: 'nowhere' }, context);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(BoardError);
		expect((error as BoardError).field).toBe('stageId');
		expect(readCards(doc)).toHaveLength(0);
	});
});

describe('moveCard', () => {
	it('moves a card and appends its move event in one transaction', () => {
		const doc = seeded();
		const id = createCard(doc, { title: 'Acme', stageId: 'won' }, context);
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		moveCard(doc, id, { stageId: 'onboarding' }, context);
		expect(updates).toHaveLength(1);
		const events = readEvents(doc);
		expect(events.at(-1)).toMatchObject({
			type: 'move',
			cardId: id,
			from: 'won',
			to: 'onboarding',
			by: 'm-1'
		} satisfies Partial<BoardEvent>);
		expect(titles(doc, 'onboarding')).toEqual(['Acme']);
		expect(titles(doc, 'won')).toEqual([]);
	});

	it('places a card after another card', () => {
		const doc = seeded();
		const ids = ['A', 'B', 'C'].map((title) =>
			createCard(doc, { title, stageId: 'lead' }, context)
		);
		moveCard(doc, ids[2], { stageId: 'lead', afterCardId: ids[0] }, context);
		expect(titles(doc, 'lead')).toEqual(['A', 'C', 'B']);
		moveCard(doc, ids[1], { stageId: 'lead', afterCardId: null }, context);
		expect(titles(doc, 'lead')).toEqual(['B', 'A', 'C']);
	});

	it('reorders within a stage without a move event', () => {
		const doc = seeded();
		const a = createCard(doc, { title: 'A', stageId: 'lead' }, context);
		createCard(doc, { title: 'B', stageId: 'lead' }, context);
		const before = readEvents(doc).length;
		moveCard(doc, a, { stageId: 'lead' }, context);
		expect(titles(doc, 'lead')).toEqual(['B', 'A']);
		expect(readEvents(doc)).toHaveLength(before);
	});

	it('sets closedAt on entering won and clears it on reopening', () => {
		const doc = seeded();
		const id = createCard(doc, { title: 'Acme', stageId: 'negotiation' }, context);
		moveCard(doc, id, { stageId: 'won' }, context);
		expect(readCards(doc)[0].closedAt).toBe('2024-05-01T08:00:00.000Z');
		moveCard(doc, id, { stageId: 'proposal' }, context);
		expect(readCards(doc)[0].closedAt).toBeNull();
	});

	it('puts the card last when the card to follow is gone', () => {
		const doc = seeded();
		createCard(doc, { title: 'A', stageId: 'lead' }, context);
		createCard(doc, { title: 'B', stageId: 'lead' }, context);
		const c = createCard(doc, { title: 'C', stageId: 'qualified' }, context);
		moveCard(doc, c, { stageId: 'lead', afterCardId: 'missing-card' }, context);
		expect(titles(doc, 'lead')).toEqual(['A', 'B', 'C']);
	});

	it('rejects a deleted card and an unknown stage', () => {
		const doc = seeded();
		const id = createCard(doc, { title: 'Acme', stageId: 'lead' }, context);
		expect(() => moveCard(doc, id, { stageId: 'nowhere' }, context)).toThrow(/does not exist/);
		deleteCard(doc, id, context);
		expect(() => moveCard(doc, id, { stageId: 'won' }, context)).toThrow(/deleted/);
	});
});

describe('updateCard', () => {
	it('writes changed fields and names them in one event', () => {
		const doc = seeded();
		const id = createCard(doc, { title: 'Acme', stageId: 'lead' }, context);
		updateCard(doc, id, { title: 'Acme Ltd', value: 500, company: '' }, context);
		const card = readCards(doc)[0];
		expect(card.title).toBe('Acme Ltd');
		expect(card.value).toBe(500);
		expect(readEvents(doc).at(-1)).toMatchObject({ type: 'update', fields: ['title', 'value'] });
	});

	const invalid: [string, Record<string, unknown>][] = [
		['title', { title: '' }],
		['title', { title: 'x'.repeat(201) }],
		['value', { value: -1 }],
		['value', { value: Number.NaN }],
		['tags', { tags: Array.from({ length: 21 }, (_, index) => `t${index}`) }],
		['dueAt', { dueAt: '31/05/2024' }],
		['satisfaction', { satisfaction: 6 }],
		['satisfaction', { satisfaction: 2.5 }],
		['health', { health: 'fine' }],
		['company', { company: 'x'.repeat(501) }]
	];

	for (const [field, patch] of invalid) {
		it(`rejects invalid ${field} ${JSON.stringify(Object.values(patch)[0]).slice(0, 20)}`, () => {
			const doc = seeded();
			const id = createCard(doc, { title: 'Acme', stageId: 'lead', value: 10 }, context);
			const events = readEvents(doc).length;
			let error: unknown;
			try {
				updateCard(doc, id, patch, context);
			} catch (caught) {
				error = caught;
			}
			expect(error).toBeInstanceOf(BoardError);
			expect((error as BoardError).field).toBe(field);
			const card = readCards(doc)[0];
			expect(card.title).toBe('Acme');
			expect(card.value).toBe(10);
			expect(readEvents(doc)).toHaveLength(events);
		});
	}
});

describe('archiveCard and deleteCard', () => {
	it('hides an archived card from its stage and restores it', () => {
		const doc = seeded();
		const id = createCard(doc, { title: 'Acme', stageId: 'lead' }, context);
		archiveCard(doc, id, true, context);
		expect(titles(doc, 'lead')).toEqual([]);
		archiveCard(doc, id, false, context);
		expect(titles(doc, 'lead')).toEqual(['Acme']);
		expect(readEvents(doc).map((event) => event.type)).toEqual(['create', 'archive', 'restore']);
	});

	it('removes a deleted card and keeps its delete event', () => {
		const doc = seeded();
		const id = createCard(doc, { title: 'Acme', stageId: 'lead' }, context);
		deleteCard(doc, id, context);
		expect(readCards(doc)).toHaveLength(0);
		expect(readEvents(doc).at(-1)).toMatchObject({ type: 'delete', cardId: id });
	});
});

describe('seedBoard', () => {
	it('seeds the default stages in lane order', () => {
		const stages = readStages(seeded());
		expect(stages.map((stage) => stage.id)).toEqual(DEFAULT_STAGES.map((stage) => stage.id));
	});

	it('keeps one set of stages when seeded twice', () => {
		const doc = seeded();
		seedBoard(doc, { name: 'Other name' }, context);
		expect(boardRoots(doc).stages.size).toBe(DEFAULT_STAGES.length);
		expect(boardRoots(doc).meta.get('name')).toBe('Test board');
	});

	it('keeps one set of stages when two replicas seed', () => {
		const left = new Y.Doc();
		const right = new Y.Doc();
		seedBoard(left, { name: 'Left' }, context);
		seedBoard(right, { name: 'Right' }, context);
		Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
		Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
		for (const doc of [left, right]) {
			expect(readStages(doc).map((stage) => stage.id)).toEqual(
				DEFAULT_STAGES.map((stage) => stage.id)
			);
		}
		expect(boardRoots(left).meta.get('name')).toBe(boardRoots(right).meta.get('name'));
	});
});
