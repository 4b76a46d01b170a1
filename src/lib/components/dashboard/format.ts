/** Display formats of KPI values; null values show as a dash. */
import {
	formatDate,
	formatMoney,
	formatNumber,
	formatPercent,
	i18n,
	t
} from '$lib/i18n/index.svelte';

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

/**
 * Formats an axis tick in the board currency, compact (`CN¥1.5K`, `¥1.5万`) with up to three
 * significant digits, so neighbouring ticks never round to the same label.
 */
export function formatMoneyTick(value: number, currency: string): string {
	return new Intl.NumberFormat(i18n.tag, {
		style: 'currency',
		currency,
		notation: 'compact',
		maximumSignificantDigits: 3
	}).format(value);
}

/** Formats an amount for a tile: exact below a million, compact (`CN¥10.01M`, `¥1001万`) above. */
export function formatMoneyTile(value: number, currency: string): string {
	if (Math.abs(value) < 1_000_000) return formatMoney(value, currency);
	return new Intl.NumberFormat(i18n.tag, {
		style: 'currency',
		currency,
		notation: 'compact',
		maximumSignificantDigits: 4
	}).format(value);
}
