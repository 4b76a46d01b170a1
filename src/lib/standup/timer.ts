/** The per-person countdown of a stand-up. It never advances by itself: the presenter does. */

export const DEFAULT_MINUTES = 2;
export const MIN_MINUTES = 1;
export const MAX_MINUTES = 5;
/** At or below this many milliseconds left the countdown turns amber. */
export const WARNING_MS = 30_000;

export type TimerPhase = 'running' | 'warning' | 'over';

export interface TimerState {
	/** Milliseconds left; negative once the time is over. */
	remainingMs: number;
	phase: TimerPhase;
}

/** Returns `value` when it is a whole number of minutes from 1 to 5, else the 2-minute default. */
export function timerMinutes(value: unknown): number {
	if (typeof value !== 'number' || !Number.isInteger(value)) return DEFAULT_MINUTES;
	if (value < MIN_MINUTES || value > MAX_MINUTES) return DEFAULT_MINUTES;
	return value;
}

/**
 * Returns the countdown at `now`. The time left never exceeds the full span, so a clock a little
 * behind the presenter's (another machine, or a tick not yet run) still starts at `m:00`.
 */
export function timerState(personStartedAt: number, minutes: number, now: number): TimerState {
	const spanMs = minutes * 60_000;
	const remainingMs = Math.min(personStartedAt + spanMs - now, spanMs);
	let phase: TimerPhase = 'running';
	if (remainingMs <= 0) phase = 'over';
	else if (remainingMs <= WARNING_MS) phase = 'warning';
	return { remainingMs, phase };
}

/**
 * Formats the time left as `m:ss`, rounding up so the display reaches 0:00 exactly when the time
 * is over. Time past the end shows with a minus sign, such as `-0:05`.
 */
export function formatCountdown(remainingMs: number): string {
	const over = remainingMs < 0;
	const seconds = over ? Math.floor(-remainingMs / 1000) : Math.ceil(remainingMs / 1000);
	const text = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
	return over && seconds > 0 ? `-${text}` : text;
}
