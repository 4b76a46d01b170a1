/** Due dates as people read them, in the interface language and the viewer's time zone. */
import { parseDue } from '$lib/board';
import { formatDate } from '$lib/i18n/index.svelte';

/**
 * Formats a stored `dueAt`. An all-day date is formatted as the same calendar date in every zone:
 * it is read as UTC midnight and formatted in UTC. A timed one shows the date and time in the
 * viewer's zone. Returns an empty string for an empty or unreadable value.
 */
export function formatDue(dueAt: string | null, style: 'short' | 'medium' = 'medium'): string {
	const due = parseDue(dueAt);
	if (!due) return '';
	if (due.kind === 'day') return formatDate(due.date, { dateStyle: style, timeZone: 'UTC' });
	return formatDate(new Date(due.at), { dateStyle: style, timeStyle: 'short' });
}
