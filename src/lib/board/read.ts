/**
 * Typed reads of the board document. Data from peers is untrusted: every reader returns a value
 * of the declared type, falling back to a default for a missing or wrongly typed field, and
 * reports each problem through an optional callback instead of throwing. Each read reports
 * again, so a caller that shows the reports keeps the ones it has already shown.
 */
import type * as Y from 'yjs';
import {
	DEFAULT_CURRENCY,
	HEALTH_VALUES,
	LANES,
	MEMBER_ROLES,
	SCHEMA_VERSION,
	STAGE_KINDS,
	type BoardEvent,
	type BoardMeta,
	type Card,
	type Health,
	type Member,
	type Stage
} from './schema';

/** Receives one message per invalid field, naming the object and the field. */
export type ReportInvalid = (message: string) => void;

const ignore: ReportInvalid = () => {};

type Source = { get(key: string): unknown };

function text(source: Source, key: string, fallback: string, report: ReportInvalid, where: string) {
	const value = source.get(key);
	if (typeof value === 'string') return value;
	if (value !== undefined && value !== null) report(`${where}: ${key} must be a string`);
	return fallback;
}

function optionalText(source: Source, key: string, report: ReportInvalid, where: string) {
	const value = source.get(key);
	if (typeof value === 'string' && value !== '') return value;
	if (value !== undefined && value !== null && value !== '') {
		report(`${where}: ${key} must be a string`);
	}
	return null;
}

function finite(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value);
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): value is T {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

export function readCard(id: string, map: Y.Map<unknown>, report: ReportInvalid = ignore): Card {
	const where = `card ${id}`;
	const rawValue = map.get('value');
	let value = 0;
	if (finite(rawValue)) value = rawValue;
	else if (rawValue !== undefined && rawValue !== null) report(`${where}: value must be a number`);

	const rawPosition = map.get('position') as { stageId?: unknown; rank?: unknown } | undefined;
	let position = { stageId: '', rank: '' };
	if (
		rawPosition &&
		typeof rawPosition === 'object' &&
		typeof rawPosition.stageId === 'string' &&
		typeof rawPosition.rank === 'string'
	) {
		position = { stageId: rawPosition.stageId, rank: rawPosition.rank };
	} else {
		report(`${where}: position must be { stageId, rank }`);
	}

	const rawTags = map.get('tags');
	let tags: string[] = [];
	if (Array.isArray(rawTags))
		tags = rawTags.filter((tag): tag is string => typeof tag === 'string');
	else if (rawTags !== undefined && rawTags !== null) report(`${where}: tags must be an array`);

	const rawSatisfaction = map.get('satisfaction');
	let satisfaction: number | null = null;
	if (finite(rawSatisfaction) && rawSatisfaction >= 1 && rawSatisfaction <= 5) {
		satisfaction = rawSatisfaction;
	} else if (rawSatisfaction !== undefined && rawSatisfaction !== null) {
		report(`${where}: satisfaction must be a number from 1 to 5`);
	}

	const rawHealth = map.get('health');
	let health: Health | null = null;
	if (oneOf(HEALTH_VALUES, rawHealth)) health = rawHealth;
	else if (rawHealth !== undefined && rawHealth !== null) {
		report(`${where}: health must be one of ${HEALTH_VALUES.join(', ')}`);
	}

	return {
		id,
		title: text(map, 'title', '', report, where),
		company: text(map, 'company', '', report, where),
		contact: text(map, 'contact', '', report, where),
		value,
		position,
		salesOwner: optionalText(map, 'salesOwner', report, where),
		opsOwner: optionalText(map, 'opsOwner', report, where),
		tags,
		dueAt: optionalText(map, 'dueAt', report, where),
		createdAt: text(map, 'createdAt', '', report, where),
		closedAt: optionalText(map, 'closedAt', report, where),
		satisfaction,
		health,
		source: text(map, 'source', '', report, where),
		archived: map.get('archived') === true
	};
}

export function readStage(id: string, map: Y.Map<unknown>, report: ReportInvalid = ignore): Stage {
	const where = `stage ${id}`;
	const lane = map.get('lane');
	const kind = map.get('kind');
	const probability = map.get('probability');
	const wipLimit = map.get('wipLimit');
	if (!oneOf(LANES, lane)) report(`${where}: lane must be one of ${LANES.join(', ')}`);
	if (!oneOf(STAGE_KINDS, kind)) report(`${where}: kind must be one of ${STAGE_KINDS.join(', ')}`);
	const stage: Stage = {
		id,
		lane: oneOf(LANES, lane) ? lane : 'sales',
		name: text(map, 'name', id, report, where),
		rank: text(map, 'rank', '', report, where),
		kind: oneOf(STAGE_KINDS, kind) ? kind : 'open'
	};
	if (finite(probability) && probability >= 0 && probability <= 1) stage.probability = probability;
	if (finite(wipLimit) && wipLimit > 0) stage.wipLimit = Math.floor(wipLimit);
	return stage;
}

export function readMember(id: string, value: unknown, report: ReportInvalid = ignore): Member {
	const record = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
	const where = `member ${id}`;
	const source: Source = { get: (key) => record[key] };
	const role = record.role;
	return {
		id,
		name: text(source, 'name', id, report, where),
		role: oneOf(MEMBER_ROLES, role) ? role : 'sales',
		color: text(source, 'color', '#64748b', report, where)
	};
}

/** Returns the event, or null when it lacks the fields every event must have. */
export function readEvent(value: unknown, report: ReportInvalid = ignore): BoardEvent | null {
	if (!value || typeof value !== 'object') {
		report('event: must be an object');
		return null;
	}
	const event = value as Record<string, unknown>;
	if (
		typeof event.id !== 'string' ||
		typeof event.type !== 'string' ||
		typeof event.cardId !== 'string' ||
		typeof event.at !== 'string'
	) {
		report(`event ${String(event.id)}: id, type, cardId and at must be strings`);
		return null;
	}
	return value as BoardEvent;
}

export function readMeta(map: Y.Map<unknown>, report: ReportInvalid = ignore): BoardMeta {
	const version = map.get('schemaVersion');
	return {
		schemaVersion: finite(version) ? version : SCHEMA_VERSION,
		name: text(map, 'name', '', report, 'meta'),
		createdAt: text(map, 'createdAt', '', report, 'meta'),
		currency: text(map, 'currency', DEFAULT_CURRENCY, report, 'meta'),
		locale: text(map, 'locale', '', report, 'meta')
	};
}
