/** The filters of a KPI derivation, checked and turned into times once. */
import { LANES, type Lane } from '../board/schema';
import { endOf, parseTime } from './time';

export interface KpiOptions {
	/** The time overdue cards are judged against; defaults to the current time. */
	now?: Date;
	/** Start of the period (ISO 8601, inclusive) for the KPIs about closed deals and stays. */
	from?: string;
	/** End of the period (ISO 8601, inclusive; a plain date includes its whole UTC day). */
	to?: string;
	/** Only cards whose sales owner or ops owner is this member id. */
	owner?: string;
	/** Only cards currently in a stage of this swimlane, and only that lane's stages. */
	lane?: Lane;
	/**
	 * Derives the KPIs as they were at the end of this moment (ISO 8601; a plain date means the end
	 * of its UTC day), replayed from the events. `now` defaults to that moment.
	 */
	asOf?: string;
}

/** An invalid KPI option. `option` names it, so an API can return a 400 response naming it. */
export class KpiOptionError extends Error {
	constructor(
		message: string,
		readonly option: keyof KpiOptions
	) {
		super(message);
		this.name = 'KpiOptionError';
	}
}

export interface KpiFilter {
	now: number;
	/** Inclusive start of the period in milliseconds; `-Infinity` without `from`. */
	from: number;
	/** Exclusive end of the period in milliseconds; `Infinity` without `to`. */
	until: number;
	owner: string | undefined;
	lane: Lane | undefined;
	/** Exclusive end of the replayed history in milliseconds; undefined for the board as it is. */
	asOf: number | undefined;
}

/** Checks the options and returns them as a filter; throws `KpiOptionError` on an invalid value. */
export function resolveOptions(options: KpiOptions = {}): KpiFilter {
	const asOf = options.asOf === undefined ? undefined : endOf(options.asOf);
	if (asOf === null) {
		throw new KpiOptionError(
			`asOf must be an ISO 8601 date such as 2024-06-30, not ${JSON.stringify(options.asOf)}.`,
			'asOf'
		);
	}

	const now = options.now ?? (asOf === undefined ? new Date() : new Date(asOf - 1));
	if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
		throw new KpiOptionError('now must be a valid Date.', 'now');
	}
	const from = options.from === undefined ? -Infinity : parseTime(options.from);
	if (from === null) {
		throw new KpiOptionError(
			`from must be an ISO 8601 date such as 2024-01-01, not ${JSON.stringify(options.from)}.`,
			'from'
		);
	}
	const until = options.to === undefined ? Infinity : endOf(options.to);
	if (until === null) {
		throw new KpiOptionError(
			`to must be an ISO 8601 date such as 2024-12-31, not ${JSON.stringify(options.to)}.`,
			'to'
		);
	}
	if (until <= from) {
		throw new KpiOptionError(
			`The period is empty: to (${options.to}) must not be before from (${options.from}).`,
			'to'
		);
	}
	if (options.lane !== undefined && !(LANES as readonly string[]).includes(options.lane)) {
		throw new KpiOptionError(
			`lane must be one of ${LANES.join(', ')}, not ${JSON.stringify(options.lane)}.`,
			'lane'
		);
	}
	if (options.owner !== undefined && (typeof options.owner !== 'string' || options.owner === '')) {
		throw new KpiOptionError('owner must be a member id.', 'owner');
	}
	return { now: now.getTime(), from, until, owner: options.owner, lane: options.lane, asOf };
}

export function inPeriod(time: number, filter: KpiFilter): boolean {
	return time >= filter.from && time < filter.until;
}

/**
 * Returns whether a time-bound KPI counts a date: any date when there is no period, else a known
 * date inside the period.
 */
export function countsInPeriod(time: number | null, filter: KpiFilter): boolean {
	if (filter.from === -Infinity && filter.until === Infinity) return true;
	return time !== null && inPeriod(time, filter);
}
