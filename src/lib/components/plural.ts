/** Messages that depend on a count: "1 card", "2 cards", chosen by the language's plural rules. */
import { formatNumber, i18n, t } from '$lib/i18n/index.svelte';

/**
 * Translates `key.one`, `key.other` (and any other CLDR plural category the language uses) for
 * `count`, falling back to `key.other`. `{count}` in the message is the formatted number.
 */
export function tCount(key: string, count: number): string {
	const category = new Intl.PluralRules(i18n.tag).select(count);
	const params = { count: formatNumber(count) };
	const specific = `${key}.${category}`;
	const message = t(specific, params);
	return message === specific ? t(`${key}.other`, params) : message;
}
