/** Bar chart data in the shapes that several dashboard charts share. */
import type { ChartData } from 'chart.js';
import type { Stage } from '$lib/board';
import { laneName, stageName } from '$lib/components/board/stage-name';
import type { ChartTheme } from './theme';

/**
 * Returns one dataset a lane, so the legend names the lanes. A stage's bar is `valueOf(stage)`
 * in its own lane's dataset and null in the other, which `skipNull` leaves out.
 */
export function laneBars(
	stages: Stage[],
	theme: ChartTheme,
	valueOf: (stage: Stage) => number | null
): ChartData<'bar'> {
	return {
		labels: stages.map((stage) => stageName(stage)),
		datasets: (['sales', 'ops'] as const).map((lane) => ({
			label: laneName(lane),
			data: stages.map((stage) => (stage.lane === lane ? valueOf(stage) : null)),
			backgroundColor: lane === 'sales' ? theme.sales : theme.ops,
			borderRadius: 3,
			skipNull: true
		}))
	};
}

/** Returns one dataset of thin bars, one a named row, for charts that count cards. */
export function countBars(
	label: string,
	rows: { name: string; count: number }[],
	color: string
): ChartData<'bar'> {
	return {
		labels: rows.map((row) => row.name),
		datasets: [
			{
				label,
				data: rows.map((row) => row.count),
				backgroundColor: color,
				borderRadius: 3,
				maxBarThickness: 32
			}
		]
	};
}
