import fc from 'fast-check';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
	archiveCard,
	boardRoots,
	createCard,
	deleteCard,
	moveCard,
	readBoard,
	updateCard,
	DEFAULT_STAGES
} from '../../src/lib/board';
import { deriveKpis, IncrementalKpis, KpiOptionError, type Kpis } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move } from './kpi-fixtures';

const NOW = day(400);
const CARD_IDS = ['a', 'b', 'c', 'd', 'e'];
const STAGE_IDS = DEFAULT_STAGES.map((stage) => stage.id);

/**
 * Compares KPIs with numbers rounded to 9 significant digits and those below 1e-6 taken as 0,
 * because running sums of fractional values differ from a fresh sum in the last bits.
 */
function expectSameKpis(actual: Kpis, expected: Kpis): void {
	expect(round(actual)).toEqual(round(expected));
}

function round(value: unknown): unknown {
	if (typeof value === 'number') {
		if (Math.abs(value) < 1e-6) return 0;
		return Number.isFinite(value) ? Number(value.toPrecision(9)) : value;
	}
	if (Array.isArray(value)) return value.map(round);
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, round(inner)]));
	}
	return value;
}

type Step =
	| { op: 'create'; card: string; stage: string; value: number; onDay: number; due: number | null }
	| { op: 'move'; card: string; stage: string; onDay: number }
	| { op: 'update'; card: string; value: number; satisfaction: number | null }
	| { op: 'archive'; card: string; archived: boolean }
	| { op: 'delete'; card: string }
	| { op: 'stage'; stage: string; probability: number; wipLimit: number; kind: string };

const card = fc.constantFrom(...CARD_IDS);
const stage = fc.constantFrom(...STAGE_IDS);
const onDay = fc.integer({ min: 0, max: 60 });
const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({
		op: fc.constant('create' as const),
		card,
		stage,
		value: fc.integer({ min: 0, max: 5000 }),
		onDay,
		due: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null })
	}),
	fc.record({ op: fc.constant('move' as const), card, stage, onDay }),
	fc.record({
		op: fc.constant('update' as const),
		card,
		value: fc.integer({ min: 0, max: 500_000 }).map((cents) => cents / 100),
		satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null })
	}),
	fc.record({ op: fc.constant('archive' as const), card, archived: fc.boolean() }),
	fc.record({ op: fc.constant('delete' as const), card }),
	fc.record({
		op: fc.constant('stage' as const),
		stage,
		probability: fc.double({ min: 0, max: 1, noNaN: true }),
		wipLimit: fc.integer({ min: 1, max: 3 }),
		kind: fc.constantFrom('open', 'won', 'lost', 'active', 'churned')
	})
);

/** Applies a step to the board. Steps on missing cards, and creating an existing card, do nothing. */
function apply(doc: Y.Doc, s: Step): void {
	const exists = 'card' in s && boardRoots(doc).cards.has(s.card);
	const context = { by: 'alice', now: day('onDay' in s ? s.onDay : 30) };
	switch (s.op) {
		case 'create':
			if (exists) return;
			createCard(
				doc,
				{
					id: s.card,
					title: s.card,
					stageId: s.stage,
					value: s.value,
					dueAt: s.due === null ? null : day(s.due).toISOString()
				},
				context
			);
			return;
		case 'move':
			if (exists) moveCard(doc, s.card, { stageId: s.stage }, context);
			return;
		case 'update':
			if (exists)
				updateCard(doc, s.card, { value: s.value, satisfaction: s.satisfaction }, context);
			return;
		case 'archive':
			if (exists) archiveCard(doc, s.card, s.archived, context);
			return;
		case 'delete':
			if (exists) deleteCard(doc, s.card, context);
			return;
		case 'stage': {
			const map = boardRoots(doc).stages.get(s.stage);
			doc.transact(() => {
				map?.set('probability', s.probability);
				map?.set('wipLimit', s.wipLimit);
				map?.set('kind', s.kind);
			});
			return;
		}
	}
}

describe('IncrementalKpis', () => {
	it('matches deriveKpis after every step', () => {
		fc.assert(
			fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
				const doc = emptyBoard();
				const live = new IncrementalKpis(doc);
				for (const s of steps) {
					apply(doc, s);
					expectSameKpis(live.kpis(NOW), deriveKpis(readBoard(doc), { now: NOW }));
				}
				live.destroy();
			}),
			{ numRuns: 150 }
		);
	});

	it('matches deriveKpis after batched steps', () => {
		fc.assert(
			fc.property(fc.array(fc.array(step, { maxLength: 6 }), { maxLength: 8 }), (batches) => {
				const doc = emptyBoard();
				const live = new IncrementalKpis(doc);
				for (const batch of batches) {
					for (const s of batch) apply(doc, s);
					expectSameKpis(live.kpis(NOW), deriveKpis(readBoard(doc), { now: NOW }));
				}
			}),
			{ numRuns: 100 }
		);
	});

	it('matches deriveKpis across synced replicas', () => {
		fc.assert(
			fc.property(
				fc.array(fc.tuple(fc.boolean(), step), { maxLength: 30 }),
				fc.integer({ min: 1, max: 5 }),
				(steps, syncEvery) => {
					const left = emptyBoard();
					const right = new Y.Doc();
					Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
					const live = new IncrementalKpis(left);
					steps.forEach(([onRight, s], index) => {
						apply(onRight ? right : left, s);
						if (index % syncEvery === 0) {
							Y.applyUpdate(left, Y.encodeStateAsUpdate(right, Y.encodeStateVector(left)));
							Y.applyUpdate(right, Y.encodeStateAsUpdate(left, Y.encodeStateVector(right)));
						}
						expectSameKpis(live.kpis(NOW), deriveKpis(readBoard(left), { now: NOW }));
					});
				}
			),
			{ numRuns: 100 }
		);
	});

	it('reads events appended out of time order', () => {
		const doc = emptyBoard();
		const live = new IncrementalKpis(doc);
		addCard(doc, 'a', 0);
		live.kpis(NOW);
		move(doc, 'a', 'proposal', 20);
		move(doc, 'a', 'qualified', 10);
		const kpis = live.kpis(NOW);
		expect(kpis.timeInStageDays.lead).toBe(10);
		expect(kpis.timeInStageDays.qualified).toBe(10);
		expect(kpis).toEqual(deriveKpis(readBoard(doc), { now: NOW }));
	});

	it('stops following the board after destroy', () => {
		const doc = emptyBoard();
		const live = new IncrementalKpis(doc);
		addCard(doc, 'a', 0, { value: 100 });
		expect(live.kpis(NOW).openPipelineValue).toBe(100);
		live.destroy();
		updateCard(doc, 'a', { value: 900 }, { by: 'alice', now: day(1) });
		expect(live.kpis(NOW).openPipelineValue).toBe(100);
	});

	it('tracks the first event time', () => {
		const doc = emptyBoard();
		const live = new IncrementalKpis(doc);
		live.kpis(NOW);
		expect(live.firstEventTime).toBeNull();
		addCard(doc, 'a', 10);
		live.kpis(NOW);
		expect(live.firstEventTime).toBe(day(10).getTime());
		move(doc, 'a', 'qualified', 4);
		live.kpis(NOW);
		expect(live.firstEventTime).toBe(day(4).getTime());
	});

	it('rejects an invalid now', () => {
		const live = new IncrementalKpis(emptyBoard());
		expect(() => live.kpis(new Date('nope'))).toThrow(KpiOptionError);
	});
});
