/**
 * Retrospectives: sessions in the board document's `retros` root, keyed by id. Each is a `Y.Map`
 * whose keys and value shapes are listed here; `docs/schema.md` describes the same layout.
 */

/** Keys of one retrospective's `Y.Map`. */
export const RETRO_KEYS = {
	id: 'id',
	title: 'title',
	createdAt: 'createdAt',
	createdBy: 'createdBy',
	from: 'from',
	to: 'to',
	anonymous: 'anonymous',
	voteLimit: 'voteLimit',
	/** `Y.Map` column id → `RetroColumn`. */
	columns: 'columns',
	/** `Y.Map` item id → `Y.Map` with the `RetroItem` fields. */
	items: 'items',
	/** `Y.Map` `${memberId}:${itemId}` → ISO time of the vote. */
	votes: 'votes',
	/** `{ endsAt }` or null. */
	timer: 'timer',
	/** `Y.Map` action id → `RetroAction`. */
	actions: 'actions'
} as const;

export const DEFAULT_VOTE_LIMIT = 3;
export const MAX_VOTE_LIMIT = 20;
export const MAX_RETRO_TITLE_LENGTH = 200;
export const MAX_COLUMN_NAME_LENGTH = 60;
export const MAX_ITEM_TEXT_LENGTH = 1_000;
export const MAX_TIMER_MINUTES = 60;

/**
 * The default columns. Their ids are fixed, so the interface can show them in the reader's
 * language until someone renames them.
 */
export const DEFAULT_COLUMNS: readonly RetroColumn[] = [
	{ id: 'went-well', name: 'Went well', rank: 'a0' },
	{ id: 'to-improve', name: 'To improve', rank: 'a1' },
	{ id: 'ideas', name: 'Ideas', rank: 'a2' }
];

export interface RetroColumn {
	id: string;
	name: string;
	/** Fractional-index string ordering the columns. */
	rank: string;
}

export interface RetroItem {
	id: string;
	columnId: string;
	text: string;
	/** Member id of the author; absent in an anonymous retrospective. */
	by?: string;
	/** The board card this item is about. */
	cardId?: string;
	/** Id of the item heading the group this item belongs to. */
	groupId?: string;
	createdAt: string;
}

export interface RetroTimer {
	/** ISO 8601 time the countdown reaches zero; every client counts down to it. */
	endsAt: string;
}

/** A follow-up agreed in the retrospective; it becomes a card on the board. */
export interface RetroAction {
	id: string;
	text: string;
	ownerId: string | null;
	/** Due date, `YYYY-MM-DD`. */
	dueAt: string | null;
	/** The card made from this action, once there is one. */
	cardId: string | null;
	createdAt: string;
}

/** The stages an action's card may start in: the first stage of each swimlane. */
export const ACTION_STAGES = ['lead', 'onboarding'] as const;
export type ActionStage = (typeof ACTION_STAGES)[number];

/** A retrospective's settings, as read from its `Y.Map`. */
export interface RetroSummary {
	id: string;
	title: string;
	createdAt: string;
	createdBy: string;
	/** First day of the period the retrospective covers, `YYYY-MM-DD`. */
	from: string;
	/** Last day of the period, inclusive, `YYYY-MM-DD`. */
	to: string;
	anonymous: boolean;
	voteLimit: number;
	itemCount: number;
}

/** A rejected retrospective operation. `field` names the offending input. */
export class RetroError extends Error {
	constructor(
		message: string,
		readonly field?: string
	) {
		super(message);
		this.name = 'RetroError';
	}
}
