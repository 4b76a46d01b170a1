/**
 * A card's path through the stages, read from its events: when it was won, lost and handed to
 * ops, and how long each finished stay in a stage lasted.
 */
import type { BoardEvent, Stage } from '../board/schema';
import { isOpsLane, isWinning, type StageIndex } from './stages';
import { daysBetween, parseTime } from './time';

/** A finished stay of a card in one stage. */
export interface Stay {
	stageId: string;
	days: number;
	/** When the card left the stage, in milliseconds. */
	leftAt: number;
}

export interface CardPath {
	/**
	 * First move into a won or ops stage since the card last entered an open or lost sales stage.
	 * A creation is not a move: a card created as won (an import, say) has its won date elsewhere.
	 */
	wonAt: number | null;
	/** Creation time of a card created in a won or ops stage and not moved back to sales since. */
	createdWonAt: number | null;
	/** First move into an ops stage since the win. */
	opsEnteredAt: number | null;
	/** Last move into a lost stage. */
	lostAt: number | null;
	/** Creation time of a card created in a lost stage. */
	createdLostAt: number | null;
	stays: Stay[];
	/** Each change of the card's ops state, in time order, as `walkCardPath` reads them. */
	opsChanges: OpsChange[];
}

/** A card in an ops stage is `active`, or `churned` in a churned stage; null outside ops. */
export type OpsState = 'active' | 'churned' | null;

/** The moment a card's ops state changed, in milliseconds. */
export interface OpsChange {
	at: number;
	state: OpsState;
}

/** Returns the ops state of a card in `stage`. */
export function opsStateOf(stage: Stage | undefined): OpsState {
	if (!stage || !isOpsLane(stage)) return null;
	return stage.kind === 'churned' ? 'churned' : 'active';
}

/** An event with its parsed time, so sorting and walking parse each time once. */
export interface TimedEvent {
	time: number;
	event: BoardEvent;
}

/**
 * Groups the events that enter a stage (those with a `to` stage) by card id, each group in time
 * order. Events with equal times keep their order in the document. Events with an invalid time
 * are left out, and so are the others (updates, archiving), which no KPI reads.
 */
export function groupEventsByCard(events: readonly BoardEvent[]): Map<string, TimedEvent[]> {
	const groups = new Map<string, TimedEvent[]>();
	for (const event of events) {
		if (typeof event.to !== 'string') continue;
		const time = parseTime(event.at);
		if (time === null) continue;
		const group = groups.get(event.cardId);
		if (group) group.push({ time, event });
		else groups.set(event.cardId, [{ time, event }]);
	}
	for (const group of groups.values()) {
		if (!isSorted(group)) group.sort((a, b) => a.time - b.time);
	}
	return groups;
}

function isSorted(group: readonly TimedEvent[]): boolean {
	for (let i = 1; i < group.length; i++) if (group[i - 1].time > group[i].time) return false;
	return true;
}

/**
 * Walks a card's events in time order. Any event with a `to` stage (create, move, handoff) is an
 * entry into that stage and ends the stay in the stage before it. Entering an open or lost sales
 * stage ends a win, so a card moved back out of won is won again only from its next win.
 */
export function walkCardPath(
	events: readonly TimedEvent[] | undefined,
	stages: StageIndex
): CardPath {
	const path: CardPath = {
		wonAt: null,
		createdWonAt: null,
		opsEnteredAt: null,
		lostAt: null,
		createdLostAt: null,
		stays: [],
		opsChanges: []
	};
	let current: string | null = null;
	let enteredAt = 0;
	for (const { time, event } of events ?? []) {
		const to = event.to;
		if (typeof to !== 'string' || to === current) continue;
		if (current !== null) {
			path.stays.push({ stageId: current, days: daysBetween(enteredAt, time), leftAt: time });
		}
		current = to;
		enteredAt = time;
		const stage = stages.get(to);
		if (stage) enterStage(path, stage, time, event.type === 'create');
		const state = opsStateOf(stage);
		const last = path.opsChanges[path.opsChanges.length - 1];
		if ((last?.state ?? null) !== state) path.opsChanges.push({ at: time, state });
	}
	return path;
}

function enterStage(path: CardPath, stage: Stage, time: number, created: boolean): void {
	if (!isWinning(stage)) {
		path.wonAt = null;
		path.createdWonAt = null;
		path.opsEnteredAt = null;
		if (stage.kind === 'lost') {
			if (created) path.createdLostAt = time;
			else path.lostAt = time;
		}
		return;
	}
	if (created) {
		path.createdWonAt = time;
		return;
	}
	if (path.wonAt === null && path.createdWonAt === null) path.wonAt = time;
	if (isOpsLane(stage)) path.opsEnteredAt ??= time;
}
