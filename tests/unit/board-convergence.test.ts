/**
 * Concurrent edits on several replicas of one board, exchanged in random order, must converge:
 * every replica ends with the same state, and every card sits in exactly one stage.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	DEFAULT_STAGES,
	cardsInStage,
	createCard,
	moveCard,
	readCards,
	seedBoard
} from '../../src/lib/board';

const STAGE_IDS = DEFAULT_STAGES.map((stage) => stage.id);
const REPLICAS = 3;
const CARDS = 6;

/** Returns replicas that share one seeded board with `CARDS` cards in Lead. */
function replicas(): Y.Doc[] {
	const origin = new Y.Doc();
	seedBoard(origin, { name: 'Convergence' }, { by: 'system' });
	for (let index = 0; index < CARDS; index++) {
		createCard(
			origin,
			{ id: `card-${index}`, title: `Card ${index}`, stageId: 'lead' },
			{ by: 'system' }
		);
	}
	const state = Y.encodeStateAsUpdate(origin);
	return Array.from({ length: REPLICAS }, (_, index) => {
		const doc = new Y.Doc();
		doc.clientID = index + 1;
		Y.applyUpdate(doc, state);
		return doc;
	});
}

/** Records each replica's updates so that they can be delivered later, in any order. */
function recordUpdates(docs: Y.Doc[]): Uint8Array[][] {
	return docs.map((doc) => {
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		return updates;
	});
}

/** Delivers every recorded update to every other replica, in the order the permutation gives. */
function exchange(docs: Y.Doc[], updates: Uint8Array[][], order: number[]): void {
	const all = updates.flatMap((list, from) => list.map((update) => ({ from, update })));
	for (const index of order) {
		const { from, update } = all[index % all.length];
		docs.forEach((doc, to) => to !== from && Y.applyUpdate(doc, update));
	}
	// Whatever the random order skipped arrives now, so every replica has every update.
	for (const { from, update } of all) {
		docs.forEach((doc, to) => to !== from && Y.applyUpdate(doc, update));
	}
}

function columns(doc: Y.Doc): string[][] {
	return STAGE_IDS.map((stageId) => cardsInStage(doc, stageId).map((card) => card.id));
}

const moveArbitrary = fc.record({
	replica: fc.nat(REPLICAS - 1),
	card: fc.nat(CARDS - 1),
	stage: fc.constantFrom(...STAGE_IDS),
	after: fc.option(fc.nat(CARDS - 1), { nil: undefined })
});

describe('concurrent moves', () => {
	it('converge with every card in one stage', () => {
		fc.assert(
			fc.property(
				fc.array(moveArbitrary, { minLength: 1, maxLength: 30 }),
				fc.array(fc.nat(200), { maxLength: 60 }),
				(moves, order) => {
					const docs = replicas();
					const updates = recordUpdates(docs);
					for (const move of moves) {
						const afterCardId = move.after === undefined ? undefined : `card-${move.after}`;
						moveCard(
							docs[move.replica],
							`card-${move.card}`,
							{
								stageId: move.stage,
								afterCardId: afterCardId === `card-${move.card}` ? undefined : afterCardId
							},
							{ by: `member-${move.replica}` }
						);
					}
					exchange(docs, updates, order);

					const expected = columns(docs[0]);
					for (const doc of docs.slice(1)) expect(columns(doc)).toEqual(expected);
					const placed = expected.flat().sort();
					expect(placed).toEqual(
						Array.from({ length: CARDS }, (_, index) => `card-${index}`).sort()
					);
					for (const doc of docs) expect(readCards(doc)).toHaveLength(CARDS);
				}
			),
			{ numRuns: 150 }
		);
	});
});

describe('concurrent inserts', () => {
	it('give one column order everywhere', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({ replica: fc.nat(REPLICAS - 1), after: fc.option(fc.nat(CARDS - 1)) }),
					{ minLength: 2, maxLength: 20 }
				),
				fc.array(fc.nat(200), { maxLength: 40 }),
				(inserts, order) => {
					const docs = replicas();
					const updates = recordUpdates(docs);
					inserts.forEach((insert, index) => {
						const id = createCard(
							docs[insert.replica],
							{ id: `new-${index}`, title: `New ${index}`, stageId: 'lead' },
							{ by: `member-${insert.replica}` }
						);
						if (insert.after !== null) {
							moveCard(
								docs[insert.replica],
								id,
								{ stageId: 'lead', afterCardId: `card-${insert.after}` },
								{ by: `member-${insert.replica}` }
							);
						}
					});
					exchange(docs, updates, order);

					const expected = cardsInStage(docs[0], 'lead').map((card) => card.id);
					expect(expected).toHaveLength(CARDS + inserts.length);
					expect(new Set(expected).size).toBe(expected.length);
					for (const doc of docs.slice(1)) {
						expect(cardsInStage(doc, 'lead').map((card) => card.id)).toEqual(expected);
					}
				}
			),
			{ numRuns: 150 }
		);
	});
});
