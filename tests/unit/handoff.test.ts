import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	BoardError,
	acceptHandoff,
	boardRoots,
	cardHandoff,
	createCard,
	handOff,
	handoffLagDays,
	readCards,
	readEvents,
	readHandoffRequired,
	readStages,
	returnHandoff,
	seedBoard,
	setHandoffRequired,
	updateHandoffFacts,
	type HandoffFacts
} from '../../src/lib/board';

const context = { by: 'sales-1', now: new Date('2024-05-01T08:00:00Z') };
const ops = { by: 'ops-1', now: new Date('2024-05-03T08:00:00Z') };

const facts: HandoffFacts = {
	needs: 'Weekly reports',
	keyContact: 'Li Wei',
	goLiveDate: '2024-06-01',
	scope: 'Two sites'
};

function wonCard(): { doc: Y.Doc; id: string } {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Handoff board' }, context);
	const id = createCard(
		doc,
		{ title: 'Acme', stageId: 'won', closedAt: context.now.toISOString() },
		context
	);
	return { doc, id };
}

function stageOf(doc: Y.Doc, id: string): string {
	return readCards(doc).find((card) => card.id === id)!.position.stageId;
}

function expectBoardError(run: () => void, field: string): void {
	let error: unknown;
	try {
		run();
	} catch (caught) {
		error = caught;
	}
	expect(error).toBeInstanceOf(BoardError);
	expect((error as BoardError).field).toBe(field);
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('handOff', () => {
	it('submits complete facts with move and handoff events', () => {
		const { doc, id } = wonCard();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		const status = handOff(
			doc,
			id,
			{ stageId: 'onboarding', facts: { ...facts, needs: ' Weekly reports ' } },
			context
		);
		expect(status).toBe('submitted');
		expect(updates).toHaveLength(1);
		expect(stageOf(doc, id)).toBe('onboarding');
		expect(cardHandoff(doc, id)).toEqual({ ...facts, status: 'submitted', reason: null });
		const events = readEvents(doc).slice(1);
		expect(events.map((event) => event.type)).toEqual(['move', 'handoff']);
		expect(events[0]).toMatchObject({ from: 'won', to: 'onboarding', by: 'sales-1' });
		expect(events[1]).toMatchObject({ status: 'submitted', by: 'sales-1' });
		expect(events[1].at).toBe(events[0].at);
	});

	it('marks missing required facts pending', () => {
		const { doc, id } = wonCard();
		const status = handOff(
			doc,
			id,
			{ stageId: 'onboarding', facts: { needs: 'Reports' } },
			context
		);
		expect(status).toBe('pending');
		expect(stageOf(doc, id)).toBe('onboarding');
		expect(cardHandoff(doc, id).status).toBe('pending');
	});

	it('follows the required facts setting', () => {
		const { doc, id } = wonCard();
		setHandoffRequired(doc, ['needs'], context);
		expect(readHandoffRequired(doc)).toEqual(['needs']);
		const status = handOff(
			doc,
			id,
			{ stageId: 'onboarding', facts: { needs: 'Reports' } },
			context
		);
		expect(status).toBe('submitted');
	});

	it('requires all four facts by default', () => {
		const { doc } = wonCard();
		expect(readHandoffRequired(doc)).toEqual(['needs', 'keyContact', 'goLiveDate', 'scope']);
	});

	it('sets the won date of an open card', () => {
		const { doc } = wonCard();
		const id = createCard(doc, { title: 'Beta', stageId: 'negotiation' }, context);
		handOff(doc, id, { stageId: 'onboarding', facts }, ops);
		expect(readCards(doc).find((card) => card.id === id)!.closedAt).toBe(ops.now.toISOString());
	});

	it('rejects invalid input and changes nothing', () => {
		const { doc, id } = wonCard();
		const before = Y.encodeStateAsUpdate(doc);
		const cases: [() => void, string][] = [
			[
				() =>
					handOff(doc, id, { stageId: 'onboarding', facts: { goLiveDate: '2024-02-30' } }, context),
				'goLiveDate'
			],
			[
				() =>
					handOff(doc, id, { stageId: 'onboarding', facts: { goLiveDate: 'next week' } }, context),
				'goLiveDate'
			],
			[
				() =>
					handOff(doc, id, { stageId: 'onboarding', facts: { scope: 'x'.repeat(2001) } }, context),
				'scope'
			],
			[
				() => handOff(doc, id, { stageId: 'active', facts: { bogus: 'x' } as never }, context),
				'bogus'
			],
			[() => handOff(doc, id, { stageId: 'lead', facts }, context), 'stageId'],
			[() => handOff(doc, id, { stageId: 'nowhere', facts }, context), 'stageId'],
			[() => handOff(doc, 'missing', { stageId: 'onboarding', facts }, context), 'cardId'],
			[() => setHandoffRequired(doc, ['needs', 'budget'], context), 'handoffRequired']
		];
		for (const [run, field] of cases) expectBoardError(run, field);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
	});

	it('rejects a card already in ops', () => {
		const { doc, id } = wonCard();
		handOff(doc, id, { stageId: 'onboarding', facts }, context);
		expectBoardError(() => handOff(doc, id, { stageId: 'active', facts }, context), 'stageId');
		expect(stageOf(doc, id)).toBe('onboarding');
	});
});

describe('updateHandoffFacts', () => {
	it('turns pending into submitted when complete', () => {
		const { doc, id } = wonCard();
		handOff(doc, id, { stageId: 'onboarding', facts: { needs: 'Reports' } }, context);
		updateHandoffFacts(doc, id, { keyContact: 'Li', goLiveDate: '2024-06-01' }, context);
		expect(cardHandoff(doc, id).status).toBe('pending');
		updateHandoffFacts(doc, id, { scope: 'All' }, context);
		expect(cardHandoff(doc, id).status).toBe('submitted');
		expect(readEvents(doc).at(-1)).toMatchObject({ type: 'update', fields: ['handoff.scope'] });
	});

	it('rejects an invalid date and keeps the old one', () => {
		const { doc, id } = wonCard();
		handOff(doc, id, { stageId: 'onboarding', facts }, context);
		expectBoardError(
			() => updateHandoffFacts(doc, id, { goLiveDate: '01/06/2024' }, context),
			'goLiveDate'
		);
		expect(cardHandoff(doc, id).goLiveDate).toBe('2024-06-01');
	});
});

describe('acceptHandoff', () => {
	it('accepts and ends the lag', () => {
		const { doc, id } = wonCard();
		handOff(doc, id, { stageId: 'onboarding', facts }, context);
		const card = () => readCards(doc).find((item) => item.id === id)!;
		const stage = readStages(doc).find((item) => item.id === 'onboarding');
		expect(handoffLagDays(card(), stage, cardHandoff(doc, id), ops.now)).toBe(2);
		acceptHandoff(doc, id, ops);
		expect(cardHandoff(doc, id).status).toBe('accepted');
		expect(stageOf(doc, id)).toBe('onboarding');
		expect(readEvents(doc).at(-1)).toMatchObject({
			type: 'handoff',
			status: 'accepted',
			by: 'ops-1'
		});
		expect(handoffLagDays(card(), stage, cardHandoff(doc, id), ops.now)).toBeNull();
	});

	it('rejects a pending handoff', () => {
		const { doc, id } = wonCard();
		handOff(doc, id, { stageId: 'onboarding', facts: { needs: 'Reports' } }, context);
		const events = readEvents(doc).length;
		expectBoardError(() => acceptHandoff(doc, id, ops), 'keyContact');
		expect(cardHandoff(doc, id).status).toBe('pending');
		expect(readEvents(doc)).toHaveLength(events);
	});

	it('rejects a card never handed off', () => {
		const { doc, id } = wonCard();
		expectBoardError(() => acceptHandoff(doc, id, ops), 'status');
	});
});

describe('returnHandoff', () => {
	it('sends the card back with its reason', () => {
		const { doc, id } = wonCard();
		handOff(doc, id, { stageId: 'onboarding', facts }, context);
		returnHandoff(doc, id, '  No signed contract  ', ops);
		expect(stageOf(doc, id)).toBe('won');
		expect(cardHandoff(doc, id)).toMatchObject({
			status: 'returned',
			reason: 'No signed contract'
		});
		const events = readEvents(doc).slice(-2);
		expect(events[0]).toMatchObject({ type: 'move', from: 'onboarding', to: 'won' });
		expect(events[1]).toMatchObject({
			type: 'handoff',
			status: 'returned',
			reason: 'No signed contract'
		});
	});

	it('rejects a blank reason and changes nothing', () => {
		const { doc, id } = wonCard();
		handOff(doc, id, { stageId: 'onboarding', facts }, context);
		const before = Y.encodeStateAsUpdate(doc);
		expectBoardError(() => returnHandoff(doc, id, '   ', ops), 'reason');
		expectBoardError(() => returnHandoff(doc, id, 'x'.repeat(501), ops), 'reason');
		expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
		expect(stageOf(doc, id)).toBe('onboarding');
	});

	it('counts lag from creation without won date', () => {
		const { doc } = wonCard();
		const id = createCard(doc, { title: 'Beta', stageId: 'won' }, context);
		const card = readCards(doc).find((item) => item.id === id)!;
		const stage = readStages(doc).find((item) => item.id === 'won');
		expect(handoffLagDays(card, stage, cardHandoff(doc, id), ops.now)).toBe(2);
	});

	it('counts the lag again in Won', () => {
		const { doc, id } = wonCard();
		handOff(doc, id, { stageId: 'onboarding', facts }, context);
		returnHandoff(doc, id, 'No contract', ops);
		const card = readCards(doc).find((item) => item.id === id)!;
		const stage = readStages(doc).find((item) => item.id === 'won');
		expect(handoffLagDays(card, stage, cardHandoff(doc, id), ops.now)).toBe(2);
	});
});

describe('concurrent accept and return', () => {
	for (const [acceptClient, returnClient] of [
		[1, 2],
		[2, 1]
	]) {
		it(`converges with accepting client ${acceptClient}`, () => {
			const { doc: origin, id } = wonCard();
			handOff(origin, id, { stageId: 'onboarding', facts }, context);
			const a = new Y.Doc();
			const b = new Y.Doc();
			a.clientID = acceptClient;
			b.clientID = returnClient;
			Y.applyUpdate(a, Y.encodeStateAsUpdate(origin));
			Y.applyUpdate(b, Y.encodeStateAsUpdate(origin));
			acceptHandoff(a, id, ops);
			returnHandoff(b, id, 'Scope unclear', ops);
			sync(a, b);
			expect(Y.encodeStateVector(a)).toEqual(Y.encodeStateVector(b));
			expect(readCards(a)).toEqual(readCards(b));
			expect(cardHandoff(a, id)).toEqual(cardHandoff(b, id));
			const status = cardHandoff(a, id).status;
			// Status and stage agree: accepted stays in Onboarding, returned is back in Won.
			expect(stageOf(a, id)).toBe(status === 'accepted' ? 'onboarding' : 'won');
			expect(status).toBe(acceptClient > returnClient ? 'accepted' : 'returned');
			expect(boardRoots(a).events.length).toBe(boardRoots(b).events.length);
		});
	}
});
