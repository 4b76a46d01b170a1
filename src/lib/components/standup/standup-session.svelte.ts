/**
 * The stand-up flow of one tab: presenting (and publishing it in awareness), following another
 * presenter, or browsing people freely.
 */
import { newId } from '$lib/board';
import { localContext, localMemberId } from '$lib/sync/identity';
import { storedName } from '$lib/sync/presence.svelte';
import {
	DEFAULT_MINUTES,
	recordStandup,
	STANDUP_FIELD,
	standupPeople,
	standupSince,
	timerMinutes,
	type StandupPerson,
	type StandupPresence
} from '$lib/standup';
import { LiveBoard } from './live-board.svelte';

/** The stand-up this tab presents. */
interface OwnStandup {
	standupId: string;
	startedAt: number;
	minutes: number;
	/** Member ids in speaking order, fixed when the stand-up starts. */
	people: string[];
	index: number;
	personStartedAt: number;
}

/**
 * `idle`: no stand-up runs. `presenting`: this tab presents. `live`: another client presents.
 * `paused`: the presenter this tab saw left before ending the stand-up.
 */
export type StandupMode = 'idle' | 'presenting' | 'live' | 'paused';

function storageKey(boardId: string): string {
	return `tandem.standup.${boardId}`;
}

/**
 * Reads the stand-up this tab presented before a reload, so it goes on where it was.
 * NOTE: the running stand-up lives only in this tab's `sessionStorage`. If the presenter closes
 * the tab, it is never recorded and followers show it paused until they reload.
 */
function restoreOwn(boardId: string): OwnStandup | null {
	const stored = sessionStorage.getItem(storageKey(boardId));
	if (!stored) return null;
	let value: Partial<OwnStandup>;
	try {
		value = JSON.parse(stored) as Partial<OwnStandup>;
	} catch (error) {
		if (!(error instanceof SyntaxError)) throw error;
		sessionStorage.removeItem(storageKey(boardId));
		return null;
	}
	if (
		typeof value.standupId !== 'string' ||
		typeof value.startedAt !== 'number' ||
		typeof value.personStartedAt !== 'number' ||
		typeof value.index !== 'number' ||
		!Array.isArray(value.people)
	) {
		return null;
	}
	return {
		standupId: value.standupId,
		startedAt: value.startedAt,
		minutes: timerMinutes(value.minutes),
		people: value.people.filter((person) => typeof person === 'string'),
		index: value.index,
		personStartedAt: value.personStartedAt
	};
}

export class StandupSession {
	readonly live: LiveBoard;
	readonly #boardId: string;
	/** The time the page opened; "since" counts from 24 hours before it when nothing is recorded. */
	readonly #openedAt = Date.now();
	#own = $state.raw<OwnStandup | null>(null);
	/** The last presence seen from another presenter, kept to show where a paused stand-up was. */
	#seen = $state.raw<StandupPresence | null>(null);
	following = $state(true);
	/** The person shown while not following, or while no stand-up runs. */
	browseId = $state<string | null>(null);
	minutes = $state(DEFAULT_MINUTES);

	/** The people of the board in speaking order. */
	readonly people: StandupPerson[];
	readonly mode: StandupMode;
	/** The running (or paused) stand-up of another client. */
	readonly remote: StandupPresence | null;
	/** Member ids in the order the Previous and Next buttons walk. */
	readonly order: string[];
	/** The person on screen, or null for the start panel. */
	readonly personId: string | null;
	/** Start of "what changed", in milliseconds. */
	readonly since: number;
	/** The countdown on screen: the presenter's, shown while presenting or following. */
	readonly timer: { personStartedAt: number; minutes: number } | null;

	constructor(boardId: string) {
		this.#boardId = boardId;
		this.live = new LiveBoard(boardId);
		// Registered after the live board's own listener, so `presenter` is current here.
		this.live.connection.provider.awareness.on('change', this.#keepSeen);
		this.people = $derived(this.live.board ? standupPeople(this.live.board) : []);

		this.mode = $derived.by(() => {
			if (this.#own) return 'presenting';
			if (this.live.presenter) return 'live';
			const seen = this.#seen;
			if (seen && !this.live.standups.some((standup) => standup.id === seen.standupId)) {
				return 'paused';
			}
			return 'idle';
		});

		this.remote = $derived(
			this.live.presenter?.presence ?? (this.mode === 'paused' ? this.#seen : null)
		);

		this.order = $derived(this.#own ? this.#own.people : this.people.map((person) => person.id));

		this.personId = $derived.by(() => {
			if (this.#own) return this.#own.people[this.#own.index] ?? null;
			if (this.remote && this.following) return this.remote.personId;
			return this.browseId;
		});

		this.since = $derived(
			standupSince(
				this.live.standups,
				this.#own?.startedAt ?? this.remote?.startedAt ?? this.#openedAt
			)
		);

		this.timer = $derived.by(() => {
			if (this.#own) return this.#own;
			if (this.mode === 'live' && this.following && this.remote) return this.remote;
			return null;
		});

		const restored = restoreOwn(boardId);
		if (restored) {
			// Resumes only a stand-up that no replica has recorded as ended.
			void this.live.connection.synced.then(() => {
				this.live.refresh();
				if (this.live.standups.some((standup) => standup.id === restored.standupId)) return;
				this.#setOwn(restored);
			});
		}
	}

	get own(): OwnStandup | null {
		return this.#own;
	}

	start(): void {
		if (this.#own || this.live.presenter || this.people.length === 0) return;
		const now = Date.now();
		this.#setOwn({
			standupId: newId(),
			startedAt: now,
			minutes: timerMinutes(this.minutes),
			people: this.people.map((person) => person.id),
			index: 0,
			personStartedAt: now
		});
	}

	/** Moves to the next (`step` 1) or previous (`step` -1) person; a follower stops following. */
	step(step: 1 | -1): void {
		const own = this.#own;
		if (own) {
			const index = Math.min(Math.max(own.index + step, 0), own.people.length - 1);
			if (index !== own.index) this.#setOwn({ ...own, index, personStartedAt: Date.now() });
			return;
		}
		if (this.order.length === 0) return;
		const current = this.personId === null ? -1 : this.order.indexOf(this.personId);
		const index = Math.min(Math.max(current + step, 0), this.order.length - 1);
		this.following = false;
		this.browseId = this.order[index];
	}

	setFollowing(following: boolean): void {
		// An unfollowed view stays on the person it showed, whatever the presenter does next.
		if (!following) this.browseId = this.personId;
		this.following = following;
	}

	browse(personId: string): void {
		this.following = false;
		this.browseId = personId;
	}

	end(): void {
		const own = this.#own;
		if (!own) return;
		// A one-off conversion to ISO 8601, so it needs no reactive date.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const startedAt = new Date(own.startedAt).toISOString();
		recordStandup(
			this.live.connection.doc,
			{
				id: own.standupId,
				startedAt,
				people: own.people.slice(0, own.index + 1)
			},
			localContext()
		);
		this.#setOwn(null);
		this.browseId = null;
	}

	/** Keeps the last presence of the presenter, so a follower can tell a pause from an end. */
	readonly #keepSeen = () => {
		const presence = this.live.presenter?.presence;
		if (presence) this.#seen = presence;
	};

	#setOwn(own: OwnStandup | null): void {
		this.#own = own;
		const { awareness } = this.live.connection.provider;
		if (own === null) {
			sessionStorage.removeItem(storageKey(this.#boardId));
			awareness.setLocalStateField(STANDUP_FIELD, null);
			return;
		}
		sessionStorage.setItem(storageKey(this.#boardId), JSON.stringify(own));
		const presence: StandupPresence = {
			standupId: own.standupId,
			presenter: localMemberId(),
			presenterName: storedName(localMemberId()),
			personId: own.people[own.index] ?? '',
			personStartedAt: own.personStartedAt,
			startedAt: own.startedAt,
			minutes: own.minutes
		};
		awareness.setLocalStateField(STANDUP_FIELD, presence);
	}

	destroy(): void {
		// Leaves the stored stand-up in place, so a reload of this tab resumes it.
		const { awareness } = this.live.connection.provider;
		awareness.off('change', this.#keepSeen);
		if (this.#own) awareness.setLocalStateField(STANDUP_FIELD, null);
		this.live.destroy();
	}
}
