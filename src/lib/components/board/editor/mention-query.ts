/** Finding the `@` mention being typed at the caret of a comment box, for the member picker. */
import type { Member } from '$lib/board';

export interface MentionQuery {
	/** Index of the `@` in the text. */
	start: number;
	/** Text typed after the `@`, up to the caret. */
	query: string;
}

/** Maximum length of a query the picker follows. Past it, the `@` is taken as plain text. */
const MAX_QUERY_LENGTH = 40;

/**
 * Returns the mention being typed before `caret`: an `@` at the start of the text or after
 * whitespace, followed by no line break. Returns null when the caret is not inside a mention.
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
	const before = text.slice(0, caret);
	const start = before.lastIndexOf('@');
	if (start === -1) return null;
	if (start > 0 && !/\s/.test(before[start - 1])) return null;
	const query = before.slice(start + 1);
	if (query.includes('\n') || query.length > MAX_QUERY_LENGTH) return null;
	return { start, query };
}

/** Returns the members whose name contains the query, names that start with it first. */
export function matchingMembers(members: readonly Member[], query: string, limit = 6): Member[] {
	const needle = query.trim().toLocaleLowerCase();
	return members
		.filter((member) => member.name.toLocaleLowerCase().includes(needle))
		.sort((a, b) => {
			const aStarts = a.name.toLocaleLowerCase().startsWith(needle) ? 0 : 1;
			const bStarts = b.name.toLocaleLowerCase().startsWith(needle) ? 0 : 1;
			return aStarts - bStarts || a.name.localeCompare(b.name);
		})
		.slice(0, limit);
}

/** Replaces the mention being typed with `@Name ` and returns the new text and caret. */
export function insertMention(
	text: string,
	mention: MentionQuery,
	caret: number,
	member: Member
): { text: string; caret: number } {
	const inserted = `@${member.name} `;
	return {
		text: text.slice(0, mention.start) + inserted + text.slice(caret),
		caret: mention.start + inserted.length
	};
}
