/**
 * A card's comments: a `Y.Array` of `Y.Map` entries `{ id, by, at, text, mentions }`, where
 * `mentions` contains the member ids named as `@Name` in the text. Comments are found by id, so
 * concurrent additions on other replicas never make an edit hit the wrong comment, and only the
 * author may edit or delete a comment. Each change appends an `update` event naming `comments`.
 */
import * as Y from 'yjs';
import { readMembers } from './board';
import { boardRoots, isoTime, newId, type ChangeContext } from './doc';
import { BoardError } from './errors';
import type { Member } from './schema';

export const MAX_COMMENT_LENGTH = 2_000;

export interface Comment {
	id: string;
	/** Member id of the author. */
	by: string;
	/** ISO 8601 time the comment was written. */
	at: string;
	text: string;
	/** Member ids mentioned in the text, in order of first mention. */
	mentions: string[];
	/** ISO 8601 time of the last edit, or null for a comment never edited. */
	editedAt: string | null;
}

/** A run of comment text: plain text, or an `@Name` mention of a member. */
export interface CommentSegment {
	text: string;
	memberId: string | null;
}

/** Reads the comments of a card, skipping entries that are not maps with a string id. */
export function readComments(list: unknown): Comment[] {
	if (!(list instanceof Y.Array)) return [];
	const comments: Comment[] = [];
	for (const entry of list.toArray()) {
		if (!(entry instanceof Y.Map)) continue;
		const id = entry.get('id');
		if (typeof id !== 'string') continue;
		const by = entry.get('by');
		const at = entry.get('at');
		const text = entry.get('text');
		const mentions = entry.get('mentions');
		const editedAt = entry.get('editedAt');
		comments.push({
			id,
			by: typeof by === 'string' ? by : '',
			at: typeof at === 'string' ? at : '',
			text: typeof text === 'string' ? text : '',
			mentions: Array.isArray(mentions)
				? mentions.filter((item): item is string => typeof item === 'string')
				: [],
			editedAt: typeof editedAt === 'string' ? editedAt : null
		});
	}
	return comments;
}

export function cardComments(doc: Y.Doc, cardId: string): Comment[] {
	return readComments(boardRoots(doc).cards.get(cardId)?.get('comments'));
}

/** Members ordered longest name first, so `@Li Wei` wins over a member called `Li`. */
function byNameLength(members: readonly Member[]): Member[] {
	return members
		.filter((member) => member.name.trim() !== '')
		.sort((a, b) => {
			return b.name.length - a.name.length || a.id.localeCompare(b.id);
		});
}

/**
 * Splits comment text into plain runs and `@Name` mentions of the given members. A mention
 * starts at the beginning of the text or after whitespace, and names match case-insensitively.
 */
export function mentionSegments(text: string, members: readonly Member[]): CommentSegment[] {
	const candidates = byNameLength(members);
	const segments: CommentSegment[] = [];
	let plain = '';
	let index = 0;
	while (index < text.length) {
		const atStart = index === 0 || /\s/.test(text[index - 1]);
		const member =
			text[index] === '@' && atStart
				? candidates.find((candidate) => {
						const name = text.slice(index + 1, index + 1 + candidate.name.length);
						return name.toLocaleLowerCase() === candidate.name.toLocaleLowerCase();
					})
				: undefined;
		if (!member) {
			plain += text[index];
			index += 1;
			continue;
		}
		if (plain !== '') segments.push({ text: plain, memberId: null });
		plain = '';
		const length = member.name.length + 1;
		segments.push({ text: text.slice(index, index + length), memberId: member.id });
		index += length;
	}
	if (plain !== '') segments.push({ text: plain, memberId: null });
	return segments;
}

/** Returns the ids of the members mentioned in the text, each once, in order of first mention. */
export function resolveMentions(text: string, members: readonly Member[]): string[] {
	const ids: string[] = [];
	for (const segment of mentionSegments(text, members)) {
		if (segment.memberId !== null && !ids.includes(segment.memberId)) ids.push(segment.memberId);
	}
	return ids;
}

function validText(text: unknown): string {
	const trimmed = typeof text === 'string' ? text.trim() : '';
	if (trimmed === '') throw new BoardError('A comment needs text.', 'text');
	if (trimmed.length > MAX_COMMENT_LENGTH) {
		throw new BoardError(
			`A comment is at most ${MAX_COMMENT_LENGTH} characters; this one has ${trimmed.length}.`,
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

/** Returns the card's comments array, adding one to a card written without it. */
function commentsOf(card: Y.Map<unknown>): Y.Array<unknown> {
	const list = card.get('comments');
	if (list instanceof Y.Array) return list;
	const created = new Y.Array<unknown>();
	card.set('comments', created);
	return created;
}

/** Finds a comment by id and checks that the person changing it wrote it. */
function findOwnComment(
	card: Y.Map<unknown>,
	commentId: string,
	context: ChangeContext
): { index: number; entry: Y.Map<unknown> } {
	const list = card.get('comments');
	const entries = list instanceof Y.Array ? list.toArray() : [];
	const index = entries.findIndex(
		(entry) => entry instanceof Y.Map && entry.get('id') === commentId
	);
	if (index === -1) {
		throw new BoardError(
			`Comment ${JSON.stringify(commentId)} does not exist: it may have been deleted.`,
			'commentId'
		);
	}
	const entry = entries[index] as Y.Map<unknown>;
	if (entry.get('by') !== context.by) {
		throw new BoardError('Only the author of a comment may change or delete it.', 'commentId');
	}
	return { index, entry };
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
				fields: ['comments']
			}
		]);
	}, context.origin);
}

/**
 * Appends a comment by `context.by` and returns its id. Mentions are resolved against the
 * board's members at the time of writing.
 */
export function addComment(
	doc: Y.Doc,
	cardId: string,
	text: string,
	context: ChangeContext
): string {
	const clean = validText(text);
	const card = requireCard(doc, cardId);
	const id = newId();
	const mentions = resolveMentions(clean, readMembers(doc));
	change(doc, cardId, context, () => {
		const entry = new Y.Map<unknown>();
		entry.set('id', id);
		entry.set('by', context.by);
		entry.set('at', isoTime(context));
		entry.set('text', clean);
		entry.set('mentions', mentions);
		commentsOf(card).push([entry]);
	});
	return id;
}

/** Replaces the text of one's own comment and resolves its mentions again. */
export function editComment(
	doc: Y.Doc,
	cardId: string,
	commentId: string,
	text: string,
	context: ChangeContext
): void {
	const clean = validText(text);
	const { entry } = findOwnComment(requireCard(doc, cardId), commentId, context);
	if (entry.get('text') === clean) return;
	const mentions = resolveMentions(clean, readMembers(doc));
	change(doc, cardId, context, () => {
		entry.set('text', clean);
		entry.set('mentions', mentions);
		entry.set('editedAt', isoTime(context));
	});
}

export function deleteComment(
	doc: Y.Doc,
	cardId: string,
	commentId: string,
	context: ChangeContext
): void {
	const card = requireCard(doc, cardId);
	const { index } = findOwnComment(card, commentId, context);
	change(doc, cardId, context, () => commentsOf(card).delete(index, 1));
}
