/** Times and durations as the KPIs use them: milliseconds since the epoch, days, UTC months. */

export const DAY_MS = 86_400_000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Returns the time of an ISO 8601 string in milliseconds, or null when it is missing or invalid. */
export function parseTime(value: string | null | undefined): number | null {
	if (!value) return null;
	const time = parseCanonical(value) ?? Date.parse(value);
	return Number.isNaN(time) ? null : time;
}

/**
 * Parses the form `Date.prototype.toISOString` writes (`2024-05-31T09:00:00.000Z`), which every
 * board operation uses, about three times faster than `Date.parse` in Node 20. Returns null for
 * any other form, which `Date.parse` then reads.
 */
function parseCanonical(value: string): number | null {
	if (value.length !== 24 || value[10] !== 'T' || value[23] !== 'Z') return null;
	const year = digits(value, 0, 4);
	const month = digits(value, 5, 7);
	const day = digits(value, 8, 10);
	const hour = digits(value, 11, 13);
	const minute = digits(value, 14, 16);
	const second = digits(value, 17, 19);
	const millisecond = digits(value, 20, 23);
	if (value[4] !== '-' || value[7] !== '-' || value[13] !== ':' || value[16] !== ':') return null;
	if (value[19] !== '.' || year < 0 || millisecond < 0) return null;
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return null;
	return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

/** Returns the decimal number in `value[start..end)`, or -1 when a character is not a digit. */
function digits(value: string, start: number, end: number): number {
	let number = 0;
	for (let index = start; index < end; index++) {
		const digit = value.charCodeAt(index) - 48;
		if (digit < 0 || digit > 9) return -1;
		number = number * 10 + digit;
	}
	return number;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
	if (month !== 2) return MONTH_DAYS[month - 1];
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	return leap ? 29 : 28;
}

/**
 * Returns the first millisecond after an ISO 8601 value: the next UTC midnight for a plain date
 * such as `2024-05-31`, one millisecond later for a full time. Null for a missing or invalid value.
 */
export function endOf(value: string | null | undefined): number | null {
	const time = parseTime(value);
	if (time === null || !value) return null;
	return DATE_ONLY.test(value) ? time + DAY_MS : time + 1;
}

export function daysBetween(start: number, end: number): number {
	return (end - start) / DAY_MS;
}

/** Returns the UTC calendar month of a time as `YYYY-MM`. */
export function monthOf(time: number): string {
	const date = new Date(time);
	const month = date.getUTCMonth() + 1;
	return `${date.getUTCFullYear()}-${month < 10 ? '0' : ''}${month}`;
}

/** Returns every month from `first` to `last` (both `YYYY-MM`, inclusive) in order. */
export function monthRange(first: string, last: string): string[] {
	const months: string[] = [];
	let year = Number(first.slice(0, 4));
	let month = Number(first.slice(5, 7));
	for (;;) {
		const key = `${year}-${month < 10 ? '0' : ''}${month}`;
		if (key > last) break;
		months.push(key);
		month += 1;
		if (month > 12) {
			month = 1;
			year += 1;
		}
	}
	return months;
}
