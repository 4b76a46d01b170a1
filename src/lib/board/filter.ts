/**
 * Board filters: which cards to show, and how a filter is written in a page address
 * (`?q=&owner=&tag=&health=&overdue=1&mine=1`) so that a filtered view can be shared.
 */
import { endOf } from '../kpi/time';
import { isTerminal } from '../kpi/stages';
import { dueStatus } from './due';
import { HEALTH_VALUES, type Card, type Health, type Stage } from './schema';

export interface CardFilter {
	/** Free text; every word must occur in the title, company or contact. */
	q: string;
	/** Member id of the sales or ops owner. */
	owner: string | null;
	tag: string | null;
	health: Health | null;
	/** Only cards past their due date and not in a terminal stage. */
	overdue: boolean;
	/** Only cards the local member owns, in either lane. */
	mine: boolean;
}

export const EMPTY_FILTER: Readonly<CardFilter> = {
	q: '',
	owner: null,
	tag: null,
	health: null,
	overdue: false,
	mine: false
};

/** The facts besides the card that a filter is judged against. */
export interface FilterContext {
	/** The time overdue is judged at, in milliseconds. */
	now: number;
	/** Member id of the person looking at the board, for "my cards". */
	memberId: string;
	stages: readonly Stage[];
	/**
	 * IANA time zone of the viewer. With it, an all-day due date is overdue from the viewer's next
	 * calendar day, as the card's due marker shows. Without it, the next UTC day counts.
	 */
	timeZone?: string;
}

export function isFilterActive(filter: CardFilter): boolean {
	return (
		filter.q.trim() !== '' ||
		filter.owner !== null ||
		filter.tag !== null ||
		filter.health !== null ||
		filter.overdue ||
		filter.mine
	);
}

function words(text: string): string[] {
	return text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

/** Returns whether a card passes every condition of the filter. */
export function matchesFilter(card: Card, filter: CardFilter, context: FilterContext): boolean {
	if (filter.owner !== null && card.salesOwner !== filter.owner && card.opsOwner !== filter.owner) {
		return false;
	}
	if (filter.mine && card.salesOwner !== context.memberId && card.opsOwner !== context.memberId) {
		return false;
	}
	if (filter.tag !== null && !card.tags.includes(filter.tag)) return false;
	if (filter.health !== null && card.health !== filter.health) return false;
	if (filter.overdue && !isOverdue(card, context)) return false;
	const terms = words(filter.q);
	if (terms.length === 0) return true;
	const haystack = [card.title, card.company, card.contact].join('\n').toLocaleLowerCase();
	return terms.every((term) => haystack.includes(term));
}

/** Returns whether a card is past its due date and outside a terminal stage. */
export function isOverdue(card: Card, context: FilterContext): boolean {
	if (context.timeZone !== undefined) {
		if (dueStatus(card.dueAt, context.now, context.timeZone) !== 'overdue') return false;
	} else {
		const due = endOf(card.dueAt);
		if (due === null || context.now < due) return false;
	}
	const stage = context.stages.find((entry) => entry.id === card.position.stageId);
	return stage === undefined || !isTerminal(stage);
}

/** Reads a filter from an address's query; unknown or invalid values are left out. */
export function filterFromParams(params: URLSearchParams): CardFilter {
	const health = params.get('health');
	return {
		q: params.get('q') ?? '',
		owner: params.get('owner') || null,
		tag: params.get('tag') || null,
		health: (HEALTH_VALUES as readonly string[]).includes(health ?? '') ? (health as Health) : null,
		overdue: params.get('overdue') === '1',
		mine: params.get('mine') === '1'
	};
}

/** Writes a filter into a query, removing the keys of the conditions that are off. */
export function writeFilterParams(filter: CardFilter, params: URLSearchParams): void {
	const values: Record<keyof CardFilter, string | null> = {
		q: filter.q === '' ? null : filter.q,
		owner: filter.owner,
		tag: filter.tag,
		health: filter.health,
		overdue: filter.overdue ? '1' : null,
		mine: filter.mine ? '1' : null
	};
	for (const [key, value] of Object.entries(values)) {
		if (value === null) params.delete(key);
		else params.set(key, value);
	}
}

/** Returns the distinct tags of the cards, sorted, for the tag filter's choices. */
export function tagsOf(cards: Iterable<Card>): string[] {
	const tags = new Set<string>();
	for (const card of cards) for (const tag of card.tags) tags.add(tag);
	return [...tags].sort((a, b) => a.localeCompare(b));
}
