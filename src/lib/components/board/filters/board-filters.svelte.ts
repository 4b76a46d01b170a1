/**
 * The filter of one open board, kept in the page address so that a filtered view can be shared
 * and survives a reload. Columns read `matcher` to pick the cards they show.
 */
import { replaceState } from '$app/navigation';
import { resolve } from '$app/paths';
import { page } from '$app/state';
import type { Card } from '$lib/board';
import {
	EMPTY_FILTER,
	filterFromParams,
	isFilterActive,
	matchesFilter,
	writeFilterParams,
	type CardFilter
} from '$lib/board/filter';
import type { BoardView } from '$lib/sync/board-view.svelte';
import { viewerTimeZone } from '../due/clock.svelte';

export class BoardFilters {
	value = $state.raw<CardFilter>(EMPTY_FILTER);
	/** The time overdue cards are judged at; set again whenever the filter changes. */
	now = $state.raw(Date.now());
	readonly active = $derived(isFilterActive(this.value));
	readonly matcher: (card: Card) => boolean = $derived.by(() => {
		const filter = this.value;
		const context = {
			now: this.now,
			memberId: this.memberId,
			stages: this.#view.stages,
			timeZone: viewerTimeZone()
		};
		return (card: Card) => matchesFilter(card, filter, context);
	});

	readonly memberId: string;
	#view: BoardView;

	constructor(view: BoardView, memberId: string, params: URLSearchParams) {
		this.#view = view;
		this.memberId = memberId;
		this.value = filterFromParams(params);
	}

	set(patch: Partial<CardFilter>): void {
		this.value = { ...this.value, ...patch };
		this.now = Date.now();
		this.#writeAddress();
	}

	clear(): void {
		this.set(EMPTY_FILTER);
	}

	#writeAddress(): void {
		// A scratch copy of the query: the address, not this object, is what the page reads.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		const params = new URLSearchParams(page.url.search);
		writeFilterParams(this.value, params);
		const query = params.toString();
		if (query === page.url.search.replace(/^\?/, '')) return;
		const suffix = query === '' ? '' : `?${query}`;
		// The path comes from resolve(); the rule does not accept a query appended to it.
		// eslint-disable-next-line svelte/no-navigation-without-resolve
		replaceState(resolve('/boards/[id]', { id: page.params.id ?? '' }) + suffix, page.state);
	}
}
