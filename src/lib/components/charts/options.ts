/** Chart.js options shared by the dashboard's charts: fonts, colours, grid lines. */
import type { ChartOptions } from 'chart.js';
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
