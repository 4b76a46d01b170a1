/**
 * The stand-up a presenter publishes in awareness, under the `standup` field of its local state,
 * so that followers show the same person and countdown. Other fields of the state belong to
 * other features and are left alone.
 */
import { timerMinutes } from './timer';

/** Awareness field that carries a running stand-up. */
export const STANDUP_FIELD = 'standup';

export interface StandupPresence {
	standupId: string;
	/** Member id of the presenter. */
	presenter: string;
	/** The presenter's display name, for boards where the presenter is not a member. */
	presenterName: string;
	/** Member id of the person being presented. */
	personId: string;
	/** Milliseconds since the epoch when the presenter moved to this person. */
	personStartedAt: number;
	/** Milliseconds since the epoch when the stand-up started. */
	startedAt: number;
	/** Minutes per person, 1 to 5. */
	minutes: number;
}

/** Returns the stand-up of one awareness state, or null when it has none or a malformed one. */
export function readPresence(state: unknown): StandupPresence | null {
	if (!state || typeof state !== 'object') return null;
	const value = (state as Record<string, unknown>)[STANDUP_FIELD];
	if (!value || typeof value !== 'object') return null;
	const entry = value as Record<string, unknown>;
	if (
		typeof entry.standupId !== 'string' ||
		typeof entry.presenter !== 'string' ||
		typeof entry.personId !== 'string' ||
		typeof entry.personStartedAt !== 'number' ||
		!Number.isFinite(entry.personStartedAt) ||
		typeof entry.startedAt !== 'number' ||
		!Number.isFinite(entry.startedAt)
	) {
		return null;
	}
	return {
		standupId: entry.standupId,
		presenter: entry.presenter,
		presenterName: typeof entry.presenterName === 'string' ? entry.presenterName : '',
		personId: entry.personId,
		personStartedAt: entry.personStartedAt,
		startedAt: entry.startedAt,
		minutes: timerMinutes(entry.minutes)
	};
}

export interface Presenter {
	clientId: number;
	presence: StandupPresence;
}

/**
 * Finds the client presenting a stand-up, leaving out `ownClientId`. When two clients present at
 * once, every replica picks the same one: the earliest start, then the lowest client id.
 */
export function findPresenter(
	states: ReadonlyMap<number, unknown>,
	ownClientId: number
): Presenter | null {
	let found: Presenter | null = null;
	for (const [clientId, state] of states) {
		if (clientId === ownClientId) continue;
		const presence = readPresence(state);
		if (!presence) continue;
		if (
			found === null ||
			presence.startedAt < found.presence.startedAt ||
			(presence.startedAt === found.presence.startedAt && clientId < found.clientId)
		) {
			found = { clientId, presence };
		}
	}
	return found;
}
