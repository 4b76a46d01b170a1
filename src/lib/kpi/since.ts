/** The moment the dashboard's list of changes starts from. */
import { DAY_MS, parseTime } from './time';

export interface ChangesStart {
	/** Start of the listed changes in milliseconds (inclusive). */
	since: number;
	/** `day`: the end of the day chosen on the time slider. `standup`: the end of the last stand-up. */
	source: 'day' | 'standup';
}

/**
 * Returns where the list of changes starts: the end of the chosen day (`YYYY-MM-DD`) when there
 * is one, else the latest end among the recorded stand-ups. Null when neither exists, so the live
 * dashboard shows no list. Stand-ups with an invalid end time are skipped.
 */
export function changesStart(
	chosenDay: string | null,
	standups: readonly { endedAt: string }[]
): ChangesStart | null {
	if (chosenDay !== null) {
		const start = parseTime(`${chosenDay}T00:00:00.000Z`);
		if (start !== null) return { since: start + DAY_MS, source: 'day' };
	}
	let latest: number | null = null;
	for (const standup of standups) {
		const end = parseTime(standup.endedAt);
		if (end !== null && (latest === null || end > latest)) latest = end;
	}
	return latest === null ? null : { since: latest, source: 'standup' };
}
