/**
 * The person using this browser. Events record who made a change by member id; until people
 * sign in, each browser keeps a random id of its own in `localStorage`.
 */
import { newId, type ChangeContext } from '$lib/board';

const STORAGE_KEY = 'tandem.memberId';

export function localMemberId(): string {
	const stored = localStorage.getItem(STORAGE_KEY);
	if (stored) return stored;
	const id = `guest-${newId().slice(0, 8)}`;
	localStorage.setItem(STORAGE_KEY, id);
	return id;
}

/** Transaction origin of every change made in this tab, so undo can tell it from remote ones. */
export const LOCAL_ORIGIN = Symbol('local');

export function localContext(): ChangeContext {
	return { by: localMemberId(), origin: LOCAL_ORIGIN };
}
