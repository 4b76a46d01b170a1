/** Changes to a retrospective's items: adding, editing, linking to a card and grouping. */
import * as Y from 'yjs';
import { boardRoots, isoTime, newId, type ChangeContext } from '../board/doc';
import { nested, requireItem, requireRetro, requireText } from './access';
import { MAX_ITEM_TEXT_LENGTH, RETRO_KEYS, RetroError, type RetroColumn } from './schema';

function requireColumnId(retro: Y.Map<unknown>, columnId: string): void {
	if (!nested<RetroColumn>(retro, RETRO_KEYS.columns).has(columnId)) {
		throw new RetroError(
			`Column ${JSON.stringify(columnId)} does not exist: it may have been removed.`,
			'columnId'
		);
	}
}

/**
 * Throws unless `context.by` wrote the item. Items of an anonymous retrospective keep no author,
 * so anyone may change them here; the interface offers editing only in the tab that wrote them.
 */
function requireAuthor(item: Y.Map<unknown>, context: ChangeContext): void {
	const by = item.get('by');
	if (typeof by === 'string' && by !== context.by) {
		throw new RetroError('Only the author of an item can change it.', 'by');
	}
}

/** Adds an item to a column; returns its id. The author is kept unless the session is anonymous. */
export function addItem(
	doc: Y.Doc,
	retroId: string,
	input: { columnId: string; text: string; cardId?: string },
	context: ChangeContext
): string {
	const retro = requireRetro(doc, retroId);
	requireColumnId(retro, input.columnId);
	const text = requireText(input.text, 'text', 'An item', MAX_ITEM_TEXT_LENGTH);
	if (input.cardId !== undefined) requireCard(doc, input.cardId);
	const id = newId();
	doc.transact(() => {
		const item = new Y.Map<unknown>();
		item.set('id', id);
		item.set('columnId', input.columnId);
		item.set('text', text);
		if (retro.get(RETRO_KEYS.anonymous) !== true) item.set('by', context.by);
		if (input.cardId !== undefined) item.set('cardId', input.cardId);
		item.set('createdAt', isoTime(context));
		nested<Y.Map<unknown>>(retro, RETRO_KEYS.items).set(id, item);
	}, context.origin);
	return id;
}

export function editItem(
	doc: Y.Doc,
	retroId: string,
	itemId: string,
	text: string,
	context: ChangeContext
): void {
	const item = requireItem(requireRetro(doc, retroId), itemId);
	requireAuthor(item, context);
	const checked = requireText(text, 'text', 'An item', MAX_ITEM_TEXT_LENGTH);
	doc.transact(() => item.set('text', checked), context.origin);
}

/** Deletes an item with its votes; the items grouped under it become ungrouped. */
export function deleteItem(
	doc: Y.Doc,
	retroId: string,
	itemId: string,
	context: ChangeContext
): void {
	const retro = requireRetro(doc, retroId);
	const item = requireItem(retro, itemId);
	requireAuthor(item, context);
	doc.transact(() => {
		const items = nested<Y.Map<unknown>>(retro, RETRO_KEYS.items);
		items.forEach((other) => {
			if (other.get('groupId') === itemId) other.delete('groupId');
		});
		items.delete(itemId);
		const votes = nested<unknown>(retro, RETRO_KEYS.votes);
		for (const key of [...votes.keys()]) {
			if (key.endsWith(`:${itemId}`)) votes.delete(key);
		}
	}, context.origin);
}

function requireCard(doc: Y.Doc, cardId: string): void {
	if (!boardRoots(doc).cards.has(cardId)) {
		throw new RetroError(
			`Card ${JSON.stringify(cardId)} does not exist on this board: pick another card.`,
			'cardId'
		);
	}
}

/** Links an item to a board card, or unlinks it with `null`. Anyone may link any item. */
export function linkItem(
	doc: Y.Doc,
	retroId: string,
	itemId: string,
	cardId: string | null,
	context: ChangeContext
): void {
	const item = requireItem(requireRetro(doc, retroId), itemId);
	if (cardId !== null) requireCard(doc, cardId);
	doc.transact(() => {
		if (cardId === null) item.delete('cardId');
		else item.set('cardId', cardId);
	}, context.origin);
}

/**
 * Groups `itemId` with `targetId`: both end up in the target's column under one head, the target
 * or the head of its group. Items grouped under `itemId` move to the new head too.
 */
export function groupItem(
	doc: Y.Doc,
	retroId: string,
	itemId: string,
	targetId: string,
	context: ChangeContext
): void {
	const retro = requireRetro(doc, retroId);
	const item = requireItem(retro, itemId);
	const target = requireItem(retro, targetId);
	const targetGroup = target.get('groupId');
	const headId = typeof targetGroup === 'string' ? targetGroup : targetId;
	if (headId === itemId || itemId === targetId) {
		throw new RetroError('An item cannot be grouped with itself.', 'targetId');
	}
	const head = requireItem(retro, headId);
	const columnId = head.get('columnId');
	doc.transact(() => {
		nested<Y.Map<unknown>>(retro, RETRO_KEYS.items).forEach((other) => {
			if (other.get('groupId') !== itemId) return;
			other.set('groupId', headId);
			other.set('columnId', columnId);
		});
		item.set('groupId', headId);
		item.set('columnId', columnId);
	}, context.origin);
}

export function ungroupItem(
	doc: Y.Doc,
	retroId: string,
	itemId: string,
	context: ChangeContext
): void {
	const item = requireItem(requireRetro(doc, retroId), itemId);
	doc.transact(() => item.delete('groupId'), context.origin);
}

/** Moves an item, ungrouped, to another column. */
export function moveItem(
	doc: Y.Doc,
	retroId: string,
	itemId: string,
	columnId: string,
	context: ChangeContext
): void {
	const retro = requireRetro(doc, retroId);
	const item = requireItem(retro, itemId);
	requireColumnId(retro, columnId);
	doc.transact(() => {
		item.delete('groupId');
		item.set('columnId', columnId);
	}, context.origin);
}
