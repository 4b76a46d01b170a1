import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	BoardError,
	MAX_COMMENT_LENGTH,
	addComment,
	cardComments,
	createCard,
	deleteComment,
	editComment,
	mentionSegments,
	putMember,
	readEvents,
	resolveMentions,
	seedBoard,
	type Member
} from '../../src/lib/board';
import {
	insertMention,
	matchingMembers,
	mentionQuery
} from '../../src/lib/components/board/editor/mention-query';

const members: Member[] = [
	{ id: 'm-li', name: 'Li', role: 'sales', color: '#2563eb' },
	{ id: 'm-liwei', name: 'Li Wei', role: 'sales', color: '#16a34a' },
	{ id: 'm-zhang', name: '张敏', role: 'ops', color: '#db2777' }
];

const sales = { by: 'm-li', now: new Date('2024-05-01T08:00:00Z') };
const ops = { by: 'm-zhang', now: new Date('2024-05-01T09:00:00Z') };

function board(): { doc: Y.Doc; id: string } {
	const doc = new Y.Doc();
	seedBoard(doc, { name: 'Comment board' }, sales);
	for (const member of members) putMember(doc, member, sales);
	const id = createCard(doc, { title: 'Acme', stageId: 'lead' }, sales);
	return { doc, id };
}

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function errorOf(action: () => void): BoardError {
	try {
		action();
	} catch (error) {
		if (error instanceof BoardError) return error;
		throw error;
	}
	throw new Error('Expected a BoardError.');
}

describe('comments', () => {
	it('adds a comment with mentions', () => {
		const { doc, id } = board();
		const commentId = addComment(doc, id, ' Call @Li Wei and @张敏 today ', sales);
		expect(cardComments(doc, id)).toEqual([
			{
				id: commentId,
				by: 'm-li',
				at: '2024-05-01T08:00:00.000Z',
				text: 'Call @Li Wei and @张敏 today',
				mentions: ['m-liwei', 'm-zhang'],
				editedAt: null
			}
		]);
	});

	it('stores comments as maps', () => {
		const { doc, id } = board();
		addComment(doc, id, 'First', sales);
		const card = doc.getMap('cards').get(id) as Y.Map<unknown>;
		const [entry] = (card.get('comments') as Y.Array<unknown>).toArray();
		expect(entry).toBeInstanceOf(Y.Map);
		expect((entry as Y.Map<unknown>).get('mentions')).toEqual([]);
	});

	it('edits own comment and its mentions', () => {
		const { doc, id } = board();
		const commentId = addComment(doc, id, 'Ask @Li', sales);
		editComment(doc, id, commentId, 'Ask @张敏 instead', { ...sales, now: ops.now });
		const [comment] = cardComments(doc, id);
		expect(comment.text).toBe('Ask @张敏 instead');
		expect(comment.mentions).toEqual(['m-zhang']);
		expect(comment.editedAt).toBe('2024-05-01T09:00:00.000Z');
		expect(comment.at).toBe('2024-05-01T08:00:00.000Z');
	});

	it('deletes own comment', () => {
		const { doc, id } = board();
		const first = addComment(doc, id, 'First', sales);
		const second = addComment(doc, id, 'Second', sales);
		deleteComment(doc, id, first, sales);
		expect(cardComments(doc, id).map((comment) => comment.id)).toEqual([second]);
	});

	it('rejects changes by another member', () => {
		const { doc, id } = board();
		const commentId = addComment(doc, id, 'Mine', sales);
		expect(errorOf(() => editComment(doc, id, commentId, 'Yours', ops)).message).toMatch(
			/Only the author/
		);
		expect(errorOf(() => deleteComment(doc, id, commentId, ops)).field).toBe('commentId');
		expect(cardComments(doc, id).map((comment) => comment.text)).toEqual(['Mine']);
	});

	it('rejects empty text', () => {
		const { doc, id } = board();
		const error = errorOf(() => addComment(doc, id, '   ', sales));
		expect(error.message).toBe('A comment needs text.');
		expect(error.field).toBe('text');
		expect(cardComments(doc, id)).toEqual([]);
	});

	it('rejects text over the limit', () => {
		const { doc, id } = board();
		const commentId = addComment(doc, id, 'Short', sales);
		const long = 'x'.repeat(MAX_COMMENT_LENGTH + 1);
		expect(errorOf(() => addComment(doc, id, long, sales)).message).toBe(
			'A comment is at most 2000 characters; this one has 2001.'
		);
		expect(errorOf(() => editComment(doc, id, commentId, long, sales)).field).toBe('text');
		expect(cardComments(doc, id).map((comment) => comment.text)).toEqual(['Short']);
		expect(() => addComment(doc, id, 'x'.repeat(MAX_COMMENT_LENGTH), sales)).not.toThrow();
	});

	it('rejects a missing card or comment', () => {
		const { doc, id } = board();
		expect(errorOf(() => addComment(doc, 'nope', 'Hi', sales)).field).toBe('cardId');
		expect(errorOf(() => deleteComment(doc, id, 'nope', sales)).field).toBe('commentId');
	});

	it('appends one update event per change', () => {
		const { doc, id } = board();
		const commentId = addComment(doc, id, 'First', sales);
		editComment(doc, id, commentId, 'First', sales);
		editComment(doc, id, commentId, 'Changed', sales);
		deleteComment(doc, id, commentId, sales);
		const events = readEvents(doc).filter((event) => event.type === 'update');
		expect(events).toHaveLength(3);
		expect(events.every((event) => event.fields?.[0] === 'comments')).toBe(true);
		expect(events.every((event) => event.cardId === id)).toBe(true);
	});

	it('keeps concurrent comments in one order', () => {
		const { doc: a, id } = board();
		const b = new Y.Doc();
		sync(a, b);
		const fromA = addComment(a, id, 'From A', sales);
		const fromB = addComment(b, id, 'From B @Li', ops);
		sync(a, b);
		const idsA = cardComments(a, id).map((comment) => comment.id);
		const idsB = cardComments(b, id).map((comment) => comment.id);
		expect(idsA).toEqual(idsB);
		expect([...idsA].sort()).toEqual([fromA, fromB].sort());
		expect(cardComments(b, id).find((comment) => comment.id === fromB)?.mentions).toEqual(['m-li']);
	});

	it('skips malformed entries from a peer', () => {
		const { doc, id } = board();
		addComment(doc, id, 'Good', sales);
		const card = doc.getMap('cards').get(id) as Y.Map<unknown>;
		const list = card.get('comments') as Y.Array<unknown>;
		const bad = new Y.Map<unknown>();
		bad.set('text', 'no id');
		list.push([bad, 'plain string']);
		expect(cardComments(doc, id).map((comment) => comment.text)).toEqual(['Good']);
	});
});

describe('mentions', () => {
	it('prefers the longest member name', () => {
		expect(resolveMentions('hi @Li Wei', members)).toEqual(['m-liwei']);
		expect(resolveMentions('hi @Li there', members)).toEqual(['m-li']);
	});

	it('ignores an @ inside a word', () => {
		expect(resolveMentions('mail li@Li Wei.com', members)).toEqual([]);
	});

	it('splits text into segments', () => {
		expect(mentionSegments('Ask @张敏, then @li', members)).toEqual([
			{ text: 'Ask ', memberId: null },
			{ text: '@张敏', memberId: 'm-zhang' },
			{ text: ', then ', memberId: null },
			{ text: '@li', memberId: 'm-li' }
		]);
	});

	it('finds the mention at the caret', () => {
		expect(mentionQuery('Ask @Li', 7)).toEqual({ start: 4, query: 'Li' });
		expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' });
		expect(mentionQuery('mail a@b', 8)).toBeNull();
		expect(mentionQuery('@Li\nnext', 8)).toBeNull();
		expect(mentionQuery('no mention', 10)).toBeNull();
	});

	it('lists matching members first by prefix', () => {
		expect(matchingMembers(members, 'wei').map((member) => member.id)).toEqual(['m-liwei']);
		expect(matchingMembers(members, 'li').map((member) => member.id)).toEqual(['m-li', 'm-liwei']);
		expect(matchingMembers(members, '')).toHaveLength(3);
	});

	it('inserts the picked name', () => {
		const mention = { start: 4, query: 'Li' };
		expect(insertMention('Ask @Li please', mention, 7, members[1])).toEqual({
			text: 'Ask @Li Wei  please',
			caret: 12
		});
	});
});
