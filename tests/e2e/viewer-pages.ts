/** Steps on the TV dashboard shared by the view-only end-to-end tests. */
import type { Page } from 'playwright-core';

/** Counts the TV layout's chart canvases that have at least one painted pixel. */
export async function drawnCharts(page: Page): Promise<number> {
	return page.evaluate(() => {
		let drawn = 0;
		for (const canvas of document.querySelectorAll<HTMLCanvasElement>('[data-tv] canvas')) {
			const context = canvas.getContext('2d');
			if (!context || canvas.width === 0 || canvas.height === 0) continue;
			const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
			for (let index = 3; index < pixels.length; index += 4) {
				if (pixels[index] !== 0) {
					drawn++;
					break;
				}
			}
		}
		return drawn;
	});
}
