/**
 * Moving cards by mouse or touch (pointer events) or keyboard. A touch press becomes a drag only
 * after the finger rests on the card for a moment, so a swipe still scrolls the board. Both modes share one state: the card being
 * moved and the drop target, which is a stage and an index into that stage's cards without the
 * moving card. Columns draw a placeholder at the target, and the drop calls `moveCard`.
 */
import { BoardError, isHandoffMove, moveCard, type Card, type ChangeContext } from '$lib/board';
import { t } from '$lib/i18n/index.svelte';
import type { BoardView } from '$lib/sync/board-view.svelte';
import { AUTO_SCROLL_EDGE, DRAG_THRESHOLD, ROW_HEIGHT } from './layout';
import { openHandoffDialog } from './handoff/open-dialog';
import { stageName } from './stage-name';

export interface DropTarget {
	stageId: string;
	index: number;
}

interface Ghost {
	x: number;
	y: number;
	offsetX: number;
	offsetY: number;
	width: number;
}

interface PendingPress {
	cardId: string;
	pointerId: number;
	startX: number;
	startY: number;
	/** Latest pointer position, where a long press places the lifted card. */
	lastX: number;
	lastY: number;
	rect: DOMRect;
	/** True for a finger, which needs a long press before it drags. */
	touch: boolean;
}

/** Time a finger must rest on a card, in milliseconds, before it picks the card up. */
export const LONG_PRESS_MS = 400;
/** Finger travel, in CSS pixels, after which a press counts as a swipe and never drags. */
export const TOUCH_SLOP = 8;

export class BoardDrag {
	cardId = $state<string | null>(null);
	mode = $state<'pointer' | 'keyboard' | null>(null);
	target = $state<DropTarget | null>(null);
	ghost = $state<Ghost | null>(null);
	/** Text for the aria-live region. */
	announcement = $state('');
	/** A card that its column should scroll to and focus, after a keyboard drop or a new card. */
	focusRequest = $state<string | null>(null);
	/** True while the handoff dialog of a drop from sales into ops is open. */
	handoffOpen = $state(false);
	/** The error of the last failed drop, shown to the user. */
	error = $state<string | null>(null);

	#view: BoardView;
	#context: () => ChangeContext;
	#origin: DropTarget | null = null;
	/** Title of the card being moved, for the announcement after someone else deletes it. */
	#title = '';
	#pending: PendingPress | null = null;
	/** Set when a pointer drag ends: the click that follows its pointerup opens no editor. */
	#suppressClick = false;
	#stopListening: (() => void) | null = null;
	#stopWatching: () => void;

	constructor(view: BoardView, context: () => ChangeContext) {
		this.#view = view;
		this.#context = context;
		this.#stopWatching = view.onRemoteCardChange((ids) => this.#onRemoteChange(ids));
	}

	destroy(): void {
		this.#stopListening?.();
		this.#stopWatching();
	}

	/** True for the click that a pointer drag ends with; the card then opens no drawer. */
	isDragClick(): boolean {
		const suppress = this.#suppressClick;
		this.#suppressClick = false;
		return suppress;
	}

	/** Returns the cards of a stage without the one being moved, as drop indexes count them. */
	cardsWithoutMoving(stageId: string): Card[] {
		const cards = this.#view.column(stageId).cards;
		const moving = this.cardId;
		if (moving === null || this.#view.card(moving)?.position.stageId !== stageId) return cards;
		return cards.filter((card) => card.id !== moving);
	}

	// ---- pointer ----

	/** Starts watching a press on a card; it becomes a drag once the pointer travels a little. */
	press(event: PointerEvent, cardId: string): void {
		if (event.button !== 0 || this.cardId !== null) return;
		this.#suppressClick = false;
		const element = event.currentTarget as HTMLElement;
		const touch = event.pointerType === 'touch';
		this.#pending = {
			cardId,
			pointerId: event.pointerId,
			startX: event.clientX,
			startY: event.clientY,
			lastX: event.clientX,
			lastY: event.clientY,
			rect: element.getBoundingClientRect(),
			touch
		};
		const move = (moveEvent: PointerEvent) => this.#onPointerMove(moveEvent);
		const up = (upEvent: PointerEvent) => this.#onPointerUp(upEvent);
		const cancel = () => this.cancel();
		const key = (keyEvent: KeyboardEvent) => {
			if (keyEvent.key === 'Escape' && this.mode === 'pointer') {
				keyEvent.preventDefault();
				this.cancel();
			}
		};
		window.addEventListener('pointermove', move);
		window.addEventListener('pointerup', up);
		window.addEventListener('pointercancel', cancel);
		window.addEventListener('keydown', key, true);
		const stopTouch = touch ? this.#watchTouch(element) : () => {};
		this.#stopListening = () => {
			window.removeEventListener('pointermove', move);
			window.removeEventListener('pointerup', up);
			window.removeEventListener('pointercancel', cancel);
			window.removeEventListener('keydown', key, true);
			stopTouch();
			this.#stopListening = null;
		};
	}

	/**
	 * Starts the long-press timer of a touch press. While a finger drags a card, touch moves must
	 * not scroll the page, and the long press must not open the context menu. The listeners sit on
	 * the card as well as the window because the column replaces the lifted card with a placeholder,
	 * and touch events keep going to the removed element, which no longer bubbles to the window.
	 */
	#watchTouch(element: HTMLElement): () => void {
		const timer = setTimeout(() => this.#onLongPress(), LONG_PRESS_MS);
		const blockScroll = (event: TouchEvent) => {
			if (this.mode === 'pointer' && event.cancelable) event.preventDefault();
		};
		const blockMenu = (event: Event) => event.preventDefault();
		const options = { passive: false, capture: true };
		for (const target of [window, element]) {
			target.addEventListener('touchmove', blockScroll as EventListener, options);
			target.addEventListener('contextmenu', blockMenu, true);
		}
		return () => {
			clearTimeout(timer);
			for (const target of [window, element]) {
				target.removeEventListener('touchmove', blockScroll as EventListener, options);
				target.removeEventListener('contextmenu', blockMenu, true);
			}
		};
	}

	/** Lifts the card under a finger that has rested on it for `LONG_PRESS_MS`. */
	#onLongPress() {
		const pending = this.#pending;
		if (!pending || this.cardId !== null) return;
		if (!this.#begin(pending.cardId, 'pointer')) {
			this.#stopListening?.();
			this.#pending = null;
			return;
		}
		this.ghost = {
			x: pending.lastX,
			y: pending.lastY,
			offsetX: pending.startX - pending.rect.left,
			offsetY: pending.startY - pending.rect.top,
			width: pending.rect.width
		};
		this.#announce('board.drag.pickedUp');
	}

	#onPointerMove(event: PointerEvent) {
		const pending = this.#pending;
		if (pending && event.pointerId === pending.pointerId && this.cardId === null) {
			pending.lastX = event.clientX;
			pending.lastY = event.clientY;
			const distance = Math.hypot(event.clientX - pending.startX, event.clientY - pending.startY);
			if (pending.touch) {
				// A finger that moves before the long press ends is scrolling, which the browser handles.
				if (distance > TOUCH_SLOP) this.cancel();
				return;
			}
			if (distance < DRAG_THRESHOLD) return;
			if (!this.#begin(pending.cardId, 'pointer')) {
				this.#stopListening?.();
				return;
			}
			this.ghost = {
				x: event.clientX,
				y: event.clientY,
				offsetX: pending.startX - pending.rect.left,
				offsetY: pending.startY - pending.rect.top,
				width: pending.rect.width
			};
		}
		if (this.mode !== 'pointer' || !this.ghost) return;
		this.ghost = { ...this.ghost, x: event.clientX, y: event.clientY };
		const target = this.#targetAt(event.clientX, event.clientY);
		if (target) this.target = target;
	}

	#onPointerUp(event: PointerEvent) {
		if (this.#pending && event.pointerId !== this.#pending.pointerId) return;
		const dragging = this.mode === 'pointer';
		this.#stopListening?.();
		this.#pending = null;
		if (!dragging) return;
		this.#suppressClick = true;
		this.drop();
	}

	/** Finds the column under a point and the index between its cards nearest to the point. */
	#targetAt(x: number, y: number): DropTarget | null {
		const column = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-stage-id]');
		const stageId = column?.dataset.stageId;
		const scroller = column?.querySelector<HTMLElement>('[data-card-scroller]');
		if (!column || !stageId || !scroller) return null;
		const rect = scroller.getBoundingClientRect();
		if (y < rect.top + AUTO_SCROLL_EDGE) scroller.scrollTop -= ROW_HEIGHT / 2;
		else if (y > rect.bottom - AUTO_SCROLL_EDGE) scroller.scrollTop += ROW_HEIGHT / 2;
		const count = this.cardsWithoutMoving(stageId).length;
		const offset = y - rect.top + scroller.scrollTop;
		const index = Math.round(offset / ROW_HEIGHT);
		return { stageId, index: Math.max(0, Math.min(count, index)) };
	}

	// ---- keyboard ----

	/** Picks a card up for moving with the arrow keys. */
	pickUp(cardId: string): void {
		if (this.cardId !== null || !this.#begin(cardId, 'keyboard')) return;
		const key = (event: KeyboardEvent) => this.#onKey(event);
		window.addEventListener('keydown', key, true);
		this.#stopListening = () => {
			window.removeEventListener('keydown', key, true);
			this.#stopListening = null;
		};
		this.#announce('board.drag.pickedUp');
	}

	#onKey(event: KeyboardEvent) {
		const target = this.target;
		if (!target) return;
		const stages = this.#view.stages;
		const stageIndex = stages.findIndex((stage) => stage.id === target.stageId);
		let next: DropTarget | null = null;
		switch (event.key) {
			case 'ArrowLeft':
			case 'ArrowRight': {
				const step = event.key === 'ArrowLeft' ? -1 : 1;
				const stage = stages[stageIndex + step];
				if (stage) {
					const count = this.cardsWithoutMoving(stage.id).length;
					next = { stageId: stage.id, index: Math.min(target.index, count) };
				}
				break;
			}
			case 'ArrowUp':
				next = { ...target, index: Math.max(0, target.index - 1) };
				break;
			case 'ArrowDown': {
				const count = this.cardsWithoutMoving(target.stageId).length;
				next = { ...target, index: Math.min(count, target.index + 1) };
				break;
			}
			case 'Enter':
			case ' ':
				event.preventDefault();
				event.stopPropagation();
				this.drop();
				return;
			case 'Escape':
				event.preventDefault();
				event.stopPropagation();
				this.cancel();
				return;
			case 'Tab':
				event.preventDefault();
				return;
			default:
				return;
		}
		event.preventDefault();
		event.stopPropagation();
		if (next) {
			this.target = next;
			this.#announce('board.drag.over');
		}
	}

	// ---- shared ----

	#begin(cardId: string, mode: 'pointer' | 'keyboard'): boolean {
		const card = this.#view.card(cardId);
		if (!card) return false;
		const stageId = card.position.stageId;
		const index = this.#view.column(stageId).cards.findIndex((item) => item.id === cardId);
		if (index < 0) return false;
		this.error = null;
		this.#origin = { stageId, index };
		this.#title = card.title;
		this.cardId = cardId;
		this.mode = mode;
		this.target = { stageId, index };
		return true;
	}

	/** Moves the card to the drop target, unless that is where it already is. */
	drop(): void {
		const cardId = this.cardId;
		const target = this.target;
		const origin = this.#origin;
		const card = cardId ? this.#view.card(cardId) : undefined;
		if (!cardId || !target || !origin || !card) {
			this.#end();
			return;
		}
		// The card's current place, not its origin, because someone else may have moved it since.
		const stageId = card.position.stageId;
		const index = this.#view.column(stageId).cards.findIndex((item) => item.id === cardId);
		const unchanged = target.stageId === stageId && target.index === index;
		const cards = this.cardsWithoutMoving(target.stageId);
		const afterCardId = target.index === 0 ? null : (cards[target.index - 1]?.id ?? null);
		const keyboard = this.mode === 'keyboard';
		if (!unchanged && this.#isHandoff(card, target.stageId)) {
			this.#end();
			this.#handOff(card, { stageId: target.stageId, afterCardId }, keyboard);
			return;
		}
		if (!unchanged) {
			try {
				moveCard(this.#view.doc, cardId, { stageId: target.stageId, afterCardId }, this.#context());
			} catch (error) {
				if (!(error instanceof BoardError)) throw error;
				this.error = error.message;
			}
		}
		this.#announce('board.drag.dropped');
		this.#end();
		if (keyboard) this.focusRequest = cardId;
	}

	#isHandoff(card: Card, stageId: string): boolean {
		const stages = this.#view.stages;
		const from = stages.find((stage) => stage.id === card.position.stageId);
		return isHandoffMove(
			from,
			stages.find((stage) => stage.id === stageId)
		);
	}

	/**
	 * Opens the handoff dialog instead of moving: the dialog moves the card on submit, and on
	 * Escape the card stays in its sales stage.
	 */
	#handOff(card: Card, target: { stageId: string; afterCardId: string | null }, keyboard: boolean) {
		const stage = this.#view.stages.find((item) => item.id === target.stageId);
		this.handoffOpen = true;
		openHandoffDialog({
			doc: this.#view.doc,
			cardId: card.id,
			title: card.title,
			stageName: stage ? stageName(stage) : target.stageId,
			target,
			change: this.#context,
			onclose: (moved) => {
				this.handoffOpen = false;
				const cards = this.#view.column(target.stageId).cards;
				this.announcement = t(moved ? 'board.drag.dropped' : 'board.drag.cancelled', {
					title: card.title,
					stage: stage ? stageName(stage) : target.stageId,
					position: cards.findIndex((item) => item.id === card.id) + 1,
					count: cards.length
				});
				if (keyboard) this.focusRequest = card.id;
			}
		});
	}

	cancel(): void {
		if (this.cardId === null) {
			this.#stopListening?.();
			this.#pending = null;
			return;
		}
		const cardId = this.cardId;
		const keyboard = this.mode === 'keyboard';
		this.#announce('board.drag.cancelled');
		this.#end();
		if (keyboard) this.focusRequest = cardId;
	}

	#end() {
		this.#stopListening?.();
		this.#pending = null;
		this.#origin = null;
		this.cardId = null;
		this.mode = null;
		this.target = null;
		this.ghost = null;
	}

	/** Ends the drag when another person moved, archived or deleted the card being moved. */
	#onRemoteChange(ids: Set<string>) {
		const cardId = this.cardId;
		if (cardId === null || !ids.has(cardId) || !this.#origin) return;
		const card = this.#view.card(cardId);
		if (card && !card.archived && card.position.stageId === this.#origin.stageId) return;
		this.announcement = t('board.drag.gone', { title: card?.title ?? this.#title });
		this.#end();
	}

	#announce(key: string) {
		const card = this.cardId ? this.#view.card(this.cardId) : undefined;
		const target = this.target;
		if (!card || !target) return;
		const stage = this.#view.stages.find((item) => item.id === target.stageId);
		const count = this.cardsWithoutMoving(target.stageId).length + 1;
		this.announcement = t(key, {
			title: card.title,
			stage: stage ? stageName(stage) : target.stageId,
			position: target.index + 1,
			count
		});
	}
}
