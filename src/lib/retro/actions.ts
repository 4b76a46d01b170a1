/** Action items of a retrospective and the board cards made from them. */
import type * as Y from 'yjs';
import { boardRoots, isoTime, newId, type ChangeContext } from '../board/doc';
import { createCard } from '../board/operations';
import { nested, requireDate, requireRetro, requireText } from './access';
import {
	ACTION_STAGES,
	RETRO_KEYS,
	RetroError,
	type ActionStage,
	type RetroAction
} from './schema';

/** Action texts become card titles, so they share the card title's limit. */
export const MAX_ACTION_TEXT_LENGTH = 200;

export interface NewAction {
	text: string;
	ownerId?: string | null;
	/** `YYYY-MM-DD` */
	dueAt?: string | null;
}

export function addAction(
	doc: Y.Doc,
	retroId: string,
	input: NewAction,
	context: ChangeContext
): string {
	const retro = requireRetro(doc, retroId);
	const text = requireText(input.text, 'text', 'An action', MAX_ACTION_TEXT_LENGTH);
	const dueAt = input.dueAt ? requireDate(input.dueAt, 'dueAt') : null;
	const ownerId = input.ownerId ? input.ownerId : null;
	const id = newId();
	const action: RetroAction = {
		id,
		text,
		ownerId,
		dueAt,
		cardId: null,
		createdAt: isoTime(context)
	};
	doc.transact(
		() => nested<RetroAction>(retro, RETRO_KEYS.actions).set(id, action),
		context.origin
	);
	return id;
}

function requireAction(retro: Y.Map<unknown>, actionId: string): RetroAction {
	const action = nested<RetroAction>(retro, RETRO_KEYS.actions).get(actionId);
	if (!action) {
		throw new RetroError(
			`Action ${JSON.stringify(actionId)} does not exist: it may have been removed.`,
			'actionId'
		);
	}
	return action;
}

export function removeAction(
	doc: Y.Doc,
	retroId: string,
	actionId: string,
	context: ChangeContext
): void {
	const retro = requireRetro(doc, retroId);
	requireAction(retro, actionId);
	doc.transact(() => nested(retro, RETRO_KEYS.actions).delete(actionId), context.origin);
}

/**
 * Creates the board card of an action in Lead or Onboarding and returns the card id. The action's
 * owner becomes the sales or ops owner and its due date the card's. The card, its `create` event
 * and the action's link to it are written in one transaction.
 *
 * NOTE: two people converting one action at the same moment each create a card; the link keeps
 * the card whose write wins, and the other card stays on the board.
 */
export function createActionCard(
	doc: Y.Doc,
	retroId: string,
	actionId: string,
	stageId: ActionStage,
	context: ChangeContext
): string {
	const retro = requireRetro(doc, retroId);
	const action = requireAction(retro, actionId);
	if (!(ACTION_STAGES as readonly string[]).includes(stageId)) {
		throw new RetroError(
			`An action's card starts in ${ACTION_STAGES.join(' or ')}, not ${JSON.stringify(stageId)}.`,
			'stageId'
		);
	}
	if (action.cardId !== null && boardRoots(doc).cards.has(action.cardId)) {
		throw new RetroError('This action has a card already: open it from the link.', 'actionId');
	}
	const owner = stageId === 'lead' ? 'salesOwner' : 'opsOwner';
	let cardId = '';
	doc.transact(() => {
		cardId = createCard(
			doc,
			{ title: action.text, stageId, [owner]: action.ownerId, dueAt: action.dueAt },
			context
		);
		nested<RetroAction>(retro, RETRO_KEYS.actions).set(actionId, { ...action, cardId });
	}, context.origin);
	return cardId;
}
