/** Casting and withdrawing dot votes; `votes.ts` explains the keys and how they are counted. */
import type * as Y from 'yjs';
import { isoTime, type ChangeContext } from '../board/doc';
import { nested, requireItem, requireRetro } from './access';
import { readRetro } from './read';
import { RETRO_KEYS, RetroError } from './schema';
import { voteKey } from './votes';

/** Votes for an item; throws when the person has voted for it already or has no vote left. */
export function addVote(doc: Y.Doc, retroId: string, itemId: string, context: ChangeContext): void {
	const retro = requireRetro(doc, retroId);
	requireItem(retro, itemId);
	const votes = nested<string>(retro, RETRO_KEYS.votes);
	const key = voteKey(context.by, itemId);
	if (votes.has(key)) {
		throw new RetroError(
			'You have voted for this item already: click it again to withdraw.',
			'itemId'
		);
	}
	const view = readRetro(doc, retroId);
	const used = view?.votes.byMember.get(context.by)?.size ?? 0;
	const limit = view?.voteLimit ?? 0;
	if (used >= limit) {
		throw new RetroError(
			`You have used all ${limit} of your votes: withdraw one to vote for another item.`,
			'itemId'
		);
	}
	doc.transact(() => votes.set(key, isoTime(context)), context.origin);
}

/** Withdraws the person's vote for an item; does nothing when there is none. */
export function removeVote(
	doc: Y.Doc,
	retroId: string,
	itemId: string,
	context: ChangeContext
): void {
	const votes = nested<string>(requireRetro(doc, retroId), RETRO_KEYS.votes);
	const key = voteKey(context.by, itemId);
	if (!votes.has(key)) return;
	doc.transact(() => votes.delete(key), context.origin);
}
