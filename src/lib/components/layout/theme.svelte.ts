/**
 * The colour theme: light, dark, or the system's choice (`prefers-color-scheme`). The choice is
 * stored in `localStorage`; an inline script in app.html applies it before the first paint, with
 * the same storage key and attribute, so the page never flashes the wrong theme.
 */
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];

const STORAGE_KEY = 'tandem.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

function isTheme(value: unknown): value is Theme {
	return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

function storedTheme(): Theme {
	const stored = localStorage.getItem(STORAGE_KEY);
	return isTheme(stored) ? stored : 'system';
}

/** Sets `data-theme` on the root element to `light` or `dark`. */
function apply(theme: Theme): void {
	const dark = theme === 'dark' || (theme === 'system' && matchMedia(DARK_QUERY).matches);
	document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

const state = $state({ theme: storedTheme() });

export const theme = {
	get current(): Theme {
		return state.theme;
	},
	set current(value: Theme) {
		state.theme = value;
		localStorage.setItem(STORAGE_KEY, value);
		apply(value);
	}
};

/** Follows the system's colour scheme while the choice is `system`; returns the stop function. */
export function followSystemTheme(): () => void {
	const query = matchMedia(DARK_QUERY);
	const onChange = () => apply(state.theme);
	query.addEventListener('change', onChange);
	apply(state.theme);
	return () => query.removeEventListener('change', onChange);
}
