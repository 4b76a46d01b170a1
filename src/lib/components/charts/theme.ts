/**
 * Chart colours read from the page's CSS custom properties, so charts follow the light and dark
 * themes that app.css defines under `data-theme` on the root element.
 */

export interface ChartTheme {
	text: string;
	muted: string;
	grid: string;
	surface: string;
	font: string;
	sales: string;
	ops: string;
	won: string;
	lost: string;
	accent: string;
	warning: string;
}

/** Custom property of each theme colour, with the light theme's value if the page lacks one. */
const PROPERTIES: Record<keyof ChartTheme, [string, string]> = {
	text: ['--text', '#1d2330'],
	muted: ['--text-muted', '#5b6475'],
	grid: ['--border', '#d9dce1'],
	surface: ['--surface', '#ffffff'],
	font: ['--font-sans', 'system-ui, sans-serif'],
	sales: ['--lane-sales', '#2563eb'],
	ops: ['--lane-ops', '#0d9488'],
	won: ['--success', '#1b7f3b'],
	lost: ['--danger', '#c62828'],
	accent: ['--accent', '#2563eb'],
	warning: ['--warning', '#b45309']
};

export function readChartTheme(element: Element = document.documentElement): ChartTheme {
	const style = getComputedStyle(element);
	const theme = {} as ChartTheme;
	for (const [key, [property, fallback]] of Object.entries(PROPERTIES)) {
		theme[key as keyof ChartTheme] = style.getPropertyValue(property).trim() || fallback;
	}
	return theme;
}

/**
 * Calls `onChange` with the new colours whenever the root element's `data-theme` changes; returns
 * the function that stops watching.
 */
export function watchChartTheme(onChange: (theme: ChartTheme) => void): () => void {
	const root = document.documentElement;
	const observer = new MutationObserver(() => onChange(readChartTheme(root)));
	observer.observe(root, { attributes: true, attributeFilter: ['data-theme'] });
	return () => observer.disconnect();
}
