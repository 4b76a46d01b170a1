/**
 * Fractional-index ranks: strings that sort with plain `<` and between any two of which another
 * can always be made, so inserting a card never rewrites its neighbours.
 *
 * Digits are base 62 in ASCII order. A rank never ends in the lowest digit `0`, which keeps room
 * for a rank below every rank.
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = DIGITS.length;

function digitAt(rank: string, index: number): number {
	return index < rank.length ? DIGITS.indexOf(rank[index]) : 0;
}

/**
 * Returns a rank strictly between `before` and `after`. `null` means the start or the end of
 * the column. Throws when `before` is not below `after`.
 */
export function rankBetween(before: string | null, after: string | null): string {
	const low = before ?? '';
	assertRank(low);
	if (after !== null) assertRank(after);
	if (after !== null && low >= after) {
		throw new Error(
			`Cannot rank between ${JSON.stringify(low)} and ${JSON.stringify(after)}: the first must sort below the second.`
		);
	}
	return between(low, after, true);
}

const RANK_PATTERN = /^[0-9A-Za-z]*$/;

function assertRank(rank: string): void {
	if (!RANK_PATTERN.test(rank)) {
		throw new Error(`Invalid rank ${JSON.stringify(rank)}: use only the digits 0-9, A-Z, a-z.`);
	}
}

/** `stepUp` makes an open-ended upper bound append by one digit instead of halving the gap. */
function between(low: string, high: string | null, stepUp: boolean): string {
	if (high !== null) {
		// Keep the shared prefix: the new rank differs from both only after it.
		let shared = 0;
		while (shared < high.length && digitAt(low, shared) === digitAt(high, shared)) shared++;
		if (shared > 0) {
			return high.slice(0, shared) + between(low.slice(shared), high.slice(shared), stepUp);
		}
	}
	const lowDigit = digitAt(low, 0);
	if (high === null) {
		if (low === '') return DIGITS[BASE / 2];
		// Appending steps the first digit up by one, so repeated appends grow the rank slowly.
		if (stepUp && lowDigit + 1 < BASE) return DIGITS[lowDigit + 1];
	}
	const highDigit = high === null ? BASE : digitAt(high, 0);
	if (highDigit - lowDigit > 1) {
		return DIGITS[Math.round((lowDigit + highDigit) / 2)];
	}
	if (high !== null && high.length > 1) {
		// `high` cut to its first digit sorts below `high` and above `low`.
		return high.slice(0, 1);
	}
	return DIGITS[lowDigit] + between(low.slice(1), null, stepUp);
}

/**
 * Returns `count` ascending ranks strictly between `before` and `after`, spread out so that each
 * stays short; used when many cards land in one column at once, as in an import.
 */
export function ranksBetween(before: string | null, after: string | null, count: number): string[] {
	if (count <= 0) return [];
	const low = before ?? '';
	assertRank(low);
	if (after !== null) assertRank(after);
	const middle = between(low, after, false);
	const lowerCount = Math.floor((count - 1) / 2);
	return [
		...ranksBetween(before, middle, lowerCount),
		middle,
		...ranksBetween(middle, after, count - 1 - lowerCount)
	];
}

/** Orders positions by rank, breaking ties by card id so every replica shows one order. */
export function compareByRank(
	a: { id: string; position: { rank: string } },
	b: { id: string; position: { rank: string } }
): number {
	if (a.position.rank !== b.position.rank) return a.position.rank < b.position.rank ? -1 : 1;
	if (a.id === b.id) return 0;
	return a.id < b.id ? -1 : 1;
}
