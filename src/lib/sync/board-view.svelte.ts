/**
 * Reactive, incrementally updated view of a board document for the UI.
 *
 * Each stage's card list is its own `$state.raw` array. A change recomputes only the lists of the
 * stages whose cards changed, and unchanged cards keep their object identity, so a move on a board
 * of 10,000 cards re-renders two columns and one card.
 */
// The maps and sets below are private indexes, deliberately not reactive: the UI reacts to the
// `$state.raw` arrays they fill, which is what keeps a change from re-rendering every column.
/* eslint-disable svelte/prefer-svelte-reactivity */
import type * as Y from 'yjs';
import {
	boardRoots,
	compareByRank,
	readCard,
	readMembers,
	readMeta,
	readStages,
	type BoardMeta,
	type Card,
	type Member,
	type ReportInvalid,
	type Stage
} from '$lib/board';

/** The visible cards of one stage in display order, with their count and summed value. */
export class StageColumn {
	cards = $state.raw<Card[]>([]);
	total = $state.raw(0);
}

/** Receives the ids of cards that another replica changed or deleted, once per transaction. */
export type RemoteCardListener = (cardIds: Set<string>) => void;

export class BoardView {
	meta = $state.raw<BoardMeta>({
		schemaVersion: 1,
		name: '',
		createdAt: '',
		currency: 'CNY',
		locale: ''
	});
	stages = $state.raw<Stage[]>([]);
	members = $state.raw<Member[]>([]);
	membersById = $derived(new Map(this.members.map((member) => [member.id, member])));
	/** Number of unarchived cards on the board. */
	cardCount = $state.raw(0);

	readonly doc: Y.Doc;
	#report: ReportInvalid;
	#cards = new Map<string, Card>();
	#stageCardIds = new Map<string, Set<string>>();
	#columns = new Map<string, StageColumn>();
	#listeners = new Set<RemoteCardListener>();
	#unobserve: () => void;

	constructor(doc: Y.Doc, report: ReportInvalid = () => {}) {
		this.doc = doc;
		this.#report = report;
		const roots = boardRoots(doc);
		const onMeta = () => (this.meta = readMeta(roots.meta, report));
		const onStages = () => (this.stages = readStages(doc, report));
		const onMembers = () => (this.members = readMembers(doc, report));
		const onCards = (events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) =>
			this.#applyCardEvents(events, transaction);
		roots.meta.observe(onMeta);
		roots.stages.observeDeep(onStages);
		roots.members.observe(onMembers);
		roots.cards.observeDeep(onCards);
		this.#unobserve = () => {
			roots.meta.unobserve(onMeta);
			roots.stages.unobserveDeep(onStages);
			roots.members.unobserve(onMembers);
			roots.cards.unobserveDeep(onCards);
		};
		onMeta();
		onStages();
		onMembers();
		const all = new Set<string>();
		roots.cards.forEach((_map, id) => all.add(id));
		this.#applyChangedCards(all);
	}

	/** Returns the column of a stage; its arrays update as cards move in and out. */
	column(stageId: string): StageColumn {
		let column = this.#columns.get(stageId);
		if (!column) {
			column = new StageColumn();
			this.#columns.set(stageId, column);
			this.#recompute(stageId);
		}
		return column;
	}

	/** Returns the card as last read, or undefined when it no longer exists. */
	card(cardId: string): Card | undefined {
		return this.#cards.get(cardId);
	}

	onRemoteCardChange(listener: RemoteCardListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	destroy(): void {
		this.#unobserve();
		this.#listeners.clear();
	}

	#applyCardEvents(events: Y.YEvent<Y.AbstractType<unknown>>[], transaction: Y.Transaction) {
		const changed = new Set<string>();
		for (const event of events) {
			if (event.path.length === 0) {
				// The cards map itself: cards were added or deleted.
				for (const key of event.keys.keys()) changed.add(key);
			} else {
				// A field of one card, or something inside it such as its notes: path[0] is its id.
				changed.add(String(event.path[0]));
			}
		}
		this.#applyChangedCards(changed);
		if (!transaction.local) for (const listener of this.#listeners) listener(changed);
	}

	#applyChangedCards(cardIds: Set<string>) {
		const { cards } = boardRoots(this.doc);
		const dirty = new Set<string>();
		for (const id of cardIds) {
			const before = this.#cards.get(id);
			if (before) {
				this.#stageCardIds.get(before.position.stageId)?.delete(id);
				dirty.add(before.position.stageId);
			}
			const map = cards.get(id);
			if (!map) {
				this.#cards.delete(id);
				continue;
			}
			const card = readCard(id, map, this.#report);
			this.#cards.set(id, card);
			let ids = this.#stageCardIds.get(card.position.stageId);
			if (!ids) {
				ids = new Set();
				this.#stageCardIds.set(card.position.stageId, ids);
			}
			ids.add(id);
			dirty.add(card.position.stageId);
		}
		for (const stageId of dirty) this.#recompute(stageId);
		let count = 0;
		for (const card of this.#cards.values()) if (!card.archived) count++;
		this.cardCount = count;
	}

	#recompute(stageId: string) {
		const column = this.#columns.get(stageId);
		if (!column) return;
		const list: Card[] = [];
		let total = 0;
		for (const id of this.#stageCardIds.get(stageId) ?? []) {
			const card = this.#cards.get(id);
			if (!card || card.archived) continue;
			list.push(card);
			total += card.value;
		}
		column.cards = list.sort(compareByRank);
		column.total = total;
	}
}
