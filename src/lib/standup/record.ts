/**
 * Stand-ups recorded in the board document: a root `Y.Array` named `standups` of plain objects,
 * appended once when the presenter ends a stand-up. A stand-up in progress lives only in awareness.
 */
import type * as Y from 'yjs';
import { BoardError, isoTime, newId, type ChangeContext, type ReportInvalid } from '$lib/board';

/** Top-level key of the stand-up list in the board's `Y.Doc`. */
export const STANDUPS_ROOT = 'standups';

export interface StandupRecord {
	id: string;
	/** ISO 8601 time the presenter started the stand-up. */
	startedAt: string;
	/** ISO 8601 time the presenter ended it; never before `startedAt`. */
	endedAt: string;
	/** Member id of the presenter. */
	presenter: string;
	/** Member ids of the people walked through, in the order they were shown. */
	people: string[];
}

export function standupsArray(doc: Y.Doc): Y.Array<unknown> {
	return doc.getArray(STANDUPS_ROOT);
}

function isTime(value: unknown): value is string {
	return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** Returns the stand-up, or null (reported) when a peer wrote one without the required fields. */
export function readStandup(
	value: unknown,
	report: ReportInvalid = () => {}
): StandupRecord | null {
	if (!value || typeof value !== 'object') {
		report('standup: must be an object');
		return null;
	}
	const entry = value as Record<string, unknown>;
	const people = entry.people;
	if (
		typeof entry.id !== 'string' ||
		typeof entry.presenter !== 'string' ||
		!isTime(entry.startedAt) ||
		!isTime(entry.endedAt) ||
		!Array.isArray(people) ||
		!people.every((person) => typeof person === 'string')
	) {
		report(
			`standup ${String(entry.id)}: id and presenter must be strings, startedAt and endedAt ISO 8601 times, people a list of member ids`
		);
		return null;
	}
	return {
		id: entry.id,
		startedAt: entry.startedAt,
		endedAt: entry.endedAt,
		presenter: entry.presenter,
		people: [...people]
	};
}

export function readStandups(doc: Y.Doc, report?: ReportInvalid): StandupRecord[] {
	const standups: StandupRecord[] = [];
	for (const value of standupsArray(doc).toArray()) {
		const standup = readStandup(value, report);
		if (standup) standups.push(standup);
	}
	return standups;
}

export interface EndedStandup {
	/** Id the presenter published while the stand-up ran; a new one when absent. */
	id?: string;
	startedAt: string;
	people: string[];
}

/**
 * Appends a finished stand-up, ended at `context.now`, presented by `context.by`. Throws a
 * `BoardError` and writes nothing when the start time is invalid or after the end.
 */
export function recordStandup(
	doc: Y.Doc,
	standup: EndedStandup,
	context: ChangeContext
): StandupRecord {
	const endedAt = isoTime(context);
	if (!isTime(standup.startedAt)) {
		throw new BoardError(
			`Invalid stand-up start: ${JSON.stringify(standup.startedAt)} is not an ISO 8601 time.`,
			'startedAt'
		);
	}
	if (Date.parse(standup.startedAt) > Date.parse(endedAt)) {
		throw new BoardError(
			`Invalid stand-up start: ${standup.startedAt} is after its end ${endedAt}.`,
			'startedAt'
		);
	}
	const record: StandupRecord = {
		id: standup.id ?? newId(),
		startedAt: standup.startedAt,
		endedAt,
		presenter: context.by,
		people: [...standup.people]
	};
	doc.transact(() => standupsArray(doc).push([record]), context.origin);
	return record;
}
