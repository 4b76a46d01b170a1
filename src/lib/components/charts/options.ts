/** Chart.js options shared by the dashboard's charts: fonts, colours, grid lines. */
import type { ChartOptions, TooltipItem } from 'chart.js';
import type { ChartTheme } from './theme';

/**
 * Returns options for a chart with x and y scales, coloured by `theme`. With `counts`, the value
 * scale (`y`) shows whole numbers only.
 */
export function axisOptions(theme: ChartTheme, counts = false): ChartOptions<'bar'> {
	const ticks = { color: theme.muted, font: { family: theme.font, size: 12 }, maxTicksLimit: 8 };
	const valueTicks = counts ? { ...ticks, precision: 0 } : ticks;
	return {
		font: { family: theme.font },
		color: theme.text,
		plugins: {
			legend: {
				labels: { color: theme.text, font: { family: theme.font, size: 12 }, boxWidth: 12 }
			},
			tooltip: { titleFont: { family: theme.font }, bodyFont: { family: theme.font } }
		},
		scales: {
			x: { ticks, grid: { color: theme.grid }, border: { color: theme.grid } },
			y: {
				ticks: valueTicks,
				grid: { color: theme.grid },
				border: { color: theme.grid },
				beginAtZero: true
			}
		}
	} as ChartOptions<'bar'>;
}

/** The parts of one bar chart's options that differ from the shared axis options. */
export interface BarOptionsSpec {
	/** Tooltip text of one bar or point. */
	tooltip: (item: TooltipItem<'bar'>) => string;
	/** Whole numbers only on the value scale. */
	counts?: boolean;
	/** Bars run left to right: the value scale is `x` and the categories are on `y`. */
	horizontal?: boolean;
	/** Shows the legend, which is on by default. */
	legend?: boolean;
	/** Text of each value tick. Without it, Chart.js shows plain numbers. */
	valueTick?: (value: number) => string;
	/** Title of the value scale. */
	valueTitle?: string;
	/** Labels every category, turned when the chart is narrow, instead of skipping some. */
	everyCategory?: boolean;
}

/** Returns a bar chart's options: the axis options of `theme` with the parts `spec` names. */
export function barOptions(theme: ChartTheme, spec: BarOptionsSpec): ChartOptions<'bar'> {
	const base = axisOptions(theme, spec.counts);
	const category = base.scales?.x;
	const value = base.scales?.y;
	const categoryScale = spec.everyCategory
		? { ...category, ticks: { ...category?.ticks, autoSkip: false } }
		: category;
	const valueScale = {
		...value,
		...(spec.valueTick === undefined
			? {}
			: {
					ticks: {
						...value?.ticks,
						callback: (tick: string | number) => spec.valueTick?.(Number(tick))
					}
				}),
		...(spec.valueTitle === undefined
			? {}
			: { title: { display: true, text: spec.valueTitle, color: theme.muted } })
	};
	return {
		...base,
		...(spec.horizontal ? { indexAxis: 'y' } : {}),
		plugins: {
			...base.plugins,
			...(spec.legend === false ? { legend: { display: false } } : {}),
			tooltip: { ...base.plugins?.tooltip, callbacks: { label: spec.tooltip } }
		},
		scales: spec.horizontal
			? { x: valueScale, y: categoryScale }
			: { x: categoryScale, y: valueScale }
	} as ChartOptions<'bar'>;
}

/** Tooltip text naming the dataset before the value, as `Label: value`. */
export function datasetTooltip(item: TooltipItem<'bar'>, value: string): string {
	return `${item.dataset.label}: ${value}`;
}
