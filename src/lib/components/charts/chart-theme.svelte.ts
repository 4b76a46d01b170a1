/** The current chart colours as reactive state, shared by every chart on the page. */
import { readChartTheme, watchChartTheme, type ChartTheme } from './theme';

export class ChartThemeState {
	current = $state.raw<ChartTheme>(readChartTheme());
	#stop = watchChartTheme((theme) => (this.current = theme));

	destroy(): void {
		this.#stop();
	}
}
