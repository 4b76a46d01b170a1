/**
 * TV mode lays the dashboard out once at a fixed 1920×1080 stage and scales it to the screen, so
 * a 1920×1080 and a 1280×720 screen show the same picture and nothing scrolls.
 */
export const STAGE_WIDTH = 1920;
export const STAGE_HEIGHT = 1080;

export interface StageFit {
	scale: number;
	/** Offsets in screen pixels that center the scaled stage (letterboxing on other ratios). */
	left: number;
	top: number;
}

/** Computes the scale and offsets that fit the stage into a `width` × `height` screen. */
export function fitStage(width: number, height: number): StageFit {
	if (width <= 0 || height <= 0) return { scale: 1, left: 0, top: 0 };
	const scale = Math.min(width / STAGE_WIDTH, height / STAGE_HEIGHT);
	return {
		scale,
		left: (width - STAGE_WIDTH * scale) / 2,
		top: (height - STAGE_HEIGHT * scale) / 2
	};
}
