/** The stand-up agenda: the speaking order of people, their cards and their changes. */
import {
	compareByRank,
	compareStages,
	type BoardSnapshot,
	type Card,
	type Stage
} from '$lib/board';
import { changesSince, type BoardChange } from '$lib/kpi';
import type { StandupRecord } from './record';

export const DAY_MS = 86_400_000;

/**
 * Returns the time in milliseconds that "changed since" starts from: the latest end of a recorded
 * stand-up, or 24 hours before `now` when the board has none.
 */
export function standupSince(standups: readonly StandupRecord[], now: number): number {
	let latest: number | null = null;
	for (const standup of standups) {
		const ended = Date.parse(standup.endedAt);
		if (Number.isNaN(ended)) continue;
		if (latest === null || ended > latest) latest = ended;
	}
	return latest ?? now - DAY_MS;
}

export interface StandupPerson {
	/** Member id, as cards store it in `salesOwner` and `opsOwner`. */
	id: string;
	/** The member's name, or the id when the board has no member with that id. */
	name: string;
	/** `sales` for sales members, `ops` for operations members; others by the lane they own in. */
	group: 'sales' | 'ops';
}

/**
 * Lists the people who own unarchived cards (as sales or ops owner): sales people first, then
 * ops, each by name. A manager, or an owner without a member entry, counts as sales when they own
 * a card as sales owner, and as ops otherwise.
 */
export function standupPeople(snapshot: Pick<BoardSnapshot, 'cards' | 'members'>): StandupPerson[] {
	const salesOwners = new Set<string>();
	const opsOwners = new Set<string>();
	for (const card of snapshot.cards) {
		if (card.archived) continue;
		if (card.salesOwner) salesOwners.add(card.salesOwner);
		if (card.opsOwner) opsOwners.add(card.opsOwner);
	}
	const members = new Map(snapshot.members.map((member) => [member.id, member]));
	const people: StandupPerson[] = [];
	for (const id of new Set([...salesOwners, ...opsOwners])) {
		const member = members.get(id);
		let group: StandupPerson['group'] = salesOwners.has(id) ? 'sales' : 'ops';
		if (member?.role === 'sales' || member?.role === 'ops') group = member.role;
		people.push({ id, name: member?.name || id, group });
	}
	return people.sort((a, b) => {
		if (a.group !== b.group) return a.group === 'sales' ? -1 : 1;
		const byName = a.name.localeCompare(b.name);
		if (byName !== 0) return byName;
		if (a.id === b.id) return 0;
		return a.id < b.id ? -1 : 1;
	});
}

/** Returns the unarchived cards this person owns as sales or ops owner. */
export function personCards(cards: readonly Card[], personId: string): Card[] {
	return cards.filter(
		(card) => !card.archived && (card.salesOwner === personId || card.opsOwner === personId)
	);
}

export interface StageGroup {
	stage: Stage;
	cards: Card[];
}

/**
 * Groups cards by stage, in board order (sales lane first, then by rank), each in rank order.
 * Stages without cards are left out; cards in an unknown stage are left out too.
 */
export function groupByStage(cards: readonly Card[], stages: readonly Stage[]): StageGroup[] {
	const groups: StageGroup[] = [];
	for (const stage of [...stages].sort(compareStages)) {
		const inStage = cards.filter((card) => card.position.stageId === stage.id);
		if (inStage.length > 0) groups.push({ stage, cards: inStage.sort(compareByRank) });
	}
	return groups;
}

/**
 * Lists the moves, wins, losses and handoffs since `since` (inclusive) until `until` (exclusive)
 * of this person's cards, plus those the person made on any card, newest first.
 */
export function personChanges(
	snapshot: Pick<BoardSnapshot, 'cards' | 'events' | 'stages'>,
	personId: string,
	since: number,
	until = Infinity
): BoardChange[] {
	const own = new Set(personCards(snapshot.cards, personId).map((card) => card.id));
	return changesSince(snapshot, since, until).filter(
		(change) => own.has(change.cardId) || change.by === personId
	);
}
