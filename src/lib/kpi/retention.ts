/** Retention over time: how many ops cards were active or churned at the end of each month. */
import type { CardFacts } from './facts';
import type { OpsState } from './history';
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
 */
export function retentionByMonth(facts: readonly CardFacts[]): RetentionMonth[] {
	const changes: { at: number; card: number; state: OpsState }[] = [];
	facts.forEach((card, index) => {
		for (const change of card.opsChanges) changes.push({ ...change, card: index });
	});
	if (changes.length === 0) return [];
	changes.sort((a, b) => a.at - b.at);

	const states: OpsState[] = facts.map(() => null);
	let active = 0;
	let churned = 0;
	let next = 0;
	const months = monthRange(monthOf(changes[0].at), monthOf(changes[changes.length - 1].at));
	return months.map((month) => {
		const end = startOfNextMonth(month);
		while (next < changes.length && changes[next].at < end) {
			const { card, state } = changes[next];
			if (states[card] === 'active') active -= 1;
			if (states[card] === 'churned') churned -= 1;
			if (state === 'active') active += 1;
			if (state === 'churned') churned += 1;
			states[card] = state;
			next += 1;
		}
		const total = active + churned;
		return { month, active, churned, retentionRate: total === 0 ? null : active / total };
	});
}

/** Returns the first millisecond of the month after `month` (`YYYY-MM`). */
function startOfNextMonth(month: string): number {
	return Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
}
