/**
 * The interface language. `t(key)` reads the current locale, so any markup or `$derived` that
 * calls it re-renders when the language changes.
 *
 * Each feature registers its own messages with `register({ en: {...}, zh: {...} })`; a key
 * missing in one language falls back to English, then to the key itself.
 */
import { INTL_TAGS, interpolate, isLocale, matchLocale, type Locale } from './locale';
import { common } from './messages/common';

export type { Locale } from './locale';
export { LOCALES } from './locale';

const STORAGE_KEY = 'tandem.locale';

type Messages = Record<string, string>;
const catalog: Record<Locale, Messages> = { en: {}, zh: {} };

export function register(messages: { en: Messages; zh: Messages }): void {
	Object.assign(catalog.en, messages.en);
	Object.assign(catalog.zh, messages.zh);
}

register(common);

function initialLocale(): Locale {
	if (typeof localStorage !== 'undefined') {
		const stored = localStorage.getItem(STORAGE_KEY);
		if (isLocale(stored)) return stored;
	}
	if (typeof navigator !== 'undefined')
		return matchLocale(navigator.languages ?? [navigator.language]);
	return 'en';
}

const state = $state({ locale: initialLocale() });

export const i18n = {
	get locale(): Locale {
		return state.locale;
	},
	set locale(value: Locale) {
		state.locale = value;
		if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, value);
		if (typeof document !== 'undefined') document.documentElement.lang = INTL_TAGS[value];
	},
	/** The BCP 47 tag for `Intl` formatters. */
	get tag(): string {
		return INTL_TAGS[state.locale];
	}
};

export function t(key: string, params?: Record<string, string | number>): string {
	const template = catalog[state.locale][key] ?? catalog.en[key] ?? key;
	return interpolate(template, params);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
	return new Intl.NumberFormat(i18n.tag, options).format(value);
}

/** Formats an amount in the board's currency, without decimals; `compact` gives 1.2M or 120万. */
export function formatMoney(value: number, currency: string, compact = false): string {
	return new Intl.NumberFormat(i18n.tag, {
		style: 'currency',
		currency,
		maximumFractionDigits: 0,
		notation: compact ? 'compact' : 'standard'
	}).format(value);
}

export function formatDate(value: string | Date, options?: Intl.DateTimeFormatOptions): string {
	const time = typeof value === 'string' ? Date.parse(value) : value.getTime();
	if (Number.isNaN(time)) return '';
	return new Intl.DateTimeFormat(i18n.tag, options ?? { dateStyle: 'medium' }).format(time);
}

export function formatPercent(value: number): string {
	return new Intl.NumberFormat(i18n.tag, { style: 'percent', maximumFractionDigits: 1 }).format(
		value
	);
}
