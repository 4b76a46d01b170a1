/** Checks of card fields written by people, imports and scripts, before they reach the document. */
import { BoardError } from './errors';
import { HEALTH_VALUES, type CardFields } from './schema';

export const MAX_TITLE_LENGTH = 200;
export const MAX_TEXT_LENGTH = 500;
export const MAX_TAGS = 20;

/** A plain calendar date (an all-day due date) or a full ISO 8601 time with a zone. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoDate(value: string): boolean {
	return (DATE_ONLY.test(value) || DATE_TIME.test(value)) && !Number.isNaN(Date.parse(value));
}

/** Throws a `BoardError` naming the first field of `patch` that breaks the schema's rules. */
export function validateCardFields(patch: Partial<CardFields>): void {
	if (patch.title !== undefined) {
		if (typeof patch.title !== 'string' || patch.title.trim() === '') {
			throw new BoardError('A card needs a title: enter the customer name.', 'title');
		}
		if (patch.title.length > MAX_TITLE_LENGTH) {
			throw new BoardError(
				`A title is at most ${MAX_TITLE_LENGTH} characters; this one has ${patch.title.length}.`,
				'title'
			);
		}
	}
	for (const field of ['company', 'contact', 'source'] as const) {
		const value = patch[field];
		if (value === undefined) continue;
		if (typeof value !== 'string' || value.length > MAX_TEXT_LENGTH) {
			throw new BoardError(
				`${field} must be text of at most ${MAX_TEXT_LENGTH} characters.`,
				field
			);
		}
	}
	if (patch.value !== undefined) {
		if (typeof patch.value !== 'number' || !Number.isFinite(patch.value) || patch.value < 0) {
			throw new BoardError(
				`A card's value must be a number of 0 or more, not ${JSON.stringify(patch.value)}.`,
				'value'
			);
		}
	}
	for (const field of ['salesOwner', 'opsOwner'] as const) {
		const value = patch[field];
		if (value !== undefined && value !== null && typeof value !== 'string') {
			throw new BoardError(`${field} must be a member id or empty.`, field);
		}
	}
	if (patch.tags !== undefined) {
		if (!Array.isArray(patch.tags) || patch.tags.some((tag) => typeof tag !== 'string')) {
			throw new BoardError('tags must be a list of words.', 'tags');
		}
		if (patch.tags.length > MAX_TAGS) {
			throw new BoardError(
				`A card has at most ${MAX_TAGS} tags; this one has ${patch.tags.length}.`,
				'tags'
			);
		}
	}
	for (const field of ['dueAt', 'createdAt', 'closedAt'] as const) {
		const value = patch[field];
		if (value === undefined || value === null) continue;
		if (typeof value !== 'string' || !isIsoDate(value)) {
			throw new BoardError(
				`${field} must be an ISO 8601 date such as 2024-05-31 or 2024-05-31T09:00:00Z, not ${JSON.stringify(value)}.`,
				field
			);
		}
	}
	if (patch.satisfaction !== undefined && patch.satisfaction !== null) {
		const value = patch.satisfaction;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 5) {
			throw new BoardError(
				`satisfaction must be a whole number from 1 to 5, not ${JSON.stringify(value)}.`,
				'satisfaction'
			);
		}
	}
	if (patch.health !== undefined && patch.health !== null) {
		if (!(HEALTH_VALUES as readonly string[]).includes(patch.health)) {
			throw new BoardError(
				`health must be one of ${HEALTH_VALUES.join(', ')}, not ${JSON.stringify(patch.health)}.`,
				'health'
			);
		}
	}
}
