/**
 * Dot votes. A vote is the key `${memberId}:${itemId}` in a retrospective's `votes` map, and its
 * value is the ISO time of the vote. Because the key names the person and the item, two tabs of
 * one person voting for one item at the same moment write one key and count once.
 *
 * Two tabs of one person can still vote for different items at once and together pass the limit.
 * The counts are therefore derived from the merged keys: each person's votes for items that still
 * exist are ordered by time, then key, and only the first `voteLimit` count. Every replica
 * holding the same keys derives the same counts.
 */

/** Returns the vote key of one person's vote for one item. */
export function voteKey(memberId: string, itemId: string): string {
	return `${memberId}:${itemId}`;
}

/** Splits a vote key into member id and item id; null for a malformed key. */
export function parseVoteKey(key: string): { memberId: string; itemId: string } | null {
	// Item ids never contain ':', member ids may, so the last ':' separates them.
	const split = key.lastIndexOf(':');
	if (split <= 0 || split === key.length - 1) return null;
	return { memberId: key.slice(0, split), itemId: key.slice(split + 1) };
}

export interface VoteTally {
	/** Item id → counted votes. */
	byItem: Map<string, number>;
	/** Member id → the item ids of that person's counted votes. */
	byMember: Map<string, Set<string>>;
	/** Keys of votes beyond a person's limit, present in the document but not counted. */
	excess: string[];
}

/**
 * Counts the votes from the `votes` map's entries. `itemIds` are the items that exist, because
 * votes for deleted items neither count nor use up the voter's limit.
 */
export function tallyVotes(
	votes: Iterable<[string, unknown]>,
	itemIds: ReadonlySet<string>,
	voteLimit: number
): VoteTally {
	const perMember = new Map<string, { key: string; itemId: string; at: string }[]>();
	for (const [key, value] of votes) {
		const parsed = parseVoteKey(key);
		if (!parsed || !itemIds.has(parsed.itemId)) continue;
		const at = typeof value === 'string' ? value : '';
		const list = perMember.get(parsed.memberId) ?? [];
		list.push({ key, itemId: parsed.itemId, at });
		perMember.set(parsed.memberId, list);
	}
	const byItem = new Map<string, number>();
	const byMember = new Map<string, Set<string>>();
	const excess: string[] = [];
	for (const [memberId, list] of perMember) {
		list.sort((a, b) => compareText(a.at, b.at) || compareText(a.key, b.key));
		const counted = new Set<string>();
		for (const vote of list) {
			if (counted.size >= voteLimit) {
				excess.push(vote.key);
				continue;
			}
			counted.add(vote.itemId);
			byItem.set(vote.itemId, (byItem.get(vote.itemId) ?? 0) + 1);
		}
		byMember.set(memberId, counted);
	}
	return { byItem, byMember, excess };
}

/** Compares by UTF-16 code units, the same on every replica whatever its locale. */
function compareText(a: string, b: string): number {
	if (a === b) return 0;
	return a < b ? -1 : 1;
}
