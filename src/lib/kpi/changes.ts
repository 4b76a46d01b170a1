/** The stage changes of cards in a span of time: moves, wins, losses and handoffs to ops. */
import type { BoardSnapshot } from '../board/board';
import { indexStages } from './stages';
import { parseTime } from './time';

export type ChangeKind = 'moved' | 'won' | 'lost' | 'handoff';

export interface BoardChange {
	eventId: string;
	cardId: string;
	/** The card's title, or its id when the card has been deleted since. */
	title: string;
	kind: ChangeKind;
	from: string | null;
	to: string;
	/** Member id of the person who made the change. */
	by: string;
	/** Time of the change in milliseconds. */
	at: number;
}

/**
 * Lists the moves and handoffs made from `since` (inclusive) to `until` (exclusive), newest
 * first. A move from a sales stage into ops, or a handoff event, is a handoff. Otherwise a move
 * into a won stage is a win and into a lost stage a loss.
 */
export function changesSince(
	snapshot: Pick<BoardSnapshot, 'cards' | 'events' | 'stages'>,
	since: number,
	until = Infinity
): BoardChange[] {
	const stages = indexStages(snapshot.stages);
	const titles = new Map(snapshot.cards.map((card) => [card.id, card.title]));
	const changes: BoardChange[] = [];
	for (const event of snapshot.events) {
		if (event.type !== 'move' && event.type !== 'handoff') continue;
		if (typeof event.to !== 'string') continue;
		const at = parseTime(event.at);
		if (at === null || at < since || at >= until) continue;
		const to = stages.get(event.to);
		const from = stages.get(event.from);
		let kind: ChangeKind = 'moved';
		if (event.type === 'handoff' || (to?.lane === 'ops' && from?.lane !== 'ops')) kind = 'handoff';
		else if (to?.kind === 'won') kind = 'won';
		else if (to?.kind === 'lost') kind = 'lost';
		changes.push({
			eventId: event.id,
			cardId: event.cardId,
			title: titles.get(event.cardId) ?? event.cardId,
			kind,
			from: event.from ?? null,
			to: event.to,
			by: event.by,
			at
		});
	}
	return changes.sort((a, b) => b.at - a.at);
}
