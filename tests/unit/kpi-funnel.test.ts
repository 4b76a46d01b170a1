import { describe, expect, it } from 'vitest';
import { deriveKpis } from '../../src/lib/kpi';
import { addCard, day, emptyBoard, move, snapshot } from './kpi-fixtures';

const NOW = day(100);

describe('funnel', () => {
	it('counts cards per step reached', () => {
		const doc = emptyBoard();
		addCard(doc, 'lead-only', 0);
		addCard(doc, 'to-proposal', 0);
		move(doc, 'to-proposal', 'qualified', 1);
		move(doc, 'to-proposal', 'proposal', 2);
		// Moving back keeps the furthest step reached.
		move(doc, 'to-proposal', 'lead', 3);
		addCard(doc, 'lost-late', 0);
		move(doc, 'lost-late', 'negotiation', 4);
		move(doc, 'lost-late', 'lost', 5);
		addCard(doc, 'handed-over', 0);
		move(doc, 'handed-over', 'onboarding', 6);
		addCard(doc, 'created-lost', 0, { stageId: 'lost' });
		const { funnel } = deriveKpis(snapshot(doc), { now: NOW });
		expect(funnel).toEqual([
			{ stageId: 'lead', count: 4 },
			{ stageId: 'qualified', count: 3 },
			{ stageId: 'proposal', count: 3 },
			{ stageId: 'negotiation', count: 2 },
			{ stageId: 'won', count: 1 }
		]);
	});

	it('lists no steps for the ops lane', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'active' });
		expect(deriveKpis(snapshot(doc), { now: NOW, lane: 'ops' }).funnel).toEqual([]);
	});

	it('leaves archived cards out', () => {
		const doc = emptyBoard();
		addCard(doc, 'a', 0, { stageId: 'proposal' });
		addCard(doc, 'b', 0, { stageId: 'proposal' });
		const cards = doc.getMap<import('yjs').Map<unknown>>('cards');
		cards.get('b')?.set('archived', true);
		expect(deriveKpis(snapshot(doc), { now: NOW }).funnel[2]).toEqual({
			stageId: 'proposal',
			count: 1
		});
	});
});
