/** State shared by the parts of a retrospective page: the document, the person, the board's cards. */
import type * as Y from 'yjs';
import type { Card } from '$lib/board';
import type { RetroItem, RetroView } from '$lib/retro';
import { voteKey } from '$lib/retro';

export interface RetroEnv {
	doc: Y.Doc;
	boardId: string;
	retroId: string;
	/** Member id of the person using this browser. */
	me: string;
	view: RetroView;
	cards: readonly Card[];
	/** Member id → display name, for the members the board has. */
	names: ReadonlyMap<string, string>;
	/** Items this browser wrote in an anonymous retrospective. */
	ownItems: ReadonlySet<string>;
	/** Shows a message about the last action; null clears it. */
	report: (message: string | null) => void;
	/** Records that this browser wrote an item, for editing in an anonymous retrospective. */
	remember: (itemId: string) => void;
}

export function isOwnItem(env: RetroEnv, item: RetroItem): boolean {
	if (item.by !== undefined) return item.by === env.me;
	return env.view.anonymous && env.ownItems.has(item.id);
}

/** True when the person has a vote key for the item, counted or over the limit. */
export function hasVoted(env: RetroEnv, itemId: string): boolean {
	if (env.view.votes.byMember.get(env.me)?.has(itemId)) return true;
	return env.view.votes.excess.includes(voteKey(env.me, itemId));
}

export function votesLeft(env: RetroEnv): number {
	const used = env.view.votes.byMember.get(env.me)?.size ?? 0;
	return Math.max(0, env.view.voteLimit - used);
}
