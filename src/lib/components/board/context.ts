/** State shared by the components of one open board: view, drag state, filters and the editor. */
import { getContext, setContext } from 'svelte';
import type { ChangeContext } from '$lib/board';
import type { BoardView } from '$lib/sync/board-view.svelte';
import type { BoardDrag } from './drag.svelte';
import type { BoardFilters } from './filters/board-filters.svelte';
import type { AddCardRequest } from './help/add-request.svelte';

export interface BoardContext {
	view: BoardView;
	drag: BoardDrag;
	/** The board's filter; columns show only the cards it matches. */
	filters: BoardFilters;
	addRequest: AddCardRequest;
	/** True for a view-only link: the board offers no drag, add, edit, import or undo. */
	readOnly: boolean;
	/** Returns who is making a change, for the events that operations append. */
	change: () => ChangeContext;
	openCard: (cardId: string) => void;
}

const KEY = Symbol('board');

export function setBoardContext(context: BoardContext): void {
	setContext(KEY, context);
}

export function getBoardContext(): BoardContext {
	return getContext<BoardContext>(KEY);
}
