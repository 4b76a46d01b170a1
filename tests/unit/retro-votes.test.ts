/**
 * Concurrent dot votes on several replicas, exchanged in random order, must merge to the same
 * counts everywhere, with each person within the limit and no vote counted twice.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { seedBoard } from '../../src/lib/board';
import {
	addItem,
	addVote,
	createRetro,
	parseVoteKey,
	readRetro,
	removeVote,
	RetroError,
	tallyVotes,
	voteKey
} from '../../src/lib/retro';

const RETRO = 'retro';
const REPLICAS = 3;
const ITEMS = 5;
const MEMBERS = ['ann', 'bob'];
const LIMIT = 3;

function replicas(): { docs: Y.Doc[]; itemIds: string[] } {
	const origin = new Y.Doc();
	seedBoard(origin, { name: 'Votes' }, { by: 'system' });
	createRetro(
		origin,
		{ id: RETRO, title: 'Votes', from: '2024-06-01', to: '2024-06-30', voteLimit: LIMIT },
		{ by: 'system' }
	);
	const itemIds = Array.from({ length: ITEMS }, (_, index) =>
		addItem(origin, RETRO, { columnId: 'ideas', text: `Item ${index}` }, { by: 'system' })
	);
	const state = Y.encodeStateAsUpdate(origin);
	const docs = Array.from({ length: REPLICAS }, (_, index) => {
		const doc = new Y.Doc();
		doc.clientID = index + 1;
		Y.applyUpdate(doc, state);
		return doc;
	});
	return { docs, itemIds };
}

type Step =
	| { kind: 'vote' | 'unvote'; replica: number; member: number; item: number; second: number }
	| { kind: 'sync'; from: number; to: number };

const step: fc.Arbitrary<Step> = fc.oneof(
	fc.record({
		kind: fc.constantFrom('vote' as const, 'unvote' as const),
		replica: fc.nat(REPLICAS - 1),
		member: fc.nat(MEMBERS.length - 1),
		item: fc.nat(ITEMS - 1),
		second: fc.nat(59)
	}),
	fc.record({
		kind: fc.constant('sync' as const),
		from: fc.nat(REPLICAS - 1),
		to: fc.nat(REPLICAS - 1)
	})
);

function run(docs: Y.Doc[], itemIds: string[], current: Step): void {
	if (current.kind === 'sync') {
		const target = docs[current.to];
		Y.applyUpdate(target, Y.encodeStateAsUpdate(docs[current.from], Y.encodeStateVector(target)));
		return;
	}
	const doc = docs[current.replica];
	const context = {
		by: MEMBERS[current.member],
		now: new Date(Date.UTC(2024, 6, 1, 9, 0, current.second))
	};
	const itemId = itemIds[current.item];
	if (current.kind === 'unvote') {
		removeVote(doc, RETRO, itemId, context);
		return;
	}
	try {
		addVote(doc, RETRO, itemId, context);
	} catch (error) {
		// A replica rejects a vote over the limit or a repeated vote; any other error is a bug.
		if (!(error instanceof RetroError)) throw error;
	}
}

function syncAll(docs: Y.Doc[]): void {
	for (const from of docs) {
		for (const to of docs) {
			if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
		}
	}
}

describe('retro votes merge', () => {
	it('stays within the limit', () => {
		fc.assert(
			fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
				const { docs, itemIds } = replicas();
				for (const current of steps) run(docs, itemIds, current);
				syncAll(docs);
				const views = docs.map((doc) => readRetro(doc, RETRO)!);
				for (const view of views.slice(1)) {
					expect(view.votes.byItem).toEqual(views[0].votes.byItem);
					expect(view.votes.byMember).toEqual(views[0].votes.byMember);
				}
				const { byItem, byMember } = views[0].votes;
				for (const [, counted] of byMember) expect(counted.size).toBeLessThanOrEqual(LIMIT);
				const total = [...byItem.values()].reduce((sum, count) => sum + count, 0);
				const perMember = [...byMember.values()].reduce((sum, set) => sum + set.size, 0);
				expect(total).toBe(perMember);
				for (const [itemId, count] of byItem) {
					expect(count).toBeLessThanOrEqual(MEMBERS.length);
					expect(itemIds).toContain(itemId);
				}
			}),
			{ numRuns: 200 }
		);
	});
});

describe('tallyVotes', () => {
	it('counts earliest votes first', () => {
		const items = new Set(['a', 'b', 'c']);
		const tally = tallyVotes(
			[
				[voteKey('ann', 'c'), '2024-07-01T09:00:03Z'],
				[voteKey('ann', 'a'), '2024-07-01T09:00:01Z'],
				[voteKey('ann', 'b'), '2024-07-01T09:00:02Z'],
				[voteKey('bob', 'gone'), '2024-07-01T09:00:00Z']
			],
			items,
			2
		);
		expect(tally.byItem).toEqual(
			new Map([
				['a', 1],
				['b', 1]
			])
		);
		expect(tally.excess).toEqual([voteKey('ann', 'c')]);
		expect(tally.byMember.has('bob')).toBe(false);
	});

	it('parses member ids with colons', () => {
		expect(parseVoteKey('team:ann:item1')).toEqual({ memberId: 'team:ann', itemId: 'item1' });
		expect(parseVoteKey('broken')).toBeNull();
	});
});
