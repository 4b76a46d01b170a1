/** The past day the board page shows, read from `?asOf=YYYY-MM-DD`, and its replayed lanes. */
import { BoardError, readBoard } from '$lib/board';
import { replaceState } from '$app/navigation';
import { resolve } from '$app/paths';
import { page } from '$app/state';
import type { BoardView } from '$lib/sync/board-view.svelte';
import { firstEventDay, pastLanes, utcDay, type PastLane } from './past-board';

export class BoardHistory {
	/** The chosen day, or null for the live board; the address keeps it across reloads. */
	day = $state<string | null>(page.url.searchParams.get('asOf'));
	/** The replayed lanes or the error that the day in the address raised; null on the live board. */
	readonly result = $derived.by(() => this.replay());
	/** The replayed lanes, or null on the live board and for an invalid day. */
	readonly lanes = $derived(this.result?.lanes ?? null);
	readonly error = $derived(this.result?.error ?? null);
	readonly today = $derived(utcDay(Date.now()));
	readonly firstDay = $derived.by(() => {
		void this.view.cardCount;
		return firstEventDay(readBoard(this.view.doc)) ?? this.today;
	});

	constructor(private readonly view: BoardView) {}

	/** Shows the board at the end of `day`, or the live board for null or an empty string. */
	choose(day: string | null): void {
		this.day = day || null;
		// A scratch copy of the query, which keeps the filters' parameters.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const params = new URLSearchParams(page.url.search);
		if (this.day === null) params.delete('asOf');
		else params.set('asOf', this.day);
		const query = params.toString();
		const suffix = query === '' ? '' : `?${query}`;
		// The path comes from resolve(); the rule does not accept a query appended to it.
		// eslint-disable-next-line svelte/no-navigation-without-resolve
		replaceState(resolve('/boards/[id]', { id: page.params.id ?? '' }) + suffix, page.state);
	}

	private replay(): { lanes: PastLane[] | null; error: string | null } | null {
		if (this.day === null) return null;
		// Later moves leave the past unchanged, but a deleted card leaves it too, so a change of
		// the card count reads the board again.
		void this.view.cardCount;
		try {
			return { lanes: pastLanes(readBoard(this.view.doc), this.day), error: null };
		} catch (error) {
			if (!(error instanceof BoardError)) throw error;
			return { lanes: null, error: error.message };
		}
	}
}
