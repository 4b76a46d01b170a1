/** Reading one CSV record into the fields of a card; every rule broken becomes a `RowError`. */
import { HEALTH_VALUES, type CardFields, type Health } from '../board';
import type { ColumnIndex, StageResolver } from './mapping';

/** A row that cannot be imported; the message names the field, the rule and the value. */
export class RowError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'RowError';
	}
}

export interface ParsedRow {
	line: number;
	stageId: string;
	/** The row's id in the source system, or null without a reference column. */
	reference: string | null;
	fields: Partial<CardFields> & { title: string };
	salesOwnerName: string | null;
	opsOwnerName: string | null;
}

const AMOUNT = /^-?\d+(\.\d+)?$/;
const THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const CURRENCY_SIGNS = /^[¥￥$€£]/;
const DATE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/;
const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses an amount such as `1054`, `1,054.50` or `¥ 1054`; an empty cell is 0. */
export function parseAmount(raw: string, field: string): number {
	const text = raw.trim().replace(CURRENCY_SIGNS, '').trim();
	if (text === '') return 0;
	if (!AMOUNT.test(text) && !THOUSANDS.test(text)) {
		throw new RowError(
			`${field} must be a number such as 1054 or 1,054.50, not ${JSON.stringify(raw)}`
		);
	}
	const value = Number(text.replaceAll(',', ''));
	if (value < 0) throw new RowError(`${field} must be 0 or more, not ${JSON.stringify(raw)}`);
	return value;
}

/**
 * Parses a date (`2017-03-01`, `2017/3/1`) or a date and time (`2017-03-01T09:30:00Z`; without a
 * zone, UTC). Returns ISO 8601: a plain date stays a date when `keepDate` is set, otherwise it
 * becomes midnight UTC. An empty cell is null.
 */
export function parseDate(raw: string, field: string, keepDate = false): string | null {
	const text = raw.trim();
	if (text === '') return null;
	const invalid = () =>
		new RowError(
			`${field} must be a date such as 2017-03-01 or 2017-03-01T09:30:00Z, not ${JSON.stringify(raw)}`
		);
	const date = DATE.exec(text);
	if (date) {
		const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3])];
		const time = Date.UTC(year, month - 1, day);
		const parsed = new Date(time);
		if (parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) throw invalid();
		const iso = parsed.toISOString();
		return keepDate ? iso.slice(0, 10) : iso;
	}
	const dateTime = DATE_TIME.exec(text);
	if (!dateTime) throw invalid();
	const zone = dateTime[7] ?? 'Z';
	const normalizedZone =
		zone === 'Z' || zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
	const seconds = dateTime[6] ?? '00';
	const iso = `${dateTime[1]}-${dateTime[2]}-${dateTime[3]}T${dateTime[4]}:${dateTime[5]}:${seconds}${normalizedZone}`;
	const time = Date.parse(iso);
	if (Number.isNaN(time)) throw invalid();
	return new Date(time).toISOString();
}

/** Splits tags on `;`, `,` or `|`, trims them and drops empty and repeated ones. */
export function parseTags(raw: string): string[] {
	const tags = raw
		.split(/[;,|]/)
		.map((tag) => tag.trim())
		.filter((tag) => tag !== '');
	return [...new Set(tags)];
}

function parseSatisfaction(raw: string): number | null {
	const text = raw.trim();
	if (text === '') return null;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 1 || value > 5) {
		throw new RowError(
			`satisfaction must be a whole number from 1 to 5, not ${JSON.stringify(raw)}`
		);
	}
	return value;
}

function parseHealth(raw: string): Health | null {
	const text = raw.trim().toLowerCase();
	if (text === '') return null;
	if (!(HEALTH_VALUES as readonly string[]).includes(text)) {
		throw new RowError(
			`health must be one of ${HEALTH_VALUES.join(', ')}, not ${JSON.stringify(raw)}`
		);
	}
	return text as Health;
}

/** Reads one record whose field count matches the header. */
export function parseRow(
	line: number,
	cells: string[],
	columns: ColumnIndex,
	stages: StageResolver
): ParsedRow {
	const cell = (field: keyof ColumnIndex): string => {
		const index = columns[field];
		return index === undefined ? '' : cells[index].trim();
	};
	const tags = columns.tags === undefined ? [] : parseTags(cell('tags'));
	const reference = columns.reference === undefined ? null : cell('reference') || null;

	let title = cell('title');
	if (title === '') {
		// A row without a customer name still deserves a card: name it after what it sold.
		if (reference === null) throw new RowError('title is empty; every card needs a customer name');
		title = `${tags[0] ?? 'Deal'} · ${reference}`;
	}

	let stageId: string;
	if (columns.stage === undefined) {
		stageId = '';
	} else {
		const value = cell('stage');
		if (value === '') throw new RowError('stage is empty');
		const resolved = stages.resolve(value);
		if (resolved === null) {
			throw new RowError(
				`unknown stage ${JSON.stringify(value)}; the stages are ${stages.describe()}; map other values with mapping.stages`
			);
		}
		stageId = resolved;
	}

	const fields: ParsedRow['fields'] = {
		title,
		company: cell('company'),
		contact: cell('contact'),
		value: parseAmount(cell('value'), 'value'),
		tags,
		dueAt: parseDate(cell('dueAt'), 'dueAt', true),
		closedAt: parseDate(cell('closedAt'), 'closedAt'),
		source: cell('source'),
		satisfaction: parseSatisfaction(cell('satisfaction')),
		health: parseHealth(cell('health'))
	};
	const createdAt = parseDate(cell('createdAt'), 'createdAt');
	if (createdAt !== null) fields.createdAt = createdAt;

	return {
		line,
		stageId,
		reference,
		fields,
		salesOwnerName: cell('salesOwner') || null,
		opsOwnerName: cell('opsOwner') || null
	};
}
