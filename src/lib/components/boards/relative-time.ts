/** Formats a past time as "3 minutes ago" within a week, and as a date beyond that. */
import { formatDate, i18n } from '$lib/i18n/index.svelte';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
	['day', 86_400_000],
	['hour', 3_600_000],
	['minute', 60_000]
];

export function formatRelativeTime(iso: string, now = Date.now()): string {
	const time = Date.parse(iso);
	if (Number.isNaN(time)) return '';
	const elapsed = now - time;
	if (elapsed > 7 * 86_400_000 || elapsed < -60_000) return formatDate(iso);
	const format = new Intl.RelativeTimeFormat(i18n.tag, { numeric: 'auto' });
	for (const [unit, size] of UNITS) {
		if (Math.abs(elapsed) >= size) return format.format(-Math.round(elapsed / size), unit);
	}
	return format.format(0, 'second');
}
