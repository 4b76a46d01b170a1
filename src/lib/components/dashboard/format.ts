/** Display formats of KPI values; null values show as a dash. */
import { formatDate, formatNumber, formatPercent, t } from '$lib/i18n/index.svelte';

export const NO_VALUE = '—';

export function formatDays(days: number | null): string {
	if (days === null) return NO_VALUE;
	return t('dashboard.days', { days: formatNumber(days, { maximumFractionDigits: 1 }) });
}

export function formatRate(rate: number | null): string {
	return rate === null ? NO_VALUE : formatPercent(rate);
}

/** Formats a `YYYY-MM` month as a short month and year in the interface language. */
export function formatMonth(month: string): string {
	return formatDate(`${month}-01T00:00:00Z`, { year: 'numeric', month: 'short', timeZone: 'UTC' });
}
