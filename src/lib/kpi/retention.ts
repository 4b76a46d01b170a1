/** Retention over time: how many ops cards were active or churned at the end of each month. */
import type { CardFacts } from './facts';
import type { OpsChange, OpsState } from './history';
import { monthOf, monthRange } from './time';

/** The ops cards at the end of one UTC calendar month. */
export interface RetentionMonth {
	/** `YYYY-MM` */
	month: string;
	/** Cards in an ops stage other than a churned one. */
	active: number;
	/** Cards in a churned stage. */
	churned: number;
	/** active / (active + churned); null when no card was in ops. */
	retentionRate: number | null;
}

/**
 * Returns the ops cards at the end of every month from the first to the last change of any
 * card's ops state, oldest first. Each card counts in the state of its last change before the
 * month ended, so a card moved out of churned again counts as active from then on.
 *
 * Each change adds to its month's difference of active and churned cards, and the running sum of
 * those differences gives the counts, so the changes of all cards are never sorted together.
 */
export function retentionByMonth(facts: readonly CardFacts[]): RetentionMonth[] {
	let first = Infinity;
	let last = -Infinity;
	for (const card of facts) {
		for (const change of card.opsChanges) {
			if (change.at < first) first = change.at;
			if (change.at > last) last = change.at;
		}
	}
	if (first === Infinity) return [];

	const months = monthRange(monthOf(first), monthOf(last));
	const ends = months.map(startOfNextMonth);
	const activeDelta = new Int32Array(months.length);
	const churnedDelta = new Int32Array(months.length);
	for (const card of facts) {
		let state: OpsState = null;
		for (const change of inTimeOrder(card.opsChanges)) {
			const month = monthEndingAfter(ends, change.at);
			if (month === ends.length) break;
			if (state === 'active') activeDelta[month] -= 1;
			if (state === 'churned') churnedDelta[month] -= 1;
			if (change.state === 'active') activeDelta[month] += 1;
			if (change.state === 'churned') churnedDelta[month] += 1;
			state = change.state;
		}
	}

	let active = 0;
	let churned = 0;
	return months.map((month, index) => {
		active += activeDelta[index];
		churned += churnedDelta[index];
		const total = active + churned;
		return { month, active, churned, retentionRate: total === 0 ? null : active / total };
	});
}

/**
 * Returns the changes sorted by time, keeping the order of equal times. A list that is already in
 * order, as `walkCardPath` writes it, is returned as it is.
 */
function inTimeOrder(changes: readonly OpsChange[]): readonly OpsChange[] {
	for (let i = 1; i < changes.length; i++) {
		if (changes[i - 1].at > changes[i].at) return [...changes].sort((a, b) => a.at - b.at);
	}
	return changes;
}

/** Returns the index of the first month that ends after `time`, or `ends.length` when none does. */
function monthEndingAfter(ends: readonly number[], time: number): number {
	let low = 0;
	let high = ends.length;
	while (low < high) {
		const middle = (low + high) >> 1;
		if (ends[middle] <= time) low = middle + 1;
		else high = middle;
	}
	return low;
}

/** Returns the first millisecond of the month after `month` (`YYYY-MM`). */
function startOfNextMonth(month: string): number {
	return Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
}
