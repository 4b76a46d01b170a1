/**
 * A card's checklist: a `Y.Array` of `Y.Map` items `{ id, text, done }`. Items are found by id,
 * not index, so concurrent inserts and removals on other replicas never make a change hit the
 * wrong item. Each change appends an `update` event naming the `checklist` field.
 */
import * as Y from 'yjs';
import { boardRoots, isoTime, newId, type ChangeContext } from './doc';
import { BoardError } from './errors';
import { MAX_TEXT_LENGTH } from './validate';

export interface ChecklistItem {
	id: string;
	text: string;
	done: boolean;
}

export interface ChecklistProgress {
	done: number;
	total: number;
}

/** Reads the items of a checklist; entries that are not maps with a string id are skipped. */
export function readChecklist(list: unknown): ChecklistItem[] {
	if (!(list instanceof Y.Array)) return [];
	const items: ChecklistItem[] = [];
	for (const entry of list.toArray()) {
		if (!(entry instanceof Y.Map)) continue;
		const id = entry.get('id');
		if (typeof id !== 'string') continue;
		const text = entry.get('text');
		items.push({
			id,
			text: typeof text === 'string' ? text : '',
			done: entry.get('done') === true
		});
	}
	return items;
}

export function checklistProgress(items: readonly ChecklistItem[]): ChecklistProgress {
	return { done: items.filter((item) => item.done).length, total: items.length };
}

export function cardChecklist(doc: Y.Doc, cardId: string): ChecklistItem[] {
	return readChecklist(boardRoots(doc).cards.get(cardId)?.get('checklist'));
}

function validText(text: string): string {
	const trimmed = typeof text === 'string' ? text.trim() : '';
	if (trimmed === '') throw new BoardError('A checklist item needs text.', 'text');
	if (trimmed.length > MAX_TEXT_LENGTH) {
		throw new BoardError(
			`A checklist item is at most ${MAX_TEXT_LENGTH} characters; this one has ${trimmed.length}.`,
			'text'
		);
	}
	return trimmed;
}

function requireCard(doc: Y.Doc, cardId: string): Y.Map<unknown> {
	const card = boardRoots(doc).cards.get(cardId);
	if (!card) {
		throw new BoardError(
			`Card ${JSON.stringify(cardId)} does not exist: it may have been deleted.`,
			'cardId'
		);
	}
	return card;
}

/** Returns the card's checklist array, adding one to a card written without it. */
function checklistOf(card: Y.Map<unknown>): Y.Array<unknown> {
	const list = card.get('checklist');
	if (list instanceof Y.Array) return list;
	const created = new Y.Array<unknown>();
	card.set('checklist', created);
	return created;
}

function findItem(card: Y.Map<unknown>, itemId: string): { index: number; item: Y.Map<unknown> } {
	const list = card.get('checklist');
	if (list instanceof Y.Array) {
		const entries = list.toArray();
		for (let index = 0; index < entries.length; index++) {
			const entry = entries[index];
			if (entry instanceof Y.Map && entry.get('id') === itemId) return { index, item: entry };
		}
	}
	throw new BoardError(
		`Checklist item ${JSON.stringify(itemId)} does not exist: it may have been removed.`,
		'itemId'
	);
}

function change(doc: Y.Doc, cardId: string, context: ChangeContext, write: () => void): void {
	doc.transact(() => {
		write();
		boardRoots(doc).events.push([
			{
				id: newId(),
				type: 'update',
				cardId,
				at: isoTime(context),
				by: context.by,
				fields: ['checklist']
			}
		]);
	}, context.origin);
}

/** Appends an item to the end of the checklist and returns its id. */
export function addChecklistItem(
	doc: Y.Doc,
	cardId: string,
	text: string,
	context: ChangeContext
): string {
	const clean = validText(text);
	const card = requireCard(doc, cardId);
	const id = newId();
	change(doc, cardId, context, () => {
		const item = new Y.Map<unknown>();
		item.set('id', id);
		item.set('text', clean);
		item.set('done', false);
		checklistOf(card).push([item]);
	});
	return id;
}

export function toggleChecklistItem(
	doc: Y.Doc,
	cardId: string,
	itemId: string,
	done: boolean,
	context: ChangeContext
): void {
	const { item } = findItem(requireCard(doc, cardId), itemId);
	if (item.get('done') === done) return;
	change(doc, cardId, context, () => item.set('done', done));
}

export function renameChecklistItem(
	doc: Y.Doc,
	cardId: string,
	itemId: string,
	text: string,
	context: ChangeContext
): void {
	const clean = validText(text);
	const { item } = findItem(requireCard(doc, cardId), itemId);
	if (item.get('text') === clean) return;
	change(doc, cardId, context, () => item.set('text', clean));
}

export function removeChecklistItem(
	doc: Y.Doc,
	cardId: string,
	itemId: string,
	context: ChangeContext
): void {
	const card = requireCard(doc, cardId);
	const { index } = findItem(card, itemId);
	change(doc, cardId, context, () => checklistOf(card).delete(index, 1));
}
