import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	boardRoots,
	cardsInStage,
	createCard,
	DEFAULT_STAGES,
	moveCard,
	readCards,
	readStages,
	updateCard
} from '../../src/lib/board';
import { startServer, type TestServer } from '../helpers/server';
import { connectClient, docJson, sameState, waitUntil, type BoardClient } from './support';

const REPLICAS = 3;
const STAGE_IDS = DEFAULT_STAGES.map((stage) => stage.id);

type Command =
	| { type: 'create'; replica: number; stage: number }
	| { type: 'move'; replica: number; card: number; stage: number }
	| { type: 'update'; replica: number; card: number; value: number }
	/** Lets the event loop run, so some updates reach other replicas before the next edit. */
	| { type: 'deliver' };

const replica = fc.nat(REPLICAS - 1);
const stage = fc.nat(STAGE_IDS.length - 1);
const command: fc.Arbitrary<Command> = fc.oneof(
	fc.record({ type: fc.constant('create' as const), replica, stage }),
	fc.record({ type: fc.constant('move' as const), replica, card: fc.nat(50), stage }),
	fc.record({
		type: fc.constant('update' as const),
		replica,
		card: fc.nat(50),
		value: fc.nat(100_000)
	}),
	fc.constant({ type: 'deliver' as const })
);

let server: TestServer;
let run = 0;

beforeAll(async () => {
	server = await startServer({ env: { STORAGE: 'memory' } });
});

afterAll(async () => {
	await server.dispose();
});

async function apply(clients: BoardClient[], step: Command): Promise<void> {
	if (step.type === 'deliver') {
		await new Promise((resolve) => setImmediate(resolve));
		return;
	}
	const doc = clients[step.replica].doc;
	const context = { by: `replica-${step.replica}` };
	if (step.type === 'create') {
		createCard(doc, { title: `Card ${Math.random()}`, stageId: STAGE_IDS[step.stage] }, context);
		return;
	}
	// Each replica edits only the cards it has seen so far.
	const ids = [...boardRoots(doc).cards.keys()].sort();
	if (ids.length === 0) return;
	const cardId = ids[step.card % ids.length];
	if (step.type === 'move') moveCard(doc, cardId, { stageId: STAGE_IDS[step.stage] }, context);
	else updateCard(doc, cardId, { value: step.value }, context);
}

describe('convergence through the server', () => {
	it('random concurrent edits converge with each card in one stage', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40 }), async (commands) => {
				const boardId = `property-${run++}`;
				const clients: BoardClient[] = [];
				try {
					for (let index = 0; index < REPLICAS; index++) {
						clients.push(await connectClient(server.wsUrl, boardId));
					}
					await waitUntil(
						() =>
							clients.every((client) => boardRoots(client.doc).stages.size === STAGE_IDS.length),
						'every replica has the seeded stages'
					);
					for (const step of commands) await apply(clients, step);
					await waitUntil(
						() => clients.every((client) => sameState(client.doc, clients[0].doc)),
						'every replica has every update'
					);

					const expected = docJson(clients[0].doc);
					for (const client of clients.slice(1)) expect(docJson(client.doc)).toEqual(expected);

					const doc = clients[0].doc;
					const stageIds = new Set(readStages(doc).map((entry) => entry.id));
					const cards = readCards(doc);
					const placed = STAGE_IDS.flatMap((id) => cardsInStage(doc, id).map((card) => card.id));
					expect(new Set(placed).size).toBe(placed.length);
					expect(placed.length).toBe(cards.length);
					for (const card of cards) expect(stageIds.has(card.position.stageId)).toBe(true);
				} finally {
					for (const client of clients) client.destroy();
				}
			}),
			{ numRuns: 25 }
		);
	});
});
