/** Presence and unconfirmed changes of the open board, for the toolbar and the cards. */
import { getContext, setContext } from 'svelte';
import type { PendingChanges } from '$lib/sync/pending.svelte';
import type { BoardPresence } from '$lib/sync/presence.svelte';

export interface PresenceContext {
	presence: BoardPresence;
	pending: PendingChanges;
}

const KEY = Symbol('presence');

export function setPresenceContext(context: PresenceContext): void {
	setContext(KEY, context);
}

/** Returns the presence context, or undefined outside an open board. */
export function getPresenceContext(): PresenceContext | undefined {
	return getContext<PresenceContext | undefined>(KEY);
}
