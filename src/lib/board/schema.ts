/**
 * The board document's public contract: every key and value shape that clients, the server and
 * external scripts read or write. Changing any of it needs a `SCHEMA_VERSION` bump and a migration.
 */

export const SCHEMA_VERSION = 1;

export const DEFAULT_CURRENCY = 'CNY';

/** Top-level keys of the board's `Y.Doc`. */
export const ROOT = {
	meta: 'meta',
	stages: 'stages',
	cards: 'cards',
	events: 'events',
	members: 'members',
	retros: 'retros'
} as const;

export const LANES = ['sales', 'ops'] as const;
export type Lane = (typeof LANES)[number];

/** The meaning of a stage for the KPIs: in progress, or one of the terminal outcomes. */
export const STAGE_KINDS = ['open', 'won', 'lost', 'active', 'churned'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

export const MEMBER_ROLES = ['sales', 'ops', 'manager'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const HEALTH_VALUES = ['good', 'at-risk', 'critical'] as const;
export type Health = (typeof HEALTH_VALUES)[number];

export const EVENT_TYPES = [
	'create',
	'move',
	'update',
	'archive',
	'restore',
	'delete',
	'handoff'
] as const;
export type BoardEventType = (typeof EVENT_TYPES)[number];

export interface Stage {
	id: string;
	lane: Lane;
	name: string;
	/** Fractional-index string ordering the stages of one lane. */
	rank: string;
	kind: StageKind;
	/** Chance, 0..1, that a card in this sales stage is won; used for the weighted pipeline. */
	probability?: number;
	wipLimit?: number;
}

export interface Position {
	stageId: string;
	/** Fractional-index string; cards with equal ranks are ordered by card id. */
	rank: string;
}

/** A card's plain fields, as read from its `Y.Map`; the collaborative parts stay in the document. */
export interface Card {
	id: string;
	title: string;
	company: string;
	contact: string;
	value: number;
	position: Position;
	salesOwner: string | null;
	opsOwner: string | null;
	tags: string[];
	dueAt: string | null;
	createdAt: string;
	closedAt: string | null;
	satisfaction: number | null;
	health: Health | null;
	source: string;
	archived: boolean;
}

/** The card fields that a person or an import may set directly. */
export type CardFields = Omit<Card, 'id' | 'position' | 'archived'>;

export interface BoardEvent {
	id: string;
	type: BoardEventType;
	cardId: string;
	/** ISO 8601 time of the change. */
	at: string;
	/** Member id of the person who made the change, or `system` for imports and seeding. */
	by: string;
	from?: string;
	to?: string;
	/** Names of the fields an `update` event changed. */
	fields?: string[];
	/** Handoff state a `handoff` event records: pending, submitted, accepted or returned. */
	status?: string;
	/** Why ops sent a handoff back, on a `handoff` event with status `returned`. */
	reason?: string;
}

export interface Member {
	id: string;
	name: string;
	role: MemberRole;
	color: string;
}

export interface BoardMeta {
	schemaVersion: number;
	name: string;
	createdAt: string;
	currency: string;
	locale: string;
}

/** Member id recorded on events written by imports and by seeding a board. */
export const SYSTEM_MEMBER = 'system';

/**
 * The default stages. Their ids are fixed, so two clients that seed the same empty board at once
 * write the same keys and the board ends up with one set of stages.
 */
export const DEFAULT_STAGES: readonly Stage[] = [
	{ id: 'lead', lane: 'sales', name: 'Lead', rank: 'a0', kind: 'open', probability: 0.1 },
	{ id: 'qualified', lane: 'sales', name: 'Qualified', rank: 'a1', kind: 'open', probability: 0.3 },
	{ id: 'proposal', lane: 'sales', name: 'Proposal', rank: 'a2', kind: 'open', probability: 0.5 },
	{
		id: 'negotiation',
		lane: 'sales',
		name: 'Negotiation',
		rank: 'a3',
		kind: 'open',
		probability: 0.7
	},
	{ id: 'won', lane: 'sales', name: 'Won', rank: 'a4', kind: 'won', probability: 1 },
	{ id: 'lost', lane: 'sales', name: 'Lost', rank: 'a5', kind: 'lost', probability: 0 },
	{ id: 'onboarding', lane: 'ops', name: 'Onboarding', rank: 'b0', kind: 'open' },
	{ id: 'active', lane: 'ops', name: 'Active', rank: 'b1', kind: 'active' },
	{ id: 'renewal', lane: 'ops', name: 'Renewal', rank: 'b2', kind: 'open' },
	{ id: 'churned', lane: 'ops', name: 'Churned', rank: 'b3', kind: 'churned' }
];

/** Board ids: letters, digits, `-` and `_`, 1 to 64 characters. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidBoardId(id: string): boolean {
	return BOARD_ID_PATTERN.test(id);
}
