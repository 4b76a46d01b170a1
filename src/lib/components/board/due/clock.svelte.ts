/** A reactive current time for due markers, so "due today" turns "overdue" without a reload. */
import { createSubscriber } from 'svelte/reactivity';

/** Time between updates, in milliseconds. */
const TICK_MS = 30_000;

class Clock {
	#subscribe = createSubscriber((update) => {
		const timer = setInterval(update, TICK_MS);
		return () => clearInterval(timer);
	});

	/** The current time in milliseconds; effects that read it rerun every tick while in use. */
	get now(): number {
		this.#subscribe();
		return Date.now();
	}
}

/** One clock shared by every card, so a board of many cards runs one timer. */
export const clock = new Clock();

/** Returns the IANA time zone of this browser, such as `Asia/Shanghai`. */
export function viewerTimeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
