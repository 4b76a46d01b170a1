/** Lookups shared by the retrospective operations; each throws a `RetroError` when missing. */
import type * as Y from 'yjs';
import { boardRoots } from '../board/doc';
import { isIsoDate } from '../board/validate';
import { RETRO_KEYS, RetroError } from './schema';

export function requireRetro(doc: Y.Doc, retroId: string): Y.Map<unknown> {
	const map = boardRoots(doc).retros.get(retroId);
	if (!map) {
		throw new RetroError(
			`Retrospective ${JSON.stringify(retroId)} does not exist: it may have been deleted.`,
			'retroId'
		);
	}
	return map;
}

/** Returns one of the nested maps of a retrospective (columns, items, votes or actions). */
export function nested<T>(
	retro: Y.Map<unknown>,
	key: (typeof RETRO_KEYS)['columns' | 'items' | 'votes' | 'actions']
): Y.Map<T> {
	return retro.get(key) as Y.Map<T>;
}

export function requireItem(retro: Y.Map<unknown>, itemId: string): Y.Map<unknown> {
	const item = nested<Y.Map<unknown>>(retro, RETRO_KEYS.items).get(itemId);
	if (!item) {
		throw new RetroError(
			`Item ${JSON.stringify(itemId)} does not exist: it may have been deleted.`,
			'itemId'
		);
	}
	return item;
}

/** Trims `value` and checks it is non-empty text of at most `max` characters. */
export function requireText(value: unknown, field: string, label: string, max: number): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new RetroError(`${label} is empty: enter some text.`, field);
	}
	const trimmed = value.trim();
	if (trimmed.length > max) {
		throw new RetroError(
			`${label} is at most ${max} characters; this one has ${trimmed.length}.`,
			field
		);
	}
	return trimmed;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a plain calendar date `YYYY-MM-DD`. */
export function requireDate(value: unknown, field: string): string {
	if (typeof value !== 'string' || !DATE_ONLY.test(value) || !isIsoDate(value)) {
		throw new RetroError(
			`${field} must be a date such as 2024-05-31, not ${JSON.stringify(value)}.`,
			field
		);
	}
	return value;
}
