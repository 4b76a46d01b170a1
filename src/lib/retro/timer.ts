/** The shared countdown: one `endsAt` time that every client counts down to. */
import type * as Y from 'yjs';
import type { ChangeContext } from '../board/doc';
import { requireRetro } from './access';
import { MAX_TIMER_MINUTES, RETRO_KEYS, RetroError, type RetroTimer } from './schema';

export function startTimer(
	doc: Y.Doc,
	retroId: string,
	minutes: number,
	context: ChangeContext
): RetroTimer {
	const retro = requireRetro(doc, retroId);
	if (!Number.isFinite(minutes) || minutes <= 0 || minutes > MAX_TIMER_MINUTES) {
		throw new RetroError(
			`A timer runs for more than 0 and at most ${MAX_TIMER_MINUTES} minutes, not ${minutes}.`,
			'minutes'
		);
	}
	const now = (context.now ?? new Date()).getTime();
	const timer = { endsAt: new Date(now + minutes * 60_000).toISOString() };
	doc.transact(() => retro.set(RETRO_KEYS.timer, timer), context.origin);
	return timer;
}

export function stopTimer(doc: Y.Doc, retroId: string, context: ChangeContext): void {
	const retro = requireRetro(doc, retroId);
	doc.transact(() => retro.set(RETRO_KEYS.timer, null), context.origin);
}

/** Returns the whole seconds left on a timer at `now`; 0 once it has run out or without a timer. */
export function secondsLeft(timer: RetroTimer | null, now: number): number {
	if (!timer) return 0;
	return Math.max(0, Math.ceil((Date.parse(timer.endsAt) - now) / 1000));
}
