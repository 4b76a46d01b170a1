/** The supported languages and the choice of one from a stored setting or the browser. */
export const LOCALES = ['zh', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags handed to `Intl` for each locale. */
export const INTL_TAGS: Record<Locale, string> = { zh: 'zh-CN', en: 'en-US' };

export function isLocale(value: unknown): value is Locale {
	return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the first supported language among the browser's preferences; English otherwise. */
export function matchLocale(preferred: readonly string[]): Locale {
	for (const tag of preferred) {
		const language = tag.toLowerCase().split('-')[0];
		if (isLocale(language)) return language;
	}
	return 'en';
}

/** Replaces `{name}` placeholders with the values of `params`. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}
