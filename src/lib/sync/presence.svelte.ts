/**
 * Presence: the other people on a board, over the y-websocket awareness protocol. Each tab publishes
 * `{ user: { id, name, color }, openCard?, dragging? }` and reads the states of the others.
 *
 * y-protocols renews a local state every 15 s and drops a remote one after 30 s without renewal,
 * so a tab that died without closing its socket stayed visible for half a minute. Here each tab
 * renews its state every `renewIntervalMs` (2 s) and hides, then removes, peers whose state is
 * older than `peerTimeoutMs` (6 s, three missed renewals). A clean close removes the local state
 * on `pagehide`, and the server removes the states of a socket as soon as it closes.
 */
import { removeAwarenessStates, type Awareness } from 'y-protocols/awareness';
import { localMemberId } from './identity';

export interface PresenceUser {
	id: string;
	name: string;
	color: string;
}

/** One tab's awareness state on a board. */
export interface PresenceState {
	user: PresenceUser;
	/** The card open in this tab's editor. */
	openCard?: string;
	/** The card this tab is moving. */
	dragging?: string;
}

/** A peer as the board shows it: one awareness client, which is one tab. */
export interface Peer extends PresenceState {
	clientId: number;
}

export interface PresenceOptions {
	renewIntervalMs?: number;
	peerTimeoutMs?: number;
}

export const RENEW_INTERVAL_MS = 2_000;
export const PEER_TIMEOUT_MS = 6_000;
/** Origin of the removals this module makes, so listeners can tell them from the server's. */
export const PRESENCE_TIMEOUT_ORIGIN = 'presence timeout';

/** Colours of avatars and rings; each keeps white initials at a contrast of at least 4.5:1. */
const COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7c3aed', '#b45309', '#be185d', '#0f766e'];

/** Returns the avatar colour of a member id; the same id always gets the same colour. */
export function colorFor(memberId: string): string {
	let hash = 0;
	for (const char of memberId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return COLORS[hash % COLORS.length];
}

/** Returns a readable default name for a member id such as `guest-1a2b3c4d`: `Guest 1a2b`. */
export function defaultName(memberId: string): string {
	const match = /^guest-([0-9a-z]{4})/i.exec(memberId);
	return match ? `Guest ${match[1]}` : memberId;
}

const NAME_KEY = 'tandem.displayName';
export const MAX_NAME_LENGTH = 60;

/** Returns the display name chosen in this browser, or the default one of the member id. */
export function storedName(memberId: string): string {
	return localStorage.getItem(NAME_KEY)?.trim() || defaultName(memberId);
}

/** Stores a display name; an empty name brings back the default. */
export function storeName(name: string): void {
	const trimmed = name.trim().slice(0, MAX_NAME_LENGTH);
	if (trimmed === '') localStorage.removeItem(NAME_KEY);
	else localStorage.setItem(NAME_KEY, trimmed);
}

/** Returns the person using this browser, as peers see them. */
export function localPresenceUser(): PresenceUser {
	const id = localMemberId();
	return { id, name: storedName(id), color: colorFor(id) };
}

/** Returns a valid presence state from an untrusted awareness state, or null. */
export function readPresenceState(value: unknown): PresenceState | null {
	if (typeof value !== 'object' || value === null) return null;
	const { user, openCard, dragging } = value as Record<string, unknown>;
	if (typeof user !== 'object' || user === null) return null;
	const { id, name, color } = user as Record<string, unknown>;
	if (typeof id !== 'string' || typeof name !== 'string' || typeof color !== 'string') return null;
	// A colour goes into a style attribute, so only a hex colour is accepted.
	if (!/^#[0-9a-f]{6}$/i.test(color)) return null;
	return {
		user: { id, name: name.slice(0, MAX_NAME_LENGTH), color },
		openCard: typeof openCard === 'string' ? openCard : undefined,
		dragging: typeof dragging === 'string' ? dragging : undefined
	};
}

export class BoardPresence {
	/** The other tabs on this board with a fresh state, in the order they joined. */
	peers = $state.raw<Peer[]>([]);
	/** This tab's own state. */
	local: PresenceState;

	#awareness: Awareness;
	#peerTimeoutMs: number;
	#dispose: () => void;

	constructor(awareness: Awareness, user: PresenceUser, options: PresenceOptions = {}) {
		this.#awareness = awareness;
		this.#peerTimeoutMs = options.peerTimeoutMs ?? PEER_TIMEOUT_MS;
		this.local = $state.raw({ user });
		awareness.setLocalState(this.local);

		const onChange = () => this.#refresh();
		awareness.on('change', onChange);
		const timer = setInterval(() => this.#renew(), options.renewIntervalMs ?? RENEW_INTERVAL_MS);
		const onPageHide = () => this.leave();
		// A page restored from the back/forward cache joins again.
		const onPageShow = () => this.#renew();
		// Hidden tabs get their timers throttled, so a tab renews at once when it is shown again.
		// NOTE: Chromium limits pages hidden for several minutes to about one timer wake-up a
		// minute, so such a tab may drop out of the others' lists between renewals.
		const onVisible = () => {
			if (document.visibilityState === 'visible') this.#renew();
		};
		if (typeof window !== 'undefined') {
			window.addEventListener('pagehide', onPageHide);
			window.addEventListener('beforeunload', onPageHide);
			window.addEventListener('pageshow', onPageShow);
			document.addEventListener('visibilitychange', onVisible);
		}
		this.#refresh();
		this.#dispose = () => {
			clearInterval(timer);
			awareness.off('change', onChange);
			if (typeof window !== 'undefined') {
				window.removeEventListener('pagehide', onPageHide);
				window.removeEventListener('beforeunload', onPageHide);
				window.removeEventListener('pageshow', onPageShow);
				document.removeEventListener('visibilitychange', onVisible);
			}
		};
	}

	/** Publishes which card this tab has open and is moving; null clears either. */
	setActivity(activity: { openCard: string | null; dragging: string | null }): void {
		const next: PresenceState = { user: this.local.user };
		if (activity.openCard !== null) next.openCard = activity.openCard;
		if (activity.dragging !== null) next.dragging = activity.dragging;
		if (next.openCard === this.local.openCard && next.dragging === this.local.dragging) return;
		this.local = next;
		this.#awareness.setLocalState(next);
	}

	/** Publishes a new display name. */
	rename(name: string): void {
		this.local = { ...this.local, user: { ...this.local.user, name } };
		this.#awareness.setLocalState(this.local);
	}

	/** Returns the peers that have this card open or are moving it. */
	peersOn(cardId: string): Peer[] {
		return this.peers.filter((peer) => peer.openCard === cardId || peer.dragging === cardId);
	}

	/** Removes this tab's state, so the others see at once that it left. */
	leave(): void {
		if (this.#awareness.getLocalState() === null) return;
		removeAwarenessStates(this.#awareness, [this.#awareness.clientID], 'page hidden');
	}

	destroy(): void {
		this.#dispose();
		this.leave();
	}

	/** Sends the local state again, so peers see it is alive, and drops peers that went quiet. */
	#renew(): void {
		// After `leave()` on a page that is shown again, the state is published anew.
		this.#awareness.setLocalState(this.local);
		const stale = this.#staleClients();
		if (stale.length > 0) {
			removeAwarenessStates(this.#awareness, stale, PRESENCE_TIMEOUT_ORIGIN);
		}
	}

	#staleClients(): number[] {
		const now = Date.now();
		const stale: number[] = [];
		for (const [clientId, meta] of this.#awareness.meta) {
			if (clientId === this.#awareness.clientID) continue;
			if (!this.#awareness.states.has(clientId)) continue;
			if (now - meta.lastUpdated > this.#peerTimeoutMs) stale.push(clientId);
		}
		return stale;
	}

	#refresh(): void {
		const peers: Peer[] = [];
		for (const [clientId, value] of this.#awareness.getStates()) {
			if (clientId === this.#awareness.clientID) continue;
			const state = readPresenceState(value);
			if (state) peers.push({ clientId, ...state });
		}
		this.peers = peers;
	}
}
