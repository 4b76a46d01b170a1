/**
 * Due dates. An all-day due date is stored as a plain `YYYY-MM-DD` calendar date and compared
 * with the viewer's own calendar date, so it never shifts between time zones. A timed due date is
 * stored as a UTC ISO 8601 time and shown in the viewer's zone. Time zones are IANA names such as
 * `Asia/Shanghai`, passed in explicitly and resolved through `Intl`.
 */
import { BoardError } from './errors';
import { laneOwner } from './ownership';
import type { Card, Stage, StageKind } from './schema';

/** Stage kinds that end a card's path: nothing is due on a card that has reached one. */
const TERMINAL_KINDS: ReadonlySet<StageKind> = new Set(['won', 'lost', 'churned']);

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A card's due date: a whole calendar day, or a moment in time. */
export type DueDate = { kind: 'day'; date: string } | { kind: 'time'; at: number };

export type DueStatus = 'overdue' | 'today' | 'upcoming';

/** Reads a stored `dueAt` value; returns null for an empty or unreadable one. */
export function parseDue(dueAt: string | null | undefined): DueDate | null {
	if (!dueAt) return null;
	if (DATE_ONLY.test(dueAt)) return { kind: 'day', date: dueAt };
	const at = Date.parse(dueAt);
	return Number.isNaN(at) ? null : { kind: 'time', at };
}

function parts(time: number, timeZone: string): Record<string, number> {
	const format = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	});
	const values: Record<string, number> = {};
	for (const part of format.formatToParts(time)) {
		if (part.type !== 'literal') values[part.type] = Number(part.value);
	}
	return values;
}

function pad(value: number): string {
	return String(value).padStart(2, '0');
}

/** Returns the calendar date, `YYYY-MM-DD`, that a moment falls on in a time zone. */
export function calendarDate(time: number, timeZone: string): string {
	const { year, month, day } = parts(time, timeZone);
	return `${year}-${pad(month)}-${pad(day)}`;
}

/** Returns the wall-clock time, `HH:MM`, of a moment in a time zone. */
export function clockTime(time: number, timeZone: string): string {
	const { hour, minute } = parts(time, timeZone);
	return `${pad(hour)}:${pad(minute)}`;
}

/** Returns how far a zone's wall clock is ahead of UTC at a moment, in milliseconds. */
function zoneOffset(time: number, timeZone: string): number {
	const { year, month, day, hour, minute, second } = parts(time, timeZone);
	const wall = Date.UTC(year, month - 1, day, hour, minute, second);
	return wall - Math.floor(time / 1_000) * 1_000;
}

/**
 * Builds the stored `dueAt` from an editor's date and optional time. Without a time it returns
 * the plain date. With one, it returns the UTC ISO time of that wall-clock time in `timeZone`.
 * Throws a `BoardError` for a malformed date or time.
 */
export function composeDue(date: string, time: string, timeZone: string): string | null {
	if (date === '' && time === '') return null;
	const day = DATE_ONLY.exec(date);
	if (!day || Number.isNaN(Date.parse(date))) {
		throw new BoardError(
			`A due date is a date such as 2024-05-31, not ${JSON.stringify(date)}.`,
			'dueAt'
		);
	}
	if (time === '') return date;
	const clock = TIME_OF_DAY.exec(time);
	if (!clock) {
		throw new BoardError(
			`A due time is a time such as 09:30, not ${JSON.stringify(time)}.`,
			'dueAt'
		);
	}
	const wall = Date.UTC(+day[1], +day[2] - 1, +day[3], +clock[1], +clock[2]);
	// Across a daylight saving change the offset at the first guess can differ from the offset at
	// the result, so it is measured again at the first result.
	let at = wall - zoneOffset(wall, timeZone);
	at = wall - zoneOffset(at, timeZone);
	return new Date(at).toISOString();
}

/** Splits a stored `dueAt` into the date and time the editor shows in `timeZone`. */
export function splitDue(dueAt: string | null, timeZone: string): { date: string; time: string } {
	const due = parseDue(dueAt);
	if (!due) return { date: '', time: '' };
	if (due.kind === 'day') return { date: due.date, time: '' };
	return { date: calendarDate(due.at, timeZone), time: clockTime(due.at, timeZone) };
}

/**
 * Judges a due date at `now` for a viewer in `timeZone`. An all-day date is overdue from the
 * viewer's next calendar day on. A timed one is overdue once its moment has passed, and due today
 * while it falls on the viewer's current calendar date.
 */
export function dueStatus(dueAt: string | null, now: number, timeZone: string): DueStatus | null {
	const due = parseDue(dueAt);
	if (!due) return null;
	const today = calendarDate(now, timeZone);
	if (due.kind === 'day') {
		if (due.date < today) return 'overdue';
		return due.date === today ? 'today' : 'upcoming';
	}
	if (due.at <= now) return 'overdue';
	return calendarDate(due.at, timeZone) === today ? 'today' : 'upcoming';
}

/** Returns the due status of a card, or null for archived cards and cards in a terminal stage. */
export function cardDueStatus(
	card: Card,
	stage: Stage | undefined,
	now: number,
	timeZone: string
): DueStatus | null {
	if (card.archived || (stage && TERMINAL_KINDS.has(stage.kind))) return null;
	return dueStatus(card.dueAt, now, timeZone);
}

/** Returns the moment a due date ends, for sorting: the end of the viewer's day for an all-day one. */
export function dueSortKey(dueAt: string | null, timeZone: string): number {
	const due = parseDue(dueAt);
	if (!due) return Number.POSITIVE_INFINITY;
	if (due.kind === 'time') return due.at;
	return Date.parse(composeDue(due.date, '23:59', timeZone) ?? '');
}

/** A card that needs attention today, in the Due panel. */
export interface DueEntry {
	card: Card;
	status: 'overdue' | 'today';
}

/** The cards due today or overdue of one person: the owner for each card's current lane. */
export interface DueGroup {
	/** Member id, or null for cards whose lane has no owner. */
	ownerId: string | null;
	entries: DueEntry[];
}

/**
 * Groups the cards due today or overdue by the owner for their current lane. Each group lists the
 * earliest due first. Groups with more overdue cards come first, and cards without an owner last.
 */
export function dueByOwner(
	cards: Iterable<Card>,
	stages: readonly Stage[],
	now: number,
	timeZone: string
): DueGroup[] {
	const byId = new Map(stages.map((stage) => [stage.id, stage]));
	const groups = new Map<string | null, DueEntry[]>();
	for (const card of cards) {
		const stage = byId.get(card.position.stageId);
		const status = cardDueStatus(card, stage, now, timeZone);
		if (status !== 'overdue' && status !== 'today') continue;
		const ownerId = stage ? laneOwner(card, stage) : null;
		const entries = groups.get(ownerId) ?? [];
		entries.push({ card, status });
		groups.set(ownerId, entries);
	}
	const overdue = (entries: DueEntry[]) =>
		entries.filter((entry) => entry.status === 'overdue').length;
	const result = [...groups].map(([ownerId, entries]) => ({
		ownerId,
		entries: entries.sort(
			(a, b) =>
				dueSortKey(a.card.dueAt, timeZone) - dueSortKey(b.card.dueAt, timeZone) ||
				a.card.id.localeCompare(b.card.id)
		)
	}));
	return result.sort((a, b) => {
		if ((a.ownerId === null) !== (b.ownerId === null)) return a.ownerId === null ? 1 : -1;
		return (
			overdue(b.entries) - overdue(a.entries) ||
			b.entries.length - a.entries.length ||
			(a.ownerId ?? '').localeCompare(b.ownerId ?? '')
		);
	});
}
