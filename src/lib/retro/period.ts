/** Periods of whole UTC days, `YYYY-MM-DD` to `YYYY-MM-DD`, both inclusive. */

const DAY = 86_400_000;

function day(value: string): number {
	return Date.parse(`${value}T00:00:00Z`);
}

function format(time: number): string {
	return new Date(time).toISOString().slice(0, 10);
}

/** Returns the number of days in a period, counting both ends. */
export function periodDays(from: string, to: string): number {
	return Math.round((day(to) - day(from)) / DAY) + 1;
}

/** Returns the period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
	const length = periodDays(from, to);
	const end = day(from) - DAY;
	return { from: format(end - (length - 1) * DAY), to: format(end) };
}
